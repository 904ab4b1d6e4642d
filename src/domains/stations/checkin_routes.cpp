// HTTP ⇄ CheckinService: the door's tokens and poster, the three ways in (a worker's scan, a
// keeper's card entry, a smart lock), the worker's visits and pass, and the visits dashboard.
#include "core/error.h"
#include "core/http/caller.h"
#include "core/http/fields.h"
#include "domains/stations/checkin.h"
#include "domains/stations/json.h"
#include "domains/stations/routes.h"

namespace gh::stations {

namespace {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

std::string wire(Clock::time_point t) { return to_wire(to_iso(t)); }

}  // namespace

json visit_json(const MyVisit& v) {
    return {{"id", v.id},
            {"station", {{"code", v.code}, {"name", v.name}}},
            {"visited_at", to_wire(v.visited_at)},
            {"method", v.method}};
}

namespace {

json checkin_json(const CheckinResult& r) {
    return {{"visit_id", r.visit_id},
            {"counted", r.counted},
            {"station", {{"code", r.code}, {"name", r.name}, {"address", r.address}}},
            {"visited_at", to_wire(r.visited_at)}};
}

Response image(std::string body, const char* type) {
    Response out;
    out.content_type = type;
    out.body = std::move(body);
    out.headers.emplace_back("cache-control", "no-store");
    return out;
}

json summary_json(const VisitSummary& s, const CheckinSettings& settings) {
    json by_day = json::array(), by_hour = json::array(), by_occupation = json::array(),
         by_station = json::array();
    for (const auto& [day, visits] : s.by_day) by_day.push_back({{"day", day}, {"visits", visits}});
    for (int64_t v : s.by_hour) by_hour.push_back(v);
    for (const auto& [code, visits] : s.by_occupation) {
        by_occupation.push_back({{"code", code}, {"visits", visits}});
    }
    for (const auto& v : s.by_station) {
        by_station.push_back(
            {{"id", v.id}, {"code", v.code}, {"name", v.name}, {"visits", v.visits}});
    }
    const std::string window = std::to_string(settings.repeat_window.count());
    return {
        {"from", s.from},
        {"to", s.to},
        {"visits", s.visits},
        {"days", s.days},
        {"daily_average", s.daily_average},
        {"uniques", s.uniques},
        {"by_day", by_day},
        {"by_hour", by_hour},
        {"by_occupation", by_occupation},
        {"by_station", by_station},
        {"formulas",
         {{"visits",
           "服务人次 = 统计期内各驿站签到次数之和（扫码、刷会员卡、门禁开门；同一人在同一驿站 " +
               window + " 分钟内重复签到只计 1 次）"},
          {"daily_average", "日服务人次 = 服务人次 ÷ 统计天数（" + std::to_string(s.days) +
                                " 天，含起止两日），保留两位小数"},
          {"uniques",
           "到访人数 = 各驿站每天首次到访的人数之和（同一人同一驿站同一天只计 1 次）"}}}};
}

SummaryQuery summary_query(const Request& req) {
    SummaryQuery q;
    q.from = std::string(req.query_param("from").value_or(""));
    q.to = std::string(req.query_param("to").value_or(""));
    return q;
}

}  // namespace

void register_checkin_routes(http::Router& r, StationService& stations, CheckinService& svc) {
    const CheckinSettings& settings = svc.settings();
    const Access self = Access::need(std::string(auth::kWorkerSelf));

    // --- the door ---
    r.add("GET", "/api/v1/stations/{id}/door-token", Access::need("station.keep"),
          [&svc](Request& req) {
              auto t = svc.screen_token(http::principal_of(req), http::path_id(req));
              Response out = Response::json(
                  {{"token", t.token}, {"url", t.url}, {"expires_at", wire(t.expires)}});
              out.headers.emplace_back("cache-control", "no-store");
              return out;
          });
    r.add("GET", "/api/v1/stations/{id}/poster.svg", Access::need("station.keep"),
          [&svc](Request& req) {
              return image(svc.poster_svg(http::principal_of(req), http::path_id(req)),
                           "image/svg+xml");
          });
    r.add("GET", "/api/v1/stations/{id}/poster.png", Access::need("station.keep"),
          [&svc](Request& req) {
              return image(svc.poster_png(http::principal_of(req), http::path_id(req)),
                           "image/png");
          });
    r.add("POST", "/api/v1/stations/{id}/door/renew", Access::need("station.write"),
          [&stations](Request& req) {
              return Response::json(station_json(stations.renew_door(
                  http::actor_of(req), http::principal_of(req), http::path_id(req))));
          });

    // --- the ways in ---
    r.add("POST", "/api/v1/worker/stations/checkin", self, [&svc](Request& req) {
        auto body = http::json_object(req);
        const std::string token = http::required_string(body, "token", 400);
        auto res = svc.scan(http::principal_of(req), token);
        return Response::json(checkin_json(res), res.counted ? 201 : 200);
    });
    r.add("POST", "/api/v1/stations/{id}/checkins", Access::need("station.keep"),
          [&svc](Request& req) {
              auto body = http::json_object(req);
              const std::string card = http::required_string(body, "card_no", 64);
              auto res = svc.by_card(http::actor_of(req), http::principal_of(req),
                                     http::path_id(req), card);
              return Response::json(checkin_json(res), res.counted ? 201 : 200);
          });
    r.add("POST", "/api/v1/stations/{code}/door", Access::need("station.door"),
          [&svc](Request& req) {
              auto body = http::json_object(req);
              auto it = body.find("credential");
              Credential cred;
              if (it != body.end() && it->is_object()) {
                  cred.type = http::optional_string(*it, "type", 20).value_or("");
                  cred.value = http::optional_string(*it, "value", 200).value_or("");
              }
              auto a = svc.door(http::actor_of(req), http::principal_of(req),
                                std::string(req.path_param("code")), cred);
              return Response::json({{"allow", a.allow}, {"reason", a.reason}});
          });

    // --- the worker ---
    r.add("GET", "/api/v1/worker/stations/pass", self, [&svc](Request& req) {
        auto [pass, expires] = svc.pass(http::principal_of(req));
        Response out = Response::json({{"pass", pass}, {"expires_at", wire(expires)}});
        out.headers.emplace_back("cache-control", "no-store");
        return out;
    });
    r.add("GET", "/api/v1/worker/stations/visits", self, [&svc](Request& req) {
        json items = json::array();
        for (const auto& v : svc.my_visits(http::principal_of(req))) items.push_back(visit_json(v));
        return Response::json({{"items", items}});
    });

    // --- the dashboard ---
    r.add(
        "GET", "/api/v1/stations/visits/summary", Access::need("station.read"),
        [&svc, &settings](Request& req) {
            SummaryQuery q = summary_query(req);
            if (auto org = req.query_param("org"); org && !org->empty()) {
                q.org_id = http::query_int(req, "org", 0);
            }
            return Response::json(summary_json(svc.summary(http::principal_of(req), q), settings));
        });
    r.add(
        "GET", "/api/v1/stations/{id}/visits/summary", Access::need("station.read"),
        [&svc, &settings](Request& req) {
            SummaryQuery q = summary_query(req);
            q.station_id = http::path_id(req);
            return Response::json(summary_json(svc.summary(http::principal_of(req), q), settings));
        });
}

}  // namespace gh::stations
