// HTTP ⇄ OrgService: the org record and its honours. Every read goes through the caller's
// scope; out of scope answers 404.
#include "domains/orgs/routes.h"

#include "core/auth/principal.h"
#include "core/http/caller.h"
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
            {"year", h.year}, {"granted_by", h.granted_by}, {"created_at", to_wire(h.created_at)}};
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
            {"created_at", to_wire(o.created_at)},
            {"updated_at", to_wire(o.updated_at)}};
}

void register_routes(http::Router& r, OrgService& svc, const http::Cursors& cursors) {
    // Literal segments first: "/orgs/tree" must not be read as "/orgs/{id}".
    register_tree_routes(r, svc);

    r.add("GET", "/api/v1/orgs", Access::need("org.read"), [&svc, &cursors](Request& req) {
        const std::string q(req.query_param("q").value_or(""));
        if (q.size() > 200) throw ApiError(400, "request.query", "q 不超过 200 字节", "q");
        const int limit = http::query_limit(req);
        const auto at = cursors.open(req, "orgs");
        auto page =
            svc.list(http::principal_of(req).scope(), at ? http::cursor_int(*at, 0) : 0, limit, q);
        json out = json::array();
        for (const auto& o : page.items) out.push_back(org_json(o));
        json next = page.more ? json(cursors.seal(req, "orgs", json::array({page.items.back().id})))
                              : json(nullptr);
        return Response::json({{"items", out}, {"next_cursor", next}, {"total", page.total}});
    });

    r.add("GET", "/api/v1/orgs/{id}", Access::need("org.read"), [&svc](Request& req) {
        return Response::json(
            org_json(svc.get(http::principal_of(req).scope(), http::path_id(req))));
    });

    r.add("POST", "/api/v1/orgs", Access::need("org.write"), [&svc](Request& req) {
        auto body = http::json_object(req);
        NewOrg n;
        n.name = http::required_string(body, "name", 200);
        n.type = http::required_string(body, "type", 40);
        n.parent_id = http::optional_int(body, "parent_id");
        n.division_code = http::optional_string(body, "division_code", 6);
        const auto& p = http::principal_of(req);
        if (!n.parent_id) n.parent_id = p.org_id;
        return Response::json(org_json(svc.create(http::actor_of(req), p.scope(), n)), 201);
    });

    r.add("PUT", "/api/v1/orgs/{id}", Access::need("org.write"), [&svc](Request& req) {
        const OrgPatch patch = patch_from(http::json_object(req));
        return Response::json(org_json(svc.update(
            http::actor_of(req), http::principal_of(req).scope(), http::path_id(req), patch)));
    });

    r.add("GET", "/api/v1/orgs/{id}/honours", Access::need("org.read"), [&svc](Request& req) {
        json items = json::array();
        for (const auto& h : svc.honours(http::principal_of(req).scope(), http::path_id(req))) {
            items.push_back(honour_json(h));
        }
        return Response::json({{"items", items}});
    });

    r.add("POST", "/api/v1/orgs/{id}/honours", Access::need("org.write"), [&svc](Request& req) {
        auto body = http::json_object(req);
        NewHonour h;
        h.title = http::required_string(body, "title", 200);
        auto year = http::optional_int(body, "year");
        if (!year) throw ApiError(422, "org.honour_year", "请填写获得荣誉的年份", "year");
        h.year = *year;
        h.granted_by = http::optional_string(body, "granted_by", 200).value_or("");
        auto added = svc.add_honour(http::actor_of(req), http::principal_of(req).scope(),
                                    http::path_id(req), h);
        return Response::json(honour_json(added), 201);
    });

    r.add("DELETE", "/api/v1/orgs/{id}/honours/{hid}", Access::need("org.write"),
          [&svc](Request& req) {
              svc.remove_honour(http::actor_of(req), http::principal_of(req).scope(),
                                http::path_id(req), http::path_id(req, "hid"));
              return Response::json({{"deleted", true}});
          });

    register_structure_routes(r, svc);
}

}  // namespace gh::orgs
