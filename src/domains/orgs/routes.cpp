// HTTP ⇄ OrgService: the org record and its honours. Every read goes through the caller's
// scope; out of scope answers 404.
#include "domains/orgs/routes.h"

#include "core/auth/audit_record.h"
#include "core/auth/principal.h"
#include "core/http/cursor.h"
#include "core/http/fields.h"
#include "core/http/router.h"
#include "domains/orgs/orgs.h"

namespace gh::orgs {

namespace {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

template <class T>
json nullable(const std::optional<T>& v) {
    return v ? json(*v) : json(nullptr);
}

json honour_json(const Honour& h) {
    return {{"id", h.id},     {"org_id", h.org_id},         {"title", h.title},
            {"year", h.year}, {"granted_by", h.granted_by}, {"created_at", h.created_at}};
}

// A field of a PUT body: absent (nullopt), null (inner nullopt) or a string.
std::optional<std::optional<std::string>> nullable_string(const json& body, const char* field,
                                                          size_t max) {
    if (!body.contains(field)) return std::nullopt;
    if (body[field].is_null()) return std::optional<std::string>();
    return http::optional_string(body, field, max);
}

std::optional<std::optional<double>> nullable_number(const json& body, const char* field) {
    if (!body.contains(field)) return std::nullopt;
    const json& v = body[field];
    if (v.is_null()) return std::optional<double>();
    if (!v.is_number()) {
        throw ApiError(422, "field.type", "应为数字", field);
    }
    return std::optional<double>(v.get<double>());
}

OrgPatch patch_from(const json& body) {
    OrgPatch p;
    p.name = http::optional_string(body, "name", 200);
    p.credit_code = nullable_string(body, "credit_code", 40);
    p.industry = http::optional_string(body, "industry", 4);
    p.address = http::optional_string(body, "address", 500);
    p.lat = nullable_number(body, "lat");
    p.lng = nullable_number(body, "lng");
    p.chair_name = http::optional_string(body, "chair_name", 100);
    p.founded_on = nullable_string(body, "founded_on", 10);
    return p;
}

// The fields an org.update audit row may carry values of; the chair's name (a person's) is
// recorded as changed, never copied.
json audit_detail(const Org& o, const std::vector<std::string>& changed) {
    json d = {{"fields", changed}};
    for (const auto& f : changed) {
        if (f == "name") d["name"] = o.name;
        if (f == "credit_code") d["credit_code"] = nullable(o.credit_code);
        if (f == "industry") d["industry"] = o.industry;
        if (f == "founded_on") d["founded_on"] = nullable(o.founded_on);
    }
    return d;
}

}  // namespace

json org_json(const Org& o) {
    return {{"id", o.id},
            {"parent_id", nullable(o.parent_id)},
            {"name", o.name},
            {"type", o.type},
            {"division_code", nullable(o.division_code)},
            {"credit_code", nullable(o.credit_code)},
            {"industry", o.industry},
            {"address", o.address},
            {"lat", nullable(o.lat)},
            {"lng", nullable(o.lng)},
            {"chair_name", o.chair_name},
            {"founded_on", nullable(o.founded_on)},
            {"status", o.status},
            {"merged_into", nullable(o.merged_into)},
            {"created_at", o.created_at},
            {"updated_at", o.updated_at}};
}

void register_routes(http::Router& r, db::Pool& pool, OrgService& svc, audit::AuditLog& audit,
                     const http::Cursors& cursors) {
    // Literal segments first: "/orgs/tree" must not be read as "/orgs/{id}".
    register_tree_routes(r, pool, svc);

    r.add("GET", "/api/v1/orgs", Access::need("org.read"), [&pool, &svc, &cursors](Request& req) {
        const auto scope = auth::principal_of(req).scope();
        const std::string q(req.query_param("q").value_or(""));
        if (q.size() > 200) throw ApiError(400, "request.query", "q 不超过 200 字节", "q");
        int limit = http::query_limit(req);
        const auto at = cursors.open(req, "orgs");
        auto c = pool.acquire();
        auto items = svc.list_in_scope(*c, scope, at ? http::cursor_int(*at, 0) : 0, limit, q);
        json out = json::array();
        for (const auto& o : items) out.push_back(org_json(o));
        json next = items.size() == static_cast<size_t>(limit)
                        ? json(cursors.seal(req, "orgs", json::array({items.back().id})))
                        : json(nullptr);
        return Response::json(
            {{"items", out}, {"next_cursor", next}, {"total", svc.count_in_scope(*c, scope, q)}});
    });

    r.add("GET", "/api/v1/orgs/{id}", Access::need("org.read"), [&pool, &svc](Request& req) {
        auto c = pool.acquire();
        auto o = svc.find_in_scope(*c, auth::principal_of(req).scope(), http::path_id(req));
        if (!o) throw ApiError(404, "org.not_found", "组织不存在");
        return Response::json(org_json(*o));
    });

    r.add("POST", "/api/v1/orgs", Access::need("org.write"), [&pool, &svc, &audit](Request& req) {
        auto body = http::json_object(req);
        NewOrg n;
        n.name = http::required_string(body, "name", 200);
        n.type = http::required_string(body, "type", 40);
        n.parent_id = http::optional_int(body, "parent_id");
        n.division_code = http::optional_string(body, "division_code", 6);
        const auto& p = auth::principal_of(req);
        if (!n.parent_id) n.parent_id = p.org_id;
        auto c = pool.acquire();
        Org created = db::in_transaction(*c, [&](db::Connection& tx) {
            // The parent must be within reach: a cadre cannot hang an org under a neighbour.
            if (!svc.find_in_scope(tx, p.scope(), *n.parent_id)) {
                throw ApiError(422, "org.parent", "上级组织不存在或不在管辖范围内", "parent_id");
            }
            Org o = svc.create(tx, n);
            auth::record(audit, tx, auth::actor_of(req), "org.create", "org", std::to_string(o.id),
                         {{"name", o.name}, {"type", o.type}});
            return o;
        });
        return Response::json(org_json(created), 201);
    });

    r.add("PUT", "/api/v1/orgs/{id}", Access::need("org.write"),
          [&pool, &svc, &audit](Request& req) {
              const OrgPatch patch = patch_from(http::json_object(req));
              const int64_t id = http::path_id(req);
              auto c = pool.acquire();
              Org o = db::in_transaction(*c, [&](db::Connection& tx) {
                  std::vector<std::string> changed;
                  Org after = svc.update(tx, auth::principal_of(req).scope(), id, patch, &changed);
                  if (!changed.empty()) {
                      auth::record(audit, tx, auth::actor_of(req), "org.update", "org",
                                   std::to_string(id), audit_detail(after, changed));
                  }
                  return after;
              });
              return Response::json(org_json(o));
          });

    r.add("GET", "/api/v1/orgs/{id}/honours", Access::need("org.read"),
          [&pool, &svc](Request& req) {
              auto c = pool.acquire();
              auto o = svc.find_in_scope(*c, auth::principal_of(req).scope(), http::path_id(req));
              if (!o) throw ApiError(404, "org.not_found", "组织不存在");
              json items = json::array();
              for (const auto& h : svc.honours(*c, o->id)) items.push_back(honour_json(h));
              return Response::json({{"items", items}});
          });

    r.add("POST", "/api/v1/orgs/{id}/honours", Access::need("org.write"),
          [&pool, &svc, &audit](Request& req) {
              auto body = http::json_object(req);
              NewHonour h;
              h.title = http::required_string(body, "title", 200);
              auto year = http::optional_int(body, "year");
              if (!year) throw ApiError(422, "org.honour_year", "请填写获得荣誉的年份", "year");
              h.year = *year;
              h.granted_by = http::optional_string(body, "granted_by", 200).value_or("");
              const int64_t id = http::path_id(req);
              auto c = pool.acquire();
              Honour added = db::in_transaction(*c, [&](db::Connection& tx) {
                  if (!svc.find_in_scope(tx, auth::principal_of(req).scope(), id)) {
                      throw ApiError(404, "org.not_found", "组织不存在");
                  }
                  Honour out = svc.add_honour(tx, id, h);
                  auth::record(audit, tx, auth::actor_of(req), "org.honour_add", "org",
                               std::to_string(id),
                               {{"honour_id", out.id}, {"title", out.title}, {"year", out.year}});
                  return out;
              });
              return Response::json(honour_json(added), 201);
          });

    r.add("DELETE", "/api/v1/orgs/{id}/honours/{hid}", Access::need("org.write"),
          [&pool, &svc, &audit](Request& req) {
              const int64_t id = http::path_id(req);
              const int64_t hid = http::path_id(req, "hid");
              auto c = pool.acquire();
              db::in_transaction(*c, [&](db::Connection& tx) {
                  if (!svc.find_in_scope(tx, auth::principal_of(req).scope(), id) ||
                      !svc.remove_honour(tx, id, hid)) {
                      throw ApiError(404, "org.honour_not_found", "荣誉记录不存在");
                  }
                  auth::record(audit, tx, auth::actor_of(req), "org.honour_remove", "org",
                               std::to_string(id), {{"honour_id", hid}});
              });
              return Response::json({{"deleted", true}});
          });

    register_structure_routes(r, pool, svc, audit);
}

}  // namespace gh::orgs
