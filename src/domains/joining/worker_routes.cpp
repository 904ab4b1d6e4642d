// The worker's joining routes on a phone (worker session): the consent text, applying,
// correcting and resubmitting, their applications, their membership and member card.
#include "core/http/caller.h"
#include "core/http/fields.h"
#include "domains/joining/routes.h"

namespace gh::joining {

namespace {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

json opt(const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); }

bool optional_bool(const json& body, const char* field) {
    auto it = body.find(field);
    if (it == body.end() || it->is_null()) return false;
    if (!it->is_boolean()) throw ApiError(422, "request.field", "应为 true 或 false", field);
    return it->get<bool>();
}

ApplicationForm form_of(const Request& req) {
    auto body = http::json_object(req);
    ApplicationForm f;
    f.name = http::required_string(body, "name", 200);
    f.id_number = http::required_string(body, "id_number", 100);
    f.phone = http::optional_string(body, "phone", 100).value_or("");
    f.occupation = http::optional_string(body, "occupation", 400).value_or("");
    f.employer = http::optional_string(body, "employer", 400).value_or("");
    f.new_form = optional_bool(body, "new_form");
    f.org_id = http::optional_int(body, "org_id");
    f.residence_code = http::optional_string(body, "residence_code", 12);
    f.workplace_code = http::optional_string(body, "workplace_code", 12);
    f.pi_consent = optional_bool(body, "pi_consent");
    f.consent_version = http::optional_string(body, "consent_version", 64).value_or("");
    return f;
}

}  // namespace

json application_json(const Application& a) {
    return {{"id", a.id},
            {"worker_id", a.worker_id ? json(*a.worker_id) : json(nullptr)},
            {"org_id", a.org_id},
            {"org_name", a.org_name},
            {"name", a.name},
            {"id_number", a.id_number},
            {"phone", opt(a.phone)},
            {"occupation", a.occupation},
            {"employer", a.employer},
            {"new_form", a.new_form},
            {"residence_code", opt(a.residence_code)},
            {"workplace_code", opt(a.workplace_code)},
            {"consent_version", a.consent_version},
            {"consented_at", to_wire(a.consented_at)},
            {"source", a.source},
            {"status", a.status},
            {"reject_reason", a.reject_reason},
            {"reviewed_by", opt(a.reviewed_by)},
            {"reviewed_at", http::wire_time(a.reviewed_at)},
            {"member_id", a.member_id ? json(*a.member_id) : json(nullptr)},
            {"created_at", to_wire(a.created_at)},
            {"updated_at", to_wire(a.updated_at)}};
}

json membership_json(const Membership& m) {
    return {{"member_id", m.member_id}, {"org_id", m.org_id},   {"org_name", m.org_name},
            {"name", m.name},           {"card_no", m.card_no}, {"status", m.status},
            {"joined_on", m.joined_on}};
}

Response svg_response(std::string body) {
    Response out;
    out.content_type = "image/svg+xml";
    out.body = std::move(body);
    out.headers.emplace_back("cache-control", "no-store");
    return out;
}

// What every accepted application answers, whoever holds the ID number and phone.
constexpr const char* kReceived = "申请已提交，我们会核实并通知您";

void register_worker_routes(http::Router& r, JoinService& svc, auth::LookupGuard& lookups) {
    const Access self = Access::need(std::string(auth::kWorkerSelf));

    r.add("GET", "/api/v1/worker/applications/consent", self, [](Request&) {
        return Response::json({{"version", kConsentVersion}, {"text", kConsentText}});
    });

    r.add("POST", "/api/v1/worker/applications", self, [&svc, &lookups](Request& req) {
        const ApplicationForm form = form_of(req);
        lookups.check(http::actor_of(req), "join.submit");
        json out = application_json(svc.submit(http::actor_of(req), http::principal_of(req), form));
        out["message"] = kReceived;
        return Response::json(out, 201);
    });

    r.add("PUT", "/api/v1/worker/applications/{id}", self, [&svc, &lookups](Request& req) {
        const ApplicationForm form = form_of(req);
        lookups.check(http::actor_of(req), "join.resubmit");
        json out = application_json(
            svc.resubmit(http::actor_of(req), http::principal_of(req), http::path_id(req), form));
        out["message"] = kReceived;
        return Response::json(out);
    });

    r.add("GET", "/api/v1/worker/applications", self, [&svc](Request& req) {
        json items = json::array();
        for (const auto& a : svc.mine(http::principal_of(req)))
            items.push_back(application_json(a));
        return Response::json({{"items", items}});
    });

    r.add("GET", "/api/v1/worker/membership", self, [&svc](Request& req) {
        auto m = svc.membership(http::principal_of(req));
        if (!m) throw ApiError(404, "join.no_membership", "尚无会员信息；入会申请审核通过后可见");
        return Response::json(membership_json(*m));
    });

    r.add("GET", "/api/v1/worker/membership/card.svg", self, [&svc](Request& req) {
        auto m = svc.membership(http::principal_of(req));
        if (!m) throw ApiError(404, "join.no_membership", "尚无会员信息；入会申请审核通过后可见");
        return svg_response(card_svg(*m, svc.public_url()));
    });
}

}  // namespace gh::joining
