// The visits dashboard of a province with a year of check-ins: GET /stations/visits/summary's
// service (CheckinService::summary: visits, 日服务人次, uniques, by day, hour, occupation and
// station) over a year of rollup rows for STATIONS stations in 13 county federations under one
// province, each station open every day with visits in HOURS hours of it, by occupation. Beside
// it the least any such answer must read: one SUM over the same rows. Prints, asserts nothing.
//
//   bench_visits_dashboard sqlite:///tmp/dash.db [STATIONS] [HOURS]
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <random>

#include "cli_services.h"
#include "core/db/migrate.h"
#include "demo_data.h"
#include "domains/stations/checkin.h"

namespace {

using Steady = std::chrono::steady_clock;
double ms_since(Steady::time_point t) {
    return std::chrono::duration<double, std::milli>(Steady::now() - t).count();
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        fmt::print(stderr, "usage: bench_visits_dashboard DB_URL [STATIONS] [HOURS]\n");
        return 2;
    }
    const int stations = argc > 2 ? std::stoi(argv[2]) : 2000;
    const int hours_a_day = argc > 3 ? std::stoi(argv[3]) : 6;
    gh::Config cfg;
    cfg.db_url = argv[1];
    cfg.key_file =
        (std::filesystem::temp_directory_path() / "gonghui-bench-dashboard.key").string();
    {
        auto c = gh::db::connect(gh::db::parse_url(cfg.db_url));
        gh::db::migrate(*c, gh::db::builtin_migrations());
    }
    gh::CliServices s(cfg);
    std::vector<gh::orgs::Org> counties;
    gh::orgs::Org province;
    {
        auto c = s.pool.acquire();
        province = s.orgs.ensure_federation(*c, "610000");
        counties.push_back(s.orgs.ensure_federation(*c, "610424"));
        for (const auto& y : gh::demo::yulin_counties()) {
            counties.push_back(s.orgs.ensure_federation(*c, y.county.code));
        }
    }
    const char* occupations[] = {"courier",      "food_delivery", "ride_hailing",
                                 "truck_driver", "worker",        ""};
    std::mt19937_64 rng(365);
    auto t0 = Steady::now();
    int64_t rows = 0;
    {
        auto c = s.pool.acquire();
        gh::db::in_transaction(*c, [&](gh::db::Connection& tx) {
            if (tx.query("SELECT COUNT(*) FROM stations").front().get<int64_t>(0) > 0) return;
            for (int i = 0; i < stations; ++i) {
                const auto& org = counties[static_cast<size_t>(i) % counties.size()];
                const int64_t id =
                    tx.query(
                          "INSERT INTO stations (code, name, org_id, org_path, lat, lng, hours, "
                          "door_key_enc, created_at, updated_at) VALUES (?, ?, ?, ?, 35.0, "
                          "109.0, '24小时', ?, '2026-01-01T00:00:00.000Z', "
                          "'2026-01-01T00:00:00.000Z') RETURNING id",
                          {fmt::format("D{:06d}", i), fmt::format("压测驿站{}", i), org.id,
                           org.path, gh::db::Blob{"x"}})
                        .front()
                        .get<int64_t>(0);
                for (int d = 0; d < 365; ++d) {
                    const auto day = std::chrono::year_month_day{
                        std::chrono::sys_days(std::chrono::year(2025) / 1 / 1) +
                        std::chrono::days(d)};
                    const std::string text = fmt::format(
                        "{:04d}-{:02d}-{:02d}", static_cast<int>(day.year()),
                        static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
                    for (int h = 0; h < hours_a_day; ++h) {
                        const int hour = (7 + h * 17 / std::max(hours_a_day, 1)) % 24;
                        tx.execute(
                            "INSERT INTO station_visit_rollups (station_id, org_path, day, hour, "
                            "occupation, shard, visits, uniques) VALUES (?, ?, ?, ?, ?, 0, ?, ?)",
                            {id, org.path, text, int64_t{hour},
                             std::string(occupations[(i + d + h) % 6]),
                             static_cast<int64_t>(1 + rng() % 12),
                             static_cast<int64_t>(1 + rng() % 6)});
                        ++rows;
                    }
                }
            }
        });
    }
    if (rows)
        fmt::print("wrote {} rollup rows for {} stations in {:.1f} s\n", rows, stations,
                   ms_since(t0) / 1000);
    auto& checkin = s.services.get<gh::stations::CheckinService>();
    gh::auth::Principal p;
    p.kind = "staff";
    p.org_id = province.id;
    p.org_path = province.path;
    for (const auto& [label, org] :
         {std::pair{"province", province}, std::pair{"county", counties[0]}}) {
        gh::stations::SummaryQuery q;
        q.org_id = org.id;
        q.from = "2025-01-01";
        q.to = "2025-12-31";
        std::vector<double> ms;
        gh::stations::VisitSummary out;
        for (int k = 0; k < 5; ++k) {
            auto q0 = Steady::now();
            out = checkin.summary(p, q);
            ms.push_back(ms_since(q0));
        }
        std::sort(ms.begin(), ms.end());
        auto c = s.pool.acquire();
        auto r0 = Steady::now();
        auto raw = c->query(
            "SELECT CAST(SUM(visits) AS BIGINT) FROM station_visit_rollups WHERE org_path >= ? AND "
            "org_path < ? AND day >= '2025-01-01' AND day <= '2025-12-31'",
            {org.path, org.path + "\x7f"});
        const double raw_ms = ms_since(r0);
        fmt::print(
            "{} year summary: median {:.0f} ms (min {:.0f}), {} visits, daily average {:.0f}; "
            "one SUM over the same rows: {:.0f} ms\n",
            label, ms[2], ms[0], out.visits, out.daily_average, raw_ms);
        (void)raw;
    }
    return 0;
}
