// The subtree figures, read from the rollups (rollups.h) so a province answers as fast as a county.
#include <algorithm>

#include "domains/members/members.h"
#include "domains/members/rollups.h"

namespace gh::members {

namespace {

int64_t root_of(const std::string& org_path) {
    const auto ids = path_ids(org_path);
    return ids.empty() ? 0 : ids.back();
}

}  // namespace

std::vector<std::pair<std::string, int64_t>> MemberService::count_by_occupation(
    db::Connection& c, const std::string& org_path) {
    std::vector<std::pair<std::string, int64_t>> out;
    for (auto r : c.query("SELECT category, members FROM member_counts WHERE org_id = ? AND "
                          "members > 0 ORDER BY members DESC, category",
                          {root_of(org_path)})) {
        out.emplace_back(r.get<std::string>(0), r.get<int64_t>(1));
    }
    return out;
}

std::vector<MonthFlow> MemberService::growth(db::Connection& c, const std::string& org_path,
                                             const std::string& from_month) {
    std::vector<MonthFlow> out;
    for (auto r : c.query("SELECT month, joined, departed FROM member_monthly WHERE org_id = ? "
                          "AND month >= ? ORDER BY month",
                          {root_of(org_path), from_month})) {
        out.push_back({r.get<std::string>(0), r.get<int64_t>(1), r.get<int64_t>(2)});
    }
    return out;
}

int64_t MemberService::count_in_orgs(db::Connection& c, const std::vector<int64_t>& org_ids) {
    int64_t total = 0;
    // In chunks, so the statement stays small whatever the number of orgs.
    constexpr size_t kChunk = 200;
    for (size_t from = 0; from < org_ids.size(); from += kChunk) {
        const size_t to = std::min(org_ids.size(), from + kChunk);
        std::string sql =
            "SELECT CAST(COALESCE(SUM(members), 0) AS BIGINT) FROM member_counts WHERE org_id IN (";
        db::Params params;
        for (size_t i = from; i < to; ++i) {
            sql += i == from ? "?" : ", ?";
            params.emplace_back(org_ids[i]);
        }
        sql += ")";
        total += c.query(sql, params).front().get<int64_t>(0);
    }
    return total;
}

}  // namespace gh::members
