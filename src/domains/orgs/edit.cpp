// Editing an org's own record and its honours.
#include "core/error.h"
#include "core/time.h"
#include "domains/orgs/orgs.h"
#include "domains/orgs/row.h"
#include "domains/orgs/rules.h"

namespace gh::orgs {

Org OrgService::require_in_scope(db::Connection& c, const Scope& s, int64_t id, const char* field) {
    auto o = find_in_scope(c, s, id);
    if (o) return *o;
    if (field == nullptr) throw ApiError(404, "org.not_found", "组织不存在");
    throw ApiError(422, "org.target_not_found", "目标组织不存在或不在管辖范围内", field);
}

Org OrgService::update(db::Connection& tx, const Scope& s, int64_t id, const OrgPatch& p,
                       std::vector<std::string>* changed) {
    Org o = require_in_scope(tx, s, id, nullptr);
    const Org before = o;
    if (p.name) o.name = rules::name(*p.name);
    if (p.credit_code) {
        o.credit_code =
            *p.credit_code ? std::optional(rules::credit_code(**p.credit_code)) : std::nullopt;
    }
    if (p.industry) {
        rules::industry(*p.industry);
        o.industry = *p.industry;
    }
    if (p.address) {
        rules::address(*p.address);
        o.address = *p.address;
    }
    if (p.lat) o.lat = *p.lat;
    if (p.lng) o.lng = *p.lng;
    rules::coordinates(o.lat, o.lng);
    if (p.chair_name) {
        rules::chair_name(*p.chair_name);
        o.chair_name = *p.chair_name;
    }
    if (p.founded_on) {
        if (*p.founded_on) rules::founded_on(**p.founded_on);
        o.founded_on = *p.founded_on;
    }
    if (changed) {
        auto note = [&](bool differs, const char* field) {
            if (differs) changed->emplace_back(field);
        };
        note(o.name != before.name, "name");
        note(o.credit_code != before.credit_code, "credit_code");
        note(o.industry != before.industry, "industry");
        note(o.address != before.address, "address");
        note(o.lat != before.lat || o.lng != before.lng, "coordinates");
        note(o.chair_name != before.chair_name, "chair_name");
        note(o.founded_on != before.founded_on, "founded_on");
    }
    try {
        tx.execute(
            "UPDATE orgs SET name = ?, credit_code = ?, industry = ?, address = ?, lat = ?, "
            "lng = ?, chair_name = ?, founded_on = ?, updated_at = ? WHERE id = ?",
            {o.name, db::opt(o.credit_code), o.industry, o.address, db::opt(o.lat), db::opt(o.lng),
             o.chair_name, db::opt(o.founded_on), now(), id});
    } catch (const db::DbError& e) {
        if (e.kind() == db::DbError::Kind::unique) {
            throw ApiError(409, "org.credit_code_taken", "该统一社会信用代码已属于另一个组织",
                           "credit_code");
        }
        throw;
    }
    return *find(tx, id);
}

std::vector<Honour> OrgService::honours(db::Connection& c, int64_t org_id) {
    std::vector<Honour> out;
    for (auto r : c.query("SELECT id, org_id, title, year, granted_by, created_at FROM "
                          "org_honours WHERE org_id = ? ORDER BY year DESC, id",
                          {org_id})) {
        out.push_back(Honour{r.get<int64_t>(0), r.get<int64_t>(1), r.get<std::string>(2),
                             r.get<int64_t>(3), r.get<std::string>(4), r.get<std::string>(5)});
    }
    return out;
}

Honour OrgService::add_honour(db::Connection& tx, int64_t org_id, const NewHonour& h) {
    rules::honour(h.title, h.year, h.granted_by);
    const std::string now = clock_.now_iso();
    const int64_t id = tx.query(
                             "INSERT INTO org_honours (org_id, title, year, granted_by, "
                             "created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
                             {org_id, h.title, h.year, h.granted_by, now})
                           .front()
                           .get<int64_t>(0);
    return Honour{id, org_id, h.title, h.year, h.granted_by, now};
}

bool OrgService::remove_honour(db::Connection& tx, int64_t org_id, int64_t honour_id) {
    return tx.execute("DELETE FROM org_honours WHERE id = ? AND org_id = ?", {honour_id, org_id}) ==
           1;
}

}  // namespace gh::orgs
