// The nearest-station query in-process: 186,100 stations (the national count at the end of
// 2024) in the R-tree of domains/stations/index.h, queried from random points where people
// are, against the physical reference of the same machine: one pass over every station
// computing its haversine distance (what any index must beat), and the index's answers checked
// equal to that brute force on a sample. Prints p50/p99 and queries/s; asserts nothing.
//
//   bench_stations_nearby [STATIONS] [QUERIES]
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <random>
#include <thread>
#include <vector>

#include "domains/stations/index.h"

namespace {

using Steady = std::chrono::steady_clock;
using gh::stations::NearbyQuery;
using gh::stations::Station;

// Cities weighted like where stations are: most of them crowded around a few hundred centres.
std::vector<gh::cn::LatLng> centres(std::mt19937_64& rng, int n) {
    std::uniform_real_distribution<double> lat(22.0, 45.0), lng(100.0, 122.0);
    std::vector<gh::cn::LatLng> out;
    for (int i = 0; i < n; ++i) out.push_back({lat(rng), lng(rng)});
    return out;
}

std::vector<Station> make(std::mt19937_64& rng, const std::vector<gh::cn::LatLng>& c, int n) {
    std::normal_distribution<double> spread(0.0, 0.08);
    const char* hours[] = {"24小时", "08:00-20:00", "22:00-06:00", "周一至周五 09:00-17:00"};
    std::vector<Station> out;
    out.reserve(n);
    for (int i = 0; i < n; ++i) {
        Station s;
        s.id = i + 1;
        s.code = fmt::format("B{:07d}", i);
        const auto& at = c[static_cast<size_t>(i) % c.size()];
        s.gcj = {at.lat + spread(rng), at.lng + spread(rng)};
        if (i % 2) s.amenities.emplace_back("microwave");
        if (i % 3) s.amenities.emplace_back("charging");
        s.hours = hours[i % 4];
        s.status = "open";
        out.push_back(std::move(s));
    }
    return out;
}

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())))];
}

}  // namespace

int main(int argc, char** argv) {
    const int n = argc > 1 ? std::stoi(argv[1]) : 186100;
    const int queries = argc > 2 ? std::stoi(argv[2]) : 20000;
    std::mt19937_64 rng(2024);
    const auto cities = centres(rng, 700);
    auto all = make(rng, cities, n);
    // Noon in Beijing, so that "open only" finds the day-time stations open.
    const auto now = gh::Clock::time_point(std::chrono::seconds(1796356800));

    gh::stations::NearbyIndex index;
    auto t0 = Steady::now();
    index.reset(all);
    const double build_ms = std::chrono::duration<double, std::milli>(Steady::now() - t0).count();
    fmt::print("stations: {}  index build: {:.0f} ms\n", n, build_ms);

    std::normal_distribution<double> near(0.0, 0.05);
    auto query_at = [&](int i) {
        NearbyQuery q;
        const auto& c = cities[static_cast<size_t>(i * 7919) % cities.size()];
        q.gcj = {c.lat + near(rng), c.lng + near(rng)};
        q.limit = 10;
        if (i % 2) q.amenities = {"microwave"};
        q.open_only = i % 4 == 3;
        return q;
    };
    std::vector<NearbyQuery> qs;
    for (int i = 0; i < queries; ++i) qs.push_back(query_at(i));

    // Equal to the brute force on a sample (the unit test does it exhaustively on 6,000).
    int mismatches = 0;
    std::vector<double> brute_us;
    for (int i = 0; i < 200; ++i) {
        auto b0 = Steady::now();
        auto want = gh::stations::nearest_brute_force(all, qs[i], now);
        brute_us.push_back(std::chrono::duration<double, std::micro>(Steady::now() - b0).count());
        auto got = index.nearest(qs[i], now);
        if (got.size() != want.size()) {
            ++mismatches;
            continue;
        }
        for (size_t k = 0; k < got.size(); ++k) mismatches += got[k].code != want[k].code;
    }
    fmt::print(
        "brute force (every station, haversine, hours parsed): p50 {:.0f} us, p99 {:.0f} us; "
        "index answers differing on 200 queries: {}\n",
        percentile(brute_us, 0.5), percentile(brute_us, 0.99), mismatches);

    // The reference a single pass over memory sets: haversine of every station, nothing else.
    {
        auto r0 = Steady::now();
        double best = 1e18;
        for (const auto& s : all) best = std::min(best, gh::cn::haversine_m(qs[0].gcj, s.gcj));
        const double us = std::chrono::duration<double, std::micro>(Steady::now() - r0).count();
        fmt::print("one haversine pass over {} stations: {:.0f} us (nearest {:.0f} m)\n", n, us,
                   best);
    }

    for (int threads : {1, 2}) {
        std::vector<std::vector<double>> lat(threads);
        std::vector<size_t> found(threads, 0);
        auto w0 = Steady::now();
        std::vector<std::thread> pool;
        for (int t = 0; t < threads; ++t) {
            pool.emplace_back([&, t] {
                for (int i = t; i < queries; i += threads) {
                    auto q0 = Steady::now();
                    auto hits = index.nearest(qs[i], now);
                    lat[t].push_back(
                        std::chrono::duration<double, std::micro>(Steady::now() - q0).count());
                    found[t] += hits.size();
                }
            });
        }
        for (auto& th : pool) th.join();
        const double secs = std::chrono::duration<double>(Steady::now() - w0).count();
        std::vector<double> all_lat;
        for (auto& v : lat) all_lat.insert(all_lat.end(), v.begin(), v.end());
        fmt::print(
            "index, {} thread(s), limit 10, half with an amenity filter, a quarter open-only: "
            "p50 {:.1f} us, p99 {:.1f} us, {:.0f} queries/s\n",
            threads, percentile(all_lat, 0.5), percentile(all_lat, 0.99), queries / secs);
        size_t hits = 0;
        for (auto f : found) hits += f;
        fmt::print("  hits per query: {:.1f}\n", static_cast<double>(hits) / queries);
    }
    return 0;
}
