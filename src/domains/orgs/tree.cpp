// Reading the tree for display (a province's worth in one answer) and the workers' union picker.
#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>

#include "core/cn/geo.h"
#include "domains/orgs/orgs.h"
#include "domains/orgs/row.h"

namespace gh::orgs {

namespace {

int slashes(std::string_view path) {
    return static_cast<int>(std::count(path.begin(), path.end(), '/'));
}

}  // namespace

std::vector<TreeNode> OrgService::tree(db::Connection& c, const Org& root, int depth,
                                       bool include_inactive) {
    // One range scan of the path index, in path order (a depth-first walk). The depth filter is
    // the number of '/' in the path; rows one level below the last are read to count children
    // and then left out.
    const int base = slashes(root.path);
    // No status filter in SQL: a second condition would tempt the planner away from the path
    // index (SQLite then sorts in a temporary B-tree); inactive rows are skipped below.
    auto rs = c.query(
        "SELECT id, parent_id, name, type, status, path FROM orgs WHERE path >= ? AND path < ? "
        "AND length(path) - length(replace(path, '/', '')) <= ? ORDER BY path",
        {root.path, root.path + "\x7f", static_cast<int64_t>(base + depth + 1)});
    std::vector<std::pair<std::string, TreeNode>> rows;
    rows.reserve(rs.size());
    for (auto r : rs) {
        TreeNode n;
        n.id = r.get<int64_t>(0);
        n.parent_id = r.get_opt<int64_t>(1);
        n.name = r.get<std::string>(2);
        n.type = r.get<std::string>(3);
        n.status = r.get<std::string>(4);
        if (!include_inactive && n.status != "active" && n.id != root.id) continue;
        std::string path = r.get<std::string>(5);
        n.depth = slashes(path) - base;
        rows.emplace_back(std::move(path), std::move(n));
    }
    // Byte order of the paths is depth-first order. A PostgreSQL database created with a
    // linguistic collation orders text otherwise (it ignores '/'), so check and sort if needed.
    const auto by_path = [](const auto& a, const auto& b) { return a.first < b.first; };
    if (!std::is_sorted(rows.begin(), rows.end(), by_path)) {
        std::sort(rows.begin(), rows.end(), by_path);
    }
    std::vector<TreeNode> all;
    all.reserve(rows.size());
    std::unordered_map<int64_t, size_t> index;
    index.reserve(rows.size());
    for (auto& [path, n] : rows) {
        // In depth-first order a parent always comes before its children.
        if (n.id != root.id && n.parent_id) {
            auto it = index.find(*n.parent_id);
            if (it != index.end()) ++all[it->second].child_count;
        }
        index.emplace(n.id, all.size());
        all.push_back(std::move(n));
    }
    std::erase_if(all, [depth](const TreeNode& n) { return n.depth > depth; });
    return all;
}

std::vector<JoinableUnion> OrgService::joinable(db::Connection& c, const JoinQuery& q) {
    std::string sql =
        "SELECT id, name, type, industry, address, lat, lng FROM orgs WHERE status = 'active' "
        "AND type IN ('grassroots_union', 'industry_federation') ";
    db::Params params;
    if (!q.industry.empty()) {
        sql += "AND industry = ? ";
        params.emplace_back(q.industry);
    }
    if (!q.q.empty()) {
        sql += "AND name LIKE ? ESCAPE '\\' ";
        params.emplace_back(row::contains_pattern(q.q));
    }
    const bool near = q.lat && q.lng;
    if (!near) {
        sql += "ORDER BY id LIMIT ?";
        params.emplace_back(int64_t{q.limit});
    }
    std::vector<JoinableUnion> out;
    for (auto r : c.query(sql, params)) {
        JoinableUnion u;
        u.id = r.get<int64_t>(0);
        u.name = r.get<std::string>(1);
        u.type = r.get<std::string>(2);
        u.industry = r.get<std::string>(3);
        u.address = r.get<std::string>(4);
        u.lat = r.get_opt<double>(5);
        u.lng = r.get_opt<double>(6);
        if (near && u.lat && u.lng) {
            u.distance_m = std::round(cn::haversine_m({*q.lat, *q.lng}, {*u.lat, *u.lng}));
        }
        out.push_back(std::move(u));
    }
    if (near) {
        // Unions without coordinates last; the rest nearest first, ties by id.
        auto key = [](const JoinableUnion& u) {
            return std::pair(u.distance_m.value_or(std::numeric_limits<double>::infinity()), u.id);
        };
        const size_t n = std::min(out.size(), static_cast<size_t>(q.limit));
        std::partial_sort(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(n), out.end(),
                          [&](const auto& a, const auto& b) { return key(a) < key(b); });
        out.resize(n);
    }
    return out;
}

}  // namespace gh::orgs
