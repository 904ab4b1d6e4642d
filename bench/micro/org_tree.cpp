// The tree API on a province: generates a province-sized union tree on SQLite (the province's
// federation chain from GB/T 2260, then township unions, grassroots unions and union groups
// under every county, about 20,000 orgs), and times what GET /api/v1/orgs/tree does: the
// service's one range scan plus the JSON answer, for the whole province and for its top levels.
// Also times moving a city's subtree (one range UPDATE of the paths). Figures are printed, never
// asserted.
//
//   bench_org_tree sqlite:///tmp/tree.db|postgresql://… [PROVINCE_CODE] [TOWNSHIPS_PER_COUNTY]
//   [UNIONS_PER_TOWNSHIP] (defaults: 610000 陕西, 10, 9)
#include <fmt/format.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "core/cn/divisions.h"
#include "core/db/db.h"
#include "core/db/migrate.h"
#include "core/db/pool.h"
#include "core/time.h"
#include "domains/orgs/orgs.h"
#include "domains/orgs/routes.h"

namespace {

using Clock = std::chrono::steady_clock;
using gh::orgs::NewOrg;

double ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

// Median-free but honest: the mean of `runs` calls after one warm-up call.
template <class Fn>
double time_ms(int runs, Fn&& fn) {
    fn();
    auto t0 = Clock::now();
    for (int i = 0; i < runs; ++i) fn();
    return ms(Clock::now() - t0) / runs;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        fmt::print(stderr, "usage: bench_org_tree sqlite:///tmp/tree.db [PROVINCE] [T] [U]\n");
        return 2;
    }
    const std::string url_text = argv[1];
    const std::string province = argc > 2 ? argv[2] : "610000";
    const int townships = argc > 3 ? std::atoi(argv[3]) : 10;
    const int unions = argc > 4 ? std::atoi(argv[4]) : 9;
    auto url = gh::db::parse_url(url_text);
    if (url.backend == gh::db::Backend::sqlite) {
        for (const char* s : {"", "-wal", "-shm"}) std::filesystem::remove(url.target + s);
    }
    auto c = gh::db::connect(url);
    gh::db::migrate(*c, gh::db::builtin_migrations());
    gh::db::Pool pool(url, 1);  // the service's own operations are not measured here
    gh::audit::AuditLog audit;
    gh::SystemTime clock;
    gh::orgs::OrgService svc(pool, audit, clock);

    // Generate: every county of the province gets `townships` township unions with `unions`
    // grassroots unions each, and every grassroots union one union group.
    auto t0 = Clock::now();
    int64_t some_city = 0;
    gh::db::in_transaction(*c, [&](gh::db::Connection& tx) {
        const auto root = svc.ensure_federation(tx, province);
        for (const auto* city : gh::cn::child_divisions(province)) {
            auto counties = gh::cn::child_divisions(city->code);
            if (counties.empty()) counties.push_back(city);  // a county the province runs
            for (const auto* county : counties) {
                const auto fed = svc.ensure_federation(tx, county->code);
                if (some_city == 0 && fed.parent_id && *fed.parent_id != root.id) {
                    some_city = *fed.parent_id;
                }
                for (int t = 0; t < townships; ++t) {
                    const auto town =
                        svc.create(tx, NewOrg{fmt::format("{}第{}镇工会", county->name, t + 1),
                                              "township_union", fed.id, std::nullopt});
                    for (int u = 0; u < unions; ++u) {
                        const auto g =
                            svc.create(tx, NewOrg{fmt::format("{}第{}厂工会", town.name, u + 1),
                                                  "grassroots_union", town.id, std::nullopt});
                        svc.create(tx,
                                   NewOrg{g.name + "第一小组", "union_group", g.id, std::nullopt});
                    }
                }
            }
        }
    });
    const int64_t total = c->query("SELECT COUNT(*) FROM orgs").front().get<int64_t>(0);
    fmt::print("generated {} orgs under {} in {:.0f} ms ({})\n", total,
               gh::cn::division_full_name(province), ms(Clock::now() - t0), url.display);

    const auto root = *svc.find_by_division(*c, province);
    const bool pg = url.backend == gh::db::Backend::postgresql;
    for (auto r : c->query(std::string(pg ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") +
                               "SELECT id, parent_id, name, type, status, path FROM orgs WHERE "
                               "path >= ? AND path < ? AND length(path) - length(replace(path, "
                               "'/', '')) <= ? ORDER BY path",
                           {root.path, root.path + "\x7f", int64_t{20}})) {
        fmt::print("plan: {}\n", r.get<std::string>(pg ? 0 : 3));
    }

    size_t bytes = 0, nodes = 0;
    for (int depth : {12, 2}) {
        using F = gh::orgs::TreeFormat;
        for (auto [format, label] : {std::pair{F::flat, "flat"}, std::pair{F::nested, "nested"},
                                     std::pair{F::compact, "compact"}}) {
            const double t = time_ms(20, [&] {
                auto tree = svc.tree(*c, root, depth, false);
                nodes = tree.size();
                bytes = gh::orgs::tree_json(tree, format).dump().size();
            });
            fmt::print("tree depth={:<2} {:<7} {:>6} nodes {:>9} bytes  {:>8.2f} ms\n", depth,
                       label, nodes, bytes, t);
        }
    }
    const double scan = time_ms(20, [&] { nodes = svc.tree(*c, root, 12, false).size(); });
    fmt::print("tree depth=12 service only (range scan + child counts) {:>6} nodes {:>8.2f} ms\n",
               nodes, scan);

    // Move a city's subtree to the province root and back: the path rewrite is one UPDATE.
    const auto city = *svc.find(*c, some_city);
    const int64_t sub = c->query("SELECT COUNT(*) FROM orgs WHERE path >= ? AND path < ?",
                                 {city.path, city.path + "\x7f"})
                            .front()
                            .get<int64_t>(0);
    gh::orgs::Scope everything{root.path};
    // A township union of the city, moved between two of the city's counties and back.
    const int64_t town_id =
        c->query(
             "SELECT id FROM orgs WHERE type = 'township_union' AND path >= ? AND path < ? "
             "ORDER BY id LIMIT 1",
             {city.path, city.path + "\x7f"})
            .front()
            .get<int64_t>(0);
    const auto town = *svc.find(*c, town_id);
    std::vector<int64_t> feds;
    for (auto r : c->query("SELECT id FROM orgs WHERE type = 'federation' AND parent_id = ? "
                           "ORDER BY id LIMIT 2",
                           {city.id})) {
        feds.push_back(r.get<int64_t>(0));
    }
    const int64_t to = feds.front() == *town.parent_id ? feds.back() : feds.front();
    const int64_t back = *town.parent_id;
    const double mv = time_ms(10,
                              [&] {
                                  gh::db::in_transaction(*c, [&](gh::db::Connection& tx) {
                                      svc.move(tx, everything, town_id, to);
                                      svc.move(tx, everything, town_id, back);
                                  });
                              }) /
                      2;
    fmt::print("move a township subtree ({} orgs of a city of {}) {:>8.2f} ms per move\n",
               c->query("SELECT COUNT(*) FROM orgs WHERE path >= ? AND path < ?",
                        {town.path, town.path + "\x7f"})
                   .front()
                   .get<int64_t>(0),
               sub, mv);
    return 0;
}
