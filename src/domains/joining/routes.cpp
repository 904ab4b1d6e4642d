// The cadres' joining routes, scoped to their subtree: the review queue, approve, reject, a batch,
// a ceremony, a member's card, and releasing a stale phone from a member record.
#include "domains/joining/routes.h"

#include "core/auth/principal.h"
#include "core/auth/rate_limiter.h"
#include "core/http/caller.h"
#include "core/http/cursor.h"
#include "core/http/fields.h"

namespace gh::joining {

namespace {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

std::string text_field(const json& o, const char* field, size_t max_bytes) {
    auto it = o.find(field);
    if (it == o.end() || it->is_null()) return {};
    if (!it->is_string() || it->get_ref<const std::string&>().size() > max_bytes) {
        throw ApiError(422, "request.field",
                       "应为不超过 " + std::to_string(max_bytes) + " 字节的文本", field);
    }
    return it->get<std::string>();
}

bool bool_field(const json& o, const char* field) {
    auto it = o.find(field);
    if (it == o.end() || it->is_null()) return false;
    if (!it->is_boolean()) throw ApiError(422, "request.field", "应为 true 或 false", field);
    return it->get<bool>();
}

std::vector<CeremonyPerson> people_of(const json& body) {
    auto it = body.find("people");
    if (it == body.end() || !it->is_array()) {
        throw ApiError(422, "join.ceremony_people", "people 应为名单数组", "people");
    }
    std::vector<CeremonyPerson> out;
    for (const auto& row : *it) {
        if (!row.is_object()) {
            throw ApiError(422, "join.ceremony_people", "名单的每一项应为对象", "people");
        }
        CeremonyPerson p;
        p.name = text_field(row, "name", 200);
        p.id_number = text_field(row, "id_number", 100);
        if (auto phone = text_field(row, "phone", 100); !phone.empty()) p.phone = phone;
        p.occupation = text_field(row, "occupation", 400);
        p.employer = text_field(row, "employer", 400);
        p.new_form = bool_field(row, "new_form");
        out.push_back(std::move(p));
    }
    return out;
}

std::vector<int64_t> ids_of(const json& body) {
    auto it = body.find("ids");
    if (it == body.end() || !it->is_array()) {
        throw ApiError(422, "join.batch_size", "ids 应为申请编号数组", "ids");
    }
    std::vector<int64_t> ids;
    for (const auto& v : *it) {
        if (!v.is_number_integer()) throw ApiError(422, "request.field", "申请编号应为整数", "ids");
        ids.push_back(v.get<int64_t>());
    }
    return ids;
}

}  // namespace

json list_json(const std::vector<Application>& items) {
    json out = json::array();
    for (const auto& a : items) out.push_back(application_json(a));
    return out;
}

void register_routes(http::Router& r, JoinService& svc, const http::Cursors& cursors) {
    const Access review = Access::need("member.review");

    r.add("GET", "/api/v1/join-applications", review, [&svc, &cursors](Request& req) {
        ApplicationQuery q;
        if (auto v = req.query_param("status"); v && !v->empty()) {
            if (*v != "pending" && *v != "approved" && *v != "rejected") {
                throw ApiError(422, "join.status", "status 只能是 pending、approved 或 rejected",
                               "status");
            }
            q.status = std::string(*v);
        }
        if (auto v = req.query_param("org"); v && !v->empty()) {
            q.org_id = http::query_int(req, "org", 0);
        }
        if (auto at = cursors.open(req, "join_applications")) q.after_id = http::cursor_int(*at, 0);
        q.limit = http::query_limit(req);
        auto page = svc.list(http::principal_of(req), q);
        return Response::json(
            {{"items", list_json(page.items)},
             {"next_cursor", page.next_cursor ? json(cursors.seal(req, "join_applications",
                                                                  json::array({*page.next_cursor})))
                                              : json(nullptr)},
             {"total", page.total}});
    });

    r.add("GET", "/api/v1/join-applications/{id}", review, [&svc](Request& req) {
        auto a = svc.get(http::principal_of(req), http::path_id(req));
        if (!a) throw ApiError(404, "join.not_found", "入会申请不存在");
        return Response::json(application_json(*a));
    });

    r.add("POST", "/api/v1/join-applications/{id}/approve", review, [&svc](Request& req) {
        return Response::json(application_json(
            svc.approve(http::actor_of(req), http::principal_of(req), http::path_id(req))));
    });

    r.add("POST", "/api/v1/join-applications/{id}/reject", review, [&svc](Request& req) {
        auto body = http::json_object(req);
        auto reason = http::optional_string(body, "reason", 2000, true).value_or("");
        return Response::json(application_json(
            svc.reject(http::actor_of(req), http::principal_of(req), http::path_id(req), reason)));
    });

    r.add("POST", "/api/v1/join-applications/batch-approve", review, [&svc](Request& req) {
        auto body = http::json_object(req);
        auto done = svc.batch_approve(http::actor_of(req), http::principal_of(req), ids_of(body));
        return Response::json({{"items", list_json(done)}});
    });

    // JSON {people, pi_consent, consent_version}, or the raw .xlsx/CSV roster in the members'
    // template columns with ?pi_consent=true&consent_version=… (ceremony_sheet.cpp).
    r.add("POST", "/api/v1/orgs/{id}/ceremony", review, [&svc](Request& req) {
        if (!is_json(req)) return ceremony_from_sheet(svc, req);
        auto body = http::json_object(req);
        auto done = svc.ceremony(http::actor_of(req), http::principal_of(req), http::path_id(req),
                                 people_of(body), bool_field(body, "pi_consent"),
                                 text_field(body, "consent_version", 64));
        return Response::json({{"items", list_json(done)}}, 201);
    });

    // Anyone (the card's QR code): valid or not, the status and the org's name; no PII.
    r.add("GET", "/api/v1/verify/card/{card_no}", Access::anyone(), [&svc](Request& req) {
        if (!svc.allow_verify(req.remote_ip)) {
            throw ApiError::too_many("auth.rate_limited", "尝试过于频繁，请一分钟后再试",
                                     svc.verify_retry_after());
        }
        const auto check = svc.verify_card(req.path_param("card_no"));
        return Response::json({{"valid", check.valid},
                               {"status", check.status},
                               {"org_name", check.valid ? json(check.org_name) : json(nullptr)}});
    });

    r.add("GET", "/api/v1/members/{id}/card.svg", Access::need("member.read"),
          [&svc](Request& req) {
              auto m = svc.member_card(http::principal_of(req), http::path_id(req));
              if (!m) throw ApiError(404, "member.not_found", "会员不存在");
              return svg_response(card_svg(*m, svc.public_url()));
          });
}

}  // namespace gh::joining
