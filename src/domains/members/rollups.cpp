#include "domains/members/rollups.h"

#include <charconv>
#include <stdexcept>

#include <fmt/format.h>

#include "core/cn/id_number.h"
#include "core/time.h"

namespace gh::members {

std::vector<int64_t> path_ids(std::string_view path) {
    std::vector<int64_t> out;
    size_t i = 0;
    while (i < path.size()) {
        const size_t next = path.find('/', i);
        const size_t end = next == std::string_view::npos ? path.size() : next;
        int64_t id = 0;
        auto [p, ec] = std::from_chars(path.data() + i, path.data() + end, id);
        if (end > i && ec == std::errc() && p == path.data() + end) out.push_back(id);
        i = end + 1;
    }
    return out;
}

std::string this_month() {
    const auto d = cn::today_in_china();
    return fmt::format("{:04}-{:02}", static_cast<int>(d.year()), static_cast<unsigned>(d.month()));
}

void RollupDelta::count(const Counted& m, int64_t n, int64_t records) {
    for (int64_t org : path_ids(m.org_path)) {
        auto& c = counts_[{org, m.category}];
        c.members += n;
        if (m.gig) c.gig += n;
        c.records += records;
    }
}

void RollupDelta::flow(std::string_view org_path, std::string_view month, int64_t joined,
                       int64_t departed) {
    for (int64_t org : path_ids(org_path)) {
        auto& f = monthly_[{org, std::string(month)}];
        f.a += joined;
        f.b += departed;
    }
}

void RollupDelta::enter(const Counted& m, std::string_view month, int64_t n) {
    count(m, n, n);
    flow(m.org_path, month, n, 0);
}

void RollupDelta::leave(const Counted& m, std::string_view month, int64_t n) {
    count(m, -n);
    flow(m.org_path, month, 0, n);
}

void RollupDelta::move(const Counted& from, const Counted& to, std::string_view month,
                       int64_t n) {
    count(from, -n, -n);
    count(to, n, n);
    // The common ancestors are a common prefix of the two paths: they see neither side.
    const auto a = path_ids(from.org_path), b = path_ids(to.org_path);
    size_t common = 0;
    while (common < a.size() && common < b.size() && a[common] == b[common]) ++common;
    for (size_t i = common; i < a.size(); ++i) monthly_[{a[i], std::string(month)}].b += n;
    for (size_t i = common; i < b.size(); ++i) monthly_[{b[i], std::string(month)}].a += n;
}

void RollupDelta::apply(db::Connection& tx) {
    // ON CONFLICT … DO UPDATE is spelt the same on SQLite (3.24+) and PostgreSQL.
    for (const auto& [key, c] : counts_) {
        if (c.members == 0 && c.gig == 0 && c.records == 0) continue;
        tx.execute(
            "INSERT INTO member_counts (org_id, category, members, gig_members, records) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (org_id, category) DO UPDATE SET "
            "members = member_counts.members + excluded.members, "
            "gig_members = member_counts.gig_members + excluded.gig_members, "
            "records = member_counts.records + excluded.records",
            {key.first, key.second, c.members, c.gig, c.records});
    }
    for (const auto& [key, f] : monthly_) {
        if (f.a == 0 && f.b == 0) continue;
        tx.execute(
            "INSERT INTO member_monthly (org_id, month, joined, departed) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (org_id, month) DO UPDATE SET "
            "joined = member_monthly.joined + excluded.joined, "
            "departed = member_monthly.departed + excluded.departed",
            {key.first, key.second, f.a, f.b});
    }
    counts_.clear();
    monthly_.clear();
}

void move_subtree_rollups(db::Connection& tx, std::string_view old_root_path,
                          std::string_view new_root_path) {
    const auto before = path_ids(old_root_path), after = path_ids(new_root_path);
    if (before.empty() || after.empty() || before.back() != after.back()) {
        throw std::invalid_argument("move_subtree_rollups: not the same root");
    }
    const int64_t root = before.back();
    // The ancestors on one side only: the common ones keep the subtree either way.
    size_t common = 0;
    while (common + 1 < before.size() && common + 1 < after.size() &&
           before[common] == after[common]) {
        ++common;
    }
    std::vector<std::pair<int64_t, int64_t>> sides;  // (org, +1 gains / -1 loses)
    for (size_t i = common; i + 1 < before.size(); ++i) sides.emplace_back(before[i], -1);
    for (size_t i = common; i + 1 < after.size(); ++i) sides.emplace_back(after[i], 1);
    if (sides.empty()) return;
    RollupDelta d;
    for (auto r : tx.query("SELECT category, members, gig_members, records FROM member_counts "
                           "WHERE org_id = ?",
                           {root})) {
        for (const auto& [org, sign] : sides) {
            auto& c = d.counts_[{org, r.get<std::string>(0)}];
            c.members += sign * r.get<int64_t>(1);
            c.gig += sign * r.get<int64_t>(2);
            c.records += sign * r.get<int64_t>(3);
        }
    }
    for (auto r : tx.query("SELECT month, joined, departed FROM member_monthly WHERE org_id = ?",
                           {root})) {
        for (const auto& [org, sign] : sides) {
            auto& f = d.monthly_[{org, r.get<std::string>(0)}];
            f.a += sign * r.get<int64_t>(1);
            f.b += sign * r.get<int64_t>(2);
        }
    }
    d.apply(tx);
}

void rebuild_rollups(db::Connection& tx) {
    tx.execute("DELETE FROM member_counts");
    tx.execute("DELETE FROM member_monthly");
    RollupDelta d;
    for (auto r : tx.query("SELECT org_path, occupation_category, new_form, "
                           "SUM(CASE WHEN status IN ('active', 'transferring') THEN 1 ELSE 0 END), "
                           "COUNT(*) FROM members GROUP BY org_path, occupation_category, new_form")) {
        d.count({r.get<std::string>(0), r.get<std::string>(1), r.get<int64_t>(2) != 0},
                r.get<int64_t>(3), r.get<int64_t>(4));
    }
    for (auto r : tx.query("SELECT org_path, SUBSTR(joined_on, 1, 7), COUNT(*) FROM members "
                           "GROUP BY org_path, SUBSTR(joined_on, 1, 7)")) {
        d.flow(r.get<std::string>(0), r.get<std::string>(1), r.get<int64_t>(2), 0);
    }
    for (auto r : tx.query("SELECT org_path, SUBSTR(updated_at, 1, 7), COUNT(*) FROM members "
                           "WHERE status NOT IN ('active', 'transferring') "
                           "GROUP BY org_path, SUBSTR(updated_at, 1, 7)")) {
        d.flow(r.get<std::string>(0), r.get<std::string>(1), 0, r.get<int64_t>(2));
    }
    d.apply(tx);
}

}  // namespace gh::members
