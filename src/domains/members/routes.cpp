// HTTP ⇄ MemberService. Reads go through the caller's scope; out of scope answers 404.
#include "domains/members/routes.h"

#include <algorithm>

#include "core/auth/principal.h"
#include "core/cn/id_number.h"
#include "core/cn/phone.h"
#include "core/http/caller.h"
#include "core/http/cursor.h"
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
            {"created_at", to_wire(m.created_at)},
            {"updated_at", to_wire(m.updated_at)},
            {"ethnicity", m.profile.ethnicity},
            {"education", m.profile.education},
            {"political_status", m.profile.political_status},
            {"occupation_category", m.profile.occupation_category},
            {"employer_name", m.profile.employer_name},
            {"employer_id", m.profile.employer_id ? json(*m.profile.employer_id) : json(nullptr)},
            {"migrant_worker", m.profile.migrant_worker},
            {"model_worker", m.profile.model_worker},
            {"hardship", m.profile.hardship}};
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

json opt(const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); }

json history_json(const HistoryEntry& h) {
    return {{"id", h.id},
            {"at", to_wire(h.at)},
            {"from_status", opt(h.from_status)},
            {"to_status", h.to_status},
            {"org_id", h.org_id},
            {"actor", h.actor},
            {"reason", h.reason}};
}

json transfer_json(const Transfer& t) {
    json out = {{"id", t.id},
                {"member_id", t.member_id},
                {"member_name", t.member_name},
                {"card_no", t.card_no},
                {"from_org_id", t.from_org_id},
                {"to_org_id", t.to_org_id},
                {"status", t.status},
                {"requested_by", t.requested_by},
                {"requested_at", to_wire(t.requested_at)},
                {"decided_by", opt(t.decided_by)},
                {"decided_at", http::wire_time(t.decided_at)},
                {"reason", t.reason},
                {"requested_by_side", t.requested_by_side}};
    if (t.from_org_name) out["from_org_name"] = *t.from_org_name;
    if (t.to_org_name) out["to_org_name"] = *t.to_org_name;
    return out;
}

TransferQuery transfer_query(const Request& req, const http::Cursors& cursors) {
    TransferQuery q;
    auto direction = req.query_param("direction");
    if (!direction || (*direction != "incoming" && *direction != "outgoing")) {
        throw ApiError(422, "transfer.direction", "direction 只能是 incoming 或 outgoing",
                       "direction");
    }
    q.incoming = *direction == "incoming";
    if (auto v = req.query_param("status"); v && !v->empty()) {
        if (*v != "pending" && *v != "accepted" && *v != "declined" && *v != "cancelled") {
            throw ApiError(422, "transfer.status",
                           "status 只能是 pending、accepted、declined 或 cancelled", "status");
        }
        q.status = std::string(*v);
    }
    if (auto at = cursors.open(req, "transfers")) q.after_id = http::cursor_int(*at, 0);
    q.limit = http::query_limit(req);
    return q;
}

}  // namespace

