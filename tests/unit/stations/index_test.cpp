// The R-tree behind /stations/nearby against a haversine brute force over the same stations:
// the same stations in the same order with the same distances, with and without filters, and
// after changes (a station moved, retired, added).
#include "domains/stations/index.h"

#include <gtest/gtest.h>

#include <random>

using namespace gh::stations;

namespace {

std::vector<Station> random_stations(std::mt19937_64& rng, int n) {
    std::uniform_real_distribution<double> lat(18.0, 53.0), lng(74.0, 134.0), local(-0.2, 0.2);
    const char* amenity_sets[][3] = {{"microwave", "charging", nullptr},
                                     {"hot_water", nullptr, nullptr},
                                     {"microwave", "aircon", "toilet"},
                                     {nullptr, nullptr, nullptr}};
    const char* hours[] = {"24小时", "08:00-20:00", "22:00-06:00", "周一至周五 09:00-17:00"};
    std::vector<Station> out;
    for (int i = 0; i < n; ++i) {
        Station s;
        s.id = i + 1;
        s.code = "T" + std::to_string(100000 + i);
        s.name = s.code;
        // Half spread over China, half crowded around one county, where order matters most.
        s.gcj = i % 2 ? gh::cn::LatLng{lat(rng), lng(rng)}
                      : gh::cn::LatLng{34.53 + local(rng), 108.24 + local(rng)};
        for (const char* a : amenity_sets[i % 4]) {
            if (a) s.amenities.emplace_back(a);
        }
        s.hours = hours[i % 4];
        s.status = i % 17 == 0 ? "repair" : i % 23 == 0 ? "retired" : "open";
        out.push_back(s);
    }
    return out;
}

void expect_same(const std::vector<NearbyHit>& got, const std::vector<NearbyHit>& want) {
    ASSERT_EQ(got.size(), want.size());
    for (size_t i = 0; i < got.size(); ++i) {
        EXPECT_EQ(got[i].code, want[i].code) << "at " << i;
        EXPECT_DOUBLE_EQ(got[i].distance_m, want[i].distance_m) << "at " << i;
        EXPECT_EQ(got[i].open, want[i].open) << "at " << i;
    }
}

const auto kNow = gh::Clock::time_point(std::chrono::seconds(1796356800));  // 2026-12-04 04:00 Z

}  // namespace

TEST(NearbyIndex, MatchesTheHaversineBruteForce) {
    std::mt19937_64 rng(14);
    auto all = random_stations(rng, 6000);
    NearbyIndex index;
    index.reset(all);
    std::uniform_real_distribution<double> lat(20.0, 50.0), lng(76.0, 130.0), local(-0.3, 0.3);
    for (int q = 0; q < 300; ++q) {
        NearbyQuery query;
        query.gcj = q % 2 ? gh::cn::LatLng{lat(rng), lng(rng)}
                          : gh::cn::LatLng{34.53 + local(rng), 108.24 + local(rng)};
        query.limit = 1 + q % 50;
        if (q % 3 == 1) query.amenities = {"microwave"};
        if (q % 3 == 2) query.amenities = {"microwave", "aircon"};
        query.open_only = q % 4 == 3;
        if (q % 5 == 0) query.at = kNow + std::chrono::hours(q % 24);
        expect_same(index.nearest(query, kNow), nearest_brute_force(all, query, kNow));
    }
}

TEST(NearbyIndex, FollowsEveryChange) {
    std::mt19937_64 rng(7);
    auto all = random_stations(rng, 500);
    NearbyIndex index;
    index.reset(all);
    NearbyQuery query;
    query.gcj = {34.53, 108.24};
    query.limit = 5;
    auto first = index.nearest(query, kNow);
    ASSERT_EQ(first.size(), 5u);
    // The nearest one moves far away, the second retires, a new one opens on the spot.
    for (auto& s : all) {
        if (s.code == first[0].code) s.gcj = {45.0, 125.0};
        if (s.code == first[1].code) s.status = "retired";
    }
    Station fresh;
    fresh.id = 9999;
    fresh.code = "NEW";
    fresh.name = "新站";
    fresh.gcj = {34.53, 108.24};
    fresh.hours = "24小时";
    fresh.status = "open";
    all.push_back(fresh);
    for (const auto& s : all) {
        if (s.code == first[0].code || s.code == first[1].code || s.code == "NEW") index.put(s);
    }
    auto after = index.nearest(query, kNow);
    expect_same(after, nearest_brute_force(all, query, kNow));
    EXPECT_EQ(after[0].code, "NEW");
    EXPECT_DOUBLE_EQ(after[0].distance_m, 0.0);
    for (const auto& h : after) {
        EXPECT_NE(h.code, first[0].code);
        EXPECT_NE(h.code, first[1].code);
    }
    EXPECT_EQ(index.size(),
              static_cast<size_t>(std::count_if(
                  all.begin(), all.end(), [](const Station& s) { return s.status != "retired"; })));
}

TEST(NearbyIndex, AnEmptyIndexAnswersNothing) {
    NearbyIndex index;
    NearbyQuery query;
    query.gcj = {34.53, 108.24};
    EXPECT_TRUE(index.nearest(query, kNow).empty());
}
