#include <charconv>

#include "core/cn/divisions.h"
#include "core/error.h"
#include "core/time.h"
#include "domains/orgs/orgs.h"
#include "domains/orgs/row.h"
#include "domains/orgs/rules.h"

namespace gh::orgs {

namespace {

using row::kColumns;
using row::one;

}  // namespace

std::optional<Org> OrgService::find(db::Connection& c, int64_t id) {
    return one(c.query(std::string(kColumns) + "WHERE id = ?", {id}));
}

std::optional<Org> OrgService::find_for_update(db::Connection& tx, int64_t id) {
    tx.execute("UPDATE orgs SET parent_id = parent_id WHERE id = ?", {id});
    return find(tx, id);
}

std::optional<Org> OrgService::find_by_division(db::Connection& c, std::string_view code) {
    return one(c.query(std::string(kColumns) + "WHERE division_code = ?", {std::string(code)}));
}

std::optional<Org> OrgService::resolve(db::Connection& c, std::string_view s) {
    if (cn::is_division_code(s)) {
        if (auto o = find_by_division(c, s)) return o;
    }
    return resolve_id(c, s);
}

std::optional<Org> OrgService::resolve_or_create_federation(db::Connection& c,
                                                            std::string_view ref) {
    if (auto o = resolve(c, ref)) return o;
    if (cn::is_division_code(ref) && cn::find_division(ref)) return ensure_federation(c, ref);
    return std::nullopt;
}

std::optional<Org> OrgService::resolve_id(db::Connection& c, std::string_view s) {
    int64_t id = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), id);
    if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
    return find(c, id);
}

std::optional<Org> OrgService::find_in_scope(db::Connection& c, const Scope& s, int64_t id) {
    auto o = find(c, id);
    if (!o || !s.contains(o->path)) return std::nullopt;
    return o;
}

std::vector<Org> OrgService::list_in_scope(db::Connection& c, const Scope& s, int64_t after_id,
                                           int limit, std::string_view q) {
    // The prefix range [root, root + 0x7f) is the subtree: an index range scan, no LIKE escaping.
    std::string sql = std::string(kColumns) + "WHERE path >= ? AND path < ? AND id > ? ";
    db::Params params{s.root_path, s.upper_bound(), after_id};
    if (!q.empty()) {
        sql += "AND name LIKE ? ESCAPE '\\' ";
        params.emplace_back(row::contains_pattern(q));
    }
    params.emplace_back(int64_t{limit});
    std::vector<Org> out;
    for (auto r : c.query(sql + "ORDER BY id LIMIT ?", params)) out.push_back(row::from(r));
    return out;
}

int64_t OrgService::count_in_scope(db::Connection& c, const Scope& s, std::string_view q) {
    if (q.empty()) {
        return c
            .query("SELECT COUNT(*) FROM orgs WHERE path >= ? AND path < ?",
                   {s.root_path, s.upper_bound()})
            .front()
            .get<int64_t>(0);
    }
    return c
        .query(
            "SELECT COUNT(*) FROM orgs WHERE path >= ? AND path < ? AND name LIKE ? "
            "ESCAPE '\\'",
            {s.root_path, s.upper_bound(), row::contains_pattern(q)})
        .front()
        .get<int64_t>(0);
}

int64_t OrgService::count_unions_in(db::Connection& c, const std::string& path) {
    const Scope s{path};
    return c
        .query(
            "SELECT COUNT(*) FROM orgs WHERE path >= ? AND path < ? AND type <> 'federation' "
            "AND status = 'active' AND holding_pool = 0",
            {s.root_path, s.upper_bound()})
        .front()
        .get<int64_t>(0);
}

Org OrgService::create(db::Connection& c, const NewOrg& o) {
    const std::string name = rules::name(o.name);
    rules::type(o.type);
    std::string parent_path = "/";
    if (o.parent_id) {
        auto parent = find_for_update(c, *o.parent_id);
        if (!parent) throw ApiError(422, "org.parent", "上级组织不存在", "parent_id");
        if (!parent->active()) {
            throw ApiError(422, "org.parent_inactive", "上级组织已撤销或合并", "parent_id");
        }
        parent_path = parent->path;
    }
    if (o.division_code) rules::division_code(*o.division_code);
    // The path holds the new id, known only after the insert: insert under a unique placeholder,
    // then set it, in the caller's transaction.
    std::string temp =
        parent_path + "pending-" + std::to_string(Clock::now().time_since_epoch().count());
    int64_t id = 0;
    try {
        id =
            c.query(
                 "INSERT INTO orgs (parent_id, path, name, type, division_code, created_at, "
                 "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                 {db::opt(o.parent_id), temp, name, o.type, db::opt(o.division_code), now(), now()})
                .front()
                .get<int64_t>(0);
    } catch (const db::DbError& e) {
        if (e.kind() == db::DbError::Kind::unique) {
            throw ApiError(409, "org.division_code_taken", "该行政区划已有工会组织",
                           "division_code");
        }
        throw;
    }
    std::string path = parent_path + std::to_string(id) + "/";
    c.execute("UPDATE orgs SET path = ? WHERE id = ?", {path, id});
    return *find(c, id);
}

Org OrgService::ensure_federation(db::Connection& c, std::string_view code) {
    auto chain = cn::division_chain(code);
    if (chain.empty()) {
        throw ApiError(422, "org.division_unknown", "未知的行政区划代码", "division_code");
    }
    std::optional<int64_t> parent;
    Org last;
    for (const auto* d : chain) {
        auto existing = find_by_division(c, d->code);
        if (existing) {
            last = *existing;
        } else {
            last = create(c, NewOrg{std::string(d->name) + "总工会", "federation", parent,
                                    std::string(d->code)});
        }
        parent = last.id;
    }
    return last;
}

Org OrgService::ensure_holding_pool(db::Connection& c, const Org& federation) {
    if (federation.type != "federation") {
        throw ApiError(422, "org.not_federation", "只有总工会设有会员周转库", "org_id");
    }
    auto existing = [&]() -> std::optional<Org> {
        auto rs = c.query("SELECT id FROM orgs WHERE parent_id = ? AND holding_pool = 1",
                          {federation.id});
        if (rs.empty()) return std::nullopt;
        return find(c, rs.front().get<int64_t>(0));
    };
    if (auto pool = existing()) return *pool;
    // ON CONFLICT DO NOTHING: a concurrent first join that created it already wins (PostgreSQL
    // waits for it and then inserts nothing), and the SELECT below finds its row.
    const std::string temp =
        federation.path + "pending-pool-" + std::to_string(Clock::now().time_since_epoch().count());
    auto rs = c.query(
        "INSERT INTO orgs (parent_id, path, name, type, division_code, holding_pool, created_at) "
        "VALUES (?, ?, ?, 'grassroots_union', NULL, 1, ?) ON CONFLICT DO NOTHING RETURNING id",
        {federation.id, temp, federation.name + "会员周转库", now()});
    if (!rs.empty()) {
        const int64_t id = rs.front().get<int64_t>(0);
        c.execute("UPDATE orgs SET path = ? WHERE id = ?",
                  {federation.path + std::to_string(id) + "/", id});
    }
    if (auto pool = existing()) return *pool;
    throw std::runtime_error("holding pool neither created nor found");
}

bool OrgService::is_holding_pool(db::Connection& c, int64_t id) {
    auto rs = c.query("SELECT holding_pool FROM orgs WHERE id = ?", {id});
    return !rs.empty() && rs.front().get<int64_t>(0) != 0;
}

}  // namespace gh::orgs
