// HTTP ⇄ MemberService. Reads go through the caller's scope; out of scope answers 404.
#include "domains/members/routes.h"

#include "core/auth/principal.h"
#include "core/http/fields.h"
#include "core/http/router.h"

namespace gh::members {

namespace {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

json member_json(const Member& m) {
    return {{"id", m.id},
            {"org_id", m.org_id},
            {"name", m.name},
            {"id_number", m.id_number},
            {"phone", m.phone ? json(*m.phone) : json(nullptr)},
            {"birth_date", m.birth_date},
            {"gender", m.gender},
            {"occupation", m.occupation},
            {"new_form", m.new_form},
            {"card_no", m.card_no},
            {"joined_on", m.joined_on},
            {"status", m.status},
            {"created_at", m.created_at},
            {"updated_at", m.updated_at}};
}

Reveal reveal_of(const Request& req) {
    auto v = req.query_param("reveal");
    if (!v || v->empty()) return Reveal::none;
    if (*v == "id_number") return Reveal::id_number;
    if (*v == "phone") return Reveal::phone;
    throw ApiError(422, "member.reveal", "reveal 只能是 id_number 或 phone", "reveal");
}

bool optional_bool(const json& body, const char* field) {
    auto it = body.find(field);
    if (it == body.end() || it->is_null()) return false;
    if (!it->is_boolean()) throw ApiError(422, "request.field", "应为 true 或 false", field);
    return it->get<bool>();
}

}  // namespace

void register_routes(http::Router& r, MemberService& svc) {
    r.add("POST", "/api/v1/members", Access::need("member.write"), [&svc](Request& req) {
        auto body = http::json_object(req);
        NewMember n;
        auto org_id = http::optional_int(body, "org_id");
        n.name = http::required_string(body, "name", 200);
        n.id_number = http::required_string(body, "id_number", 100);
        n.phone = http::optional_string(body, "phone", 100);
        n.occupation = http::optional_string(body, "occupation", 400).value_or("");
        n.new_form = optional_bool(body, "new_form");
        n.joined_on = http::optional_string(body, "joined_on", 10);
        const auto& p = auth::principal_of(req);
        n.org_id = org_id.value_or(p.org_id);
        return Response::json(member_json(svc.create(auth::actor_of(req), p, n)), 201);
    });

    r.add("GET", "/api/v1/members/{id}", Access::need("member.read"), [&svc](Request& req) {
        auto m = svc.get(auth::actor_of(req), auth::principal_of(req), http::path_id(req),
                         reveal_of(req));
        if (!m) throw ApiError(404, "member.not_found", "会员不存在");
        return Response::json(member_json(*m));
    });

    r.add("GET", "/api/v1/members", Access::need("member.read"), [&svc](Request& req) {
        MemberQuery q;
        if (auto v = req.query_param("q")) q.q = std::string(*v);
        if (auto v = req.query_param("org"); v && !v->empty())
            q.org_id = http::query_int(req, "org", 0);
        q.after_id = http::query_int(req, "cursor", 0);
        q.limit = http::query_limit(req);
        auto page = svc.list(auth::principal_of(req), q);
        json items = json::array();
        for (const auto& m : page.items) items.push_back(member_json(m));
        return Response::json(
            {{"items", items},
             {"next_cursor",
              page.next_cursor ? json(std::to_string(*page.next_cursor)) : json(nullptr)},
             {"total", page.total}});
    });
}

}  // namespace gh::members
