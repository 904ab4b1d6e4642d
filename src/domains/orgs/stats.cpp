// Counts over a subtree of the union tree, for the stats route.
#include "domains/orgs/orgs.h"

namespace gh::orgs {

std::vector<std::pair<std::string, int64_t>> OrgService::count_by_type(db::Connection& c,
                                                                       const std::string& path) {
    const Scope s{path};
    std::vector<std::pair<std::string, int64_t>> out;
    // The same orgs count_unions_in counts (active ones), plus the federations.
    for (auto r : c.query("SELECT type, COUNT(*) FROM orgs WHERE path >= ? AND path < ? "
                          "AND status = 'active' AND holding_pool = 0 GROUP BY type ORDER BY type",
                          {s.root_path, s.upper_bound()})) {
        out.emplace_back(r.get<std::string>(0), r.get<int64_t>(1));
    }
    return out;
}

}  // namespace gh::orgs