MemberQuery member_query(const Request& req) {
    MemberQuery q;
    auto text = [&](const char* name) -> std::optional<std::string> {
        auto v = req.query_param(name);
        if (!v || v->empty()) return std::nullopt;
        return std::string(*v);
    };
    q.q = text("q").value_or("");
    if (text("org")) q.org_id = http::query_int(req, "org", 0);
    q.occupation_category = text("occupation");
    q.status = text("status");
    if (auto flags = text("flags")) {
        size_t from = 0;
        while (from <= flags->size()) {
            const size_t comma = std::min(flags->find(',', from), flags->size());
            if (comma > from) q.flags.push_back(flags->substr(from, comma - from));
            from = comma + 1;
        }
    }
    q.joined_from = text("joined_from");
    q.joined_to = text("joined_to");
    if (auto e = text("employer")) {
        if (std::all_of(e->begin(), e->end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
            q.employer_id = http::query_int(req, "employer", 0);
        } else {
            q.employer_name = *e;
        }
    }
    q.limit = http::query_limit(req);
    return q;
}

void count_number_lookup(auth::LookupGuard& lookups, const Request& req, const MemberQuery& q,
                         std::string_view what) {
    // The same reading of `q` as MemberService::where_of: an ID number, else a phone.
    std::string_view text = q.q;
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    if (text.empty()) return;
    if (cn::parse_id_number(text, "q") || cn::parse_phone(text, "q")) {
        lookups.check(http::actor_of(req), what);
    }
}

namespace {

void register_lifecycle_routes(http::Router& r, MemberService& svc, const http::Cursors& cursors,
                               auth::LookupGuard& lookups) {
    r.add(
        "POST", "/api/v1/members/{id}/status", Access::need("member.write"), [&svc](Request& req) {
            auto body = http::json_object(req);
            auto status = http::required_string(body, "status", 50);
            auto reason = http::required_string(body, "reason", 2000, true);
            return Response::json(member_json(svc.change_status(
                http::actor_of(req), http::principal_of(req), http::path_id(req), status, reason)));
        });

    r.add("GET", "/api/v1/members/{id}/history", Access::need("member.read"), [&svc](Request& req) {
        auto h = svc.history(http::principal_of(req), http::path_id(req));
        if (!h) throw ApiError(404, "member.not_found", "会员不存在");
        json items = json::array();
        for (const auto& e : *h) items.push_back(history_json(e));
        return Response::json({{"items", items}});
    });

    r.add("POST", "/api/v1/members/{id}/transfers", Access::need("member.write"),
          [&svc](Request& req) {
              auto body = http::json_object(req);
              auto to = http::optional_int(body, "to_org_id");
              if (!to) throw ApiError(422, "transfer.org", "请指定转入工会", "to_org_id");
              auto reason = http::optional_string(body, "reason", 2000, true).value_or("");
              auto t = svc.request_transfer(http::actor_of(req), http::principal_of(req),
                                            http::path_id(req), *to, reason);
              return Response::json(transfer_json(t), 201);
          });

    // The receiving side asks for a person by ID number. Whether anybody holds the number, the
    // answer is the same: sent, for the giving side (if any) to confirm. Nothing about the
    // person, and nothing changes on the member until the giving side accepts.
    r.add("POST", "/api/v1/transfers/requests", Access::need("member.write"),
          [&svc, &lookups](Request& req) {
              auto body = http::json_object(req);
              auto id_number = http::optional_string(body, "id_number", 64).value_or("");
              auto to = http::optional_int(body, "to_org_id");
              if (!to) throw ApiError(422, "transfer.org", "请指定转入工会", "to_org_id");
              auto reason = http::optional_string(body, "reason", 2000, true).value_or("");
              lookups.check(http::actor_of(req), "transfer.request");
              svc.request_transfer_by_id(http::actor_of(req), http::principal_of(req), id_number,
                                         *to, reason);
              return Response::json(
                  {{"sent", true}, {"to_org_id", *to}, {"message", "已发出，由转出方确认"}}, 202);
          });

    const std::pair<const char*, Decision> decisions[] = {
        {"accept", Decision::accept}, {"decline", Decision::decline}, {"cancel", Decision::cancel}};
    for (const auto& [name, d] : decisions) {
        r.add("POST", std::string("/api/v1/transfers/{id}/") + name, Access::need("member.write"),
              [&svc, d = d](Request& req) {
                  return Response::json(transfer_json(svc.decide_transfer(
                      http::actor_of(req), http::principal_of(req), http::path_id(req), d)));
              });
    }

    r.add("GET", "/api/v1/transfers", Access::need("member.read"), [&svc, &cursors](Request& req) {
        auto page = svc.transfers(http::principal_of(req), transfer_query(req, cursors));
        json items = json::array();
        for (const auto& t : page.items) items.push_back(transfer_json(t));
        return Response::json(
            {{"items", items},
             {"next_cursor", page.next_cursor ? json(cursors.seal(req, "transfers",
                                                                  json::array({*page.next_cursor})))
                                              : json(nullptr)}});
    });
}

}  // namespace

void register_routes(http::Router& r, MemberService& svc, const http::Cursors& cursors,
                     auth::LookupGuard& lookups, const http::ImportLimits& limits) {
    // Before GET /api/v1/members/{id}: the first registered exact match wins.
    register_exchange_routes(r, svc, lookups, limits);
    // Creating tells whether the ID number is an active membership elsewhere: a lookup.
    r.add("POST", "/api/v1/members", Access::need("member.write"), [&svc, &lookups](Request& req) {
        auto body = http::json_object(req);
        NewMember n;
        auto org_id = http::optional_int(body, "org_id");
        n.name = http::required_string(body, "name", 200);
        n.id_number = http::required_string(body, "id_number", 100);
        n.phone = http::optional_string(body, "phone", 100);
        n.occupation = http::optional_string(body, "occupation", 400).value_or("");
        n.new_form = optional_bool(body, "new_form");
        n.joined_on = http::optional_string(body, "joined_on", 10);
        auto text = [&](const char* field) {
            return http::optional_string(body, field, 400).value_or("");
        };
        n.profile.ethnicity = text("ethnicity");
        n.profile.education = text("education");
        n.profile.political_status = text("political_status");
        n.profile.occupation_category = text("occupation_category");
        n.profile.employer_name = text("employer_name");
        n.profile.employer_id = http::optional_int(body, "employer_id");
        n.profile.migrant_worker = optional_bool(body, "migrant_worker");
        n.profile.model_worker = optional_bool(body, "model_worker");
        n.profile.hardship = optional_bool(body, "hardship");
        const auto& p = http::principal_of(req);
        n.org_id = org_id.value_or(p.org_id);
        lookups.check(http::actor_of(req), "member.create");
        return Response::json(member_json(svc.create(http::actor_of(req), p, n)), 201);
    });

    r.add("GET", "/api/v1/members/{id}", Access::need("member.read"), [&svc](Request& req) {
        auto m = svc.get(http::actor_of(req), http::principal_of(req), http::path_id(req),
                         reveal_of(req));
        if (!m) throw ApiError(404, "member.not_found", "会员不存在");
        return Response::json(member_json(*m));
    });

    r.add("GET", "/api/v1/members", Access::need("member.read"),
          [&svc, &cursors, &lookups](Request& req) {
              MemberQuery q = member_query(req);
              count_number_lookup(lookups, req, q, "member.search");
              if (auto at = cursors.open(req, "members")) {
                  q.after = MemberPosition{http::cursor_text(*at, 0), http::cursor_text(*at, 1),
                                           http::cursor_int(*at, 2)};
              }
              auto page = svc.list(http::principal_of(req), q);
              json items = json::array();
              for (const auto& m : page.items) items.push_back(member_json(m));
              json next = nullptr;
              if (page.next) {
                  next = cursors.seal(
                      req, "members",
                      json::array({page.next->name, page.next->org_path, page.next->id}));
              }
              return Response::json({{"items", items},
                                     {"next_cursor", next},
                                     {"total", page.total},
                                     {"total_capped", page.total_capped}});
          });

    register_lifecycle_routes(r, svc, cursors, lookups);

    // A number that changed hands: the old holder's membership lets it go (county cadres).
    r.add("POST", "/api/v1/members/{id}/release-phone", Access::need("member.phone.release"),
          [&svc](Request& req) {
              auto m = svc.release_phone(http::actor_of(req), http::principal_of(req),
                                         http::path_id(req));
              return Response::json({{"id", m.id}, {"phone", nullptr}, {"card_no", m.card_no}});
          });
}

}  // namespace gh::members
