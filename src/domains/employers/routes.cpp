// HTTP ⇄ EmployerService. Reads go through the caller's scope; out of scope answers 404.
#include "domains/employers/routes.h"

#include "core/auth/principal.h"
#include "core/error.h"
#include "core/http/caller.h"
#include "core/http/cursor.h"
#include "core/http/fields.h"
#include "core/http/router.h"

namespace gh::employers {

namespace {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

json opt(const std::optional<int64_t>& v) { return v ? json(*v) : json(nullptr); }

json employer_json(const Employer& e) {
    return {{"id", e.id},
            {"org_id", e.org_id},
            {"name", e.name},
            {"credit_code", e.credit_code},
            {"staff_size", e.staff_size},
            {"industry", e.industry},
            {"address", e.address},
            {"union_org_id", opt(e.union_org_id)},
            {"unionized", e.union_org_id.has_value()},
            {"should_unionize", e.should_unionize},
            {"created_at", to_wire(e.created_at)},
            {"updated_at", to_wire(e.updated_at)}};
}

bool optional_bool(const json& body, const char* field, bool def) {
    auto it = body.find(field);
    if (it == body.end() || it->is_null()) return def;
    if (!it->is_boolean()) throw ApiError(422, "request.field", "应为 true 或 false", field);
    return it->get<bool>();
}

std::optional<bool> maybe_bool(const json& body, const char* field) {
    auto it = body.find(field);
    if (it == body.end() || it->is_null()) return std::nullopt;
    return optional_bool(body, field, false);
}

std::optional<bool> query_bool(const Request& req, std::string_view name) {
    auto v = req.query_param(name);
    if (!v || v->empty()) return std::nullopt;
    if (*v == "true") return true;
    if (*v == "false") return false;
    throw ApiError(422, "employer.unionized", "unionized 只能是 true 或 false", std::string(name));
}

}  // namespace

void register_routes(http::Router& r, EmployerService& svc, const http::Cursors& cursors,
                     const http::ImportLimits& limits) {
    register_import_routes(r, svc, limits);

    r.add("POST", "/api/v1/employers", Access::need("org.write"), [&svc](Request& req) {
        auto body = http::json_object(req);
        NewEmployer n;
        n.org_id = http::optional_int(body, "org_id");
        n.name = http::required_string(body, "name", 200);
        n.credit_code = http::required_string(body, "credit_code", 100);
        n.staff_size = http::optional_int(body, "staff_size");
        n.industry = http::optional_string(body, "industry", 10).value_or("");
        n.address = http::optional_string(body, "address", 500).value_or("");
        n.union_org_id = http::optional_int(body, "union_org_id");
        n.should_unionize = optional_bool(body, "should_unionize", true);
        auto e = svc.create(http::actor_of(req), http::principal_of(req), n);
        return Response::json(employer_json(e), 201);
    });

    r.add("GET", "/api/v1/employers", Access::need("org.read"), [&svc, &cursors](Request& req) {
        EmployerQuery q;
        q.q = std::string(req.query_param("q").value_or(""));
        q.unionized = query_bool(req, "unionized");
        if (auto at = cursors.open(req, "employers")) q.after_id = http::cursor_int(*at, 0);
        q.limit = http::query_limit(req);
        auto page = svc.list(http::principal_of(req), q);
        json items = json::array();
        for (const auto& e : page.items) items.push_back(employer_json(e));
        json next = page.next_cursor
                        ? json(cursors.seal(req, "employers", json::array({*page.next_cursor})))
                        : json(nullptr);
        return Response::json({{"items", items}, {"next_cursor", next}, {"total", page.total}});
    });

    r.add("GET", "/api/v1/employers/{id}", Access::need("org.read"), [&svc](Request& req) {
        auto e = svc.get(http::principal_of(req), http::path_id(req));
        if (!e) throw ApiError(404, "employer.not_found", "用人单位不存在");
        return Response::json(employer_json(*e));
    });

    // Only the fields given change; see EmployerEdit for the credit code and the org.
    r.add("PUT", "/api/v1/employers/{id}", Access::need("org.write"), [&svc](Request& req) {
        auto body = http::json_object(req);
        EmployerEdit e;
        e.org_id = http::optional_int(body, "org_id");
        e.name = http::optional_string(body, "name", 200);
        e.credit_code = http::optional_string(body, "credit_code", 100);
        e.staff_size = http::optional_int(body, "staff_size");
        e.industry = http::optional_string(body, "industry", 10);
        e.address = http::optional_string(body, "address", 500);
        e.should_unionize = maybe_bool(body, "should_unionize");
        auto out = svc.update(http::actor_of(req), http::principal_of(req), http::path_id(req), e);
        return Response::json(employer_json(out));
    });

    r.add("PUT", "/api/v1/employers/{id}/union", Access::need("org.write"), [&svc](Request& req) {
        auto body = http::json_object(req);
        if (!body.contains("union_org_id")) {
            throw ApiError(422, "employer.union_org", "请填写 union_org_id（取消关联时为 null）",
                           "union_org_id");
        }
        auto union_org_id = http::optional_int(body, "union_org_id");
        auto e = svc.set_union(http::actor_of(req), http::principal_of(req), http::path_id(req),
                               union_org_id);
        return Response::json(employer_json(e));
    });
}

}  // namespace gh::employers
