// HTTP ⇄ RosterService: the stationmaster roster and day logs (console), wishes (phone and
// console).
#include "domains/stations/roster_routes.h"
#include "core/error.h"
#include "core/http/caller.h"
#include "core/http/fields.h"
#include "domains/stations/roster.h"

namespace gh::stations {

namespace {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

json entry_json(const RosterEntry& e) {
    return {{"id", e.id},
            {"station_id", e.station_id},
            {"station_code", e.station_code},
            {"station_name", e.station_name},
            {"day", e.day},
            {"cadre_name", e.cadre_name},
            {"account_id", e.account_id ? json(*e.account_id) : json(nullptr)},
            {"theme", e.theme},
            {"log", e.log},
            {"served", e.served},
            {"created_at", to_wire(e.created_at)},
            {"updated_at", to_wire(e.updated_at)}};
}

json list(const std::vector<RosterEntry>& v) {
    json items = json::array();
    for (const auto& e : v) items.push_back(entry_json(e));
    return {{"items", items}};
}

json wishes(const std::vector<Wish>& v, bool for_worker) {
    json items = json::array();
    for (const auto& w : v) items.push_back(wish_json(w, for_worker));
    return {{"items", items}};
}

// from/to of a calendar query: default this month … a month on.
std::pair<std::string, std::string> range(const Request& req, const TimeSource& clock) {
    const std::string today = clock.today();
    std::string from(req.query_param("from").value_or(today.substr(0, 8) + "01"));
    std::string to(req.query_param("to").value_or(""));
    if (to.empty()) {
        const auto d =
            std::chrono::sys_days(std::chrono::year_month_day{
                std::chrono::year(std::stoi(today.substr(0, 4))),
                std::chrono::month(std::stoi(today.substr(5, 2))), std::chrono::day(1)}) +
            std::chrono::days(62);
        to = beijing_date(std::chrono::time_point_cast<Clock::duration>(
            std::chrono::sys_time<Clock::duration>(d)));
    }
    return {from, to};
}

}  // namespace

void register_roster_routes(http::Router& r, RosterService& svc, const TimeSource& clock) {
    const Access self = Access::need(std::string(auth::kWorkerSelf));

    r.add("GET", "/api/v1/station-roster", Access::need("station.read"),
          [&svc, &clock](Request& req) {
              auto [from, to] = range(req, clock);
              return Response::json(list(svc.calendar(http::principal_of(req), from, to)));
          });
    r.add("GET", "/api/v1/stations/{id}/roster", Access::need("station.read"),
          [&svc, &clock](Request& req) {
              auto [from, to] = range(req, clock);
              return Response::json(
                  list(svc.of_station(http::principal_of(req), http::path_id(req), from, to)));
          });
    r.add("POST", "/api/v1/stations/{id}/roster", Access::need("station.write"),
          [&svc](Request& req) {
              auto body = http::json_object(req);
              NewRosterEntry e;
              e.day = http::required_string(body, "day", 20);
              e.cadre_name = http::required_string(body, "cadre_name", 200);
              e.account_id = http::optional_int(body, "account_id");
              e.theme = http::optional_string(body, "theme", 400).value_or("");
              auto out =
                  svc.add(http::actor_of(req), http::principal_of(req), http::path_id(req), e);
              return Response::json(entry_json(out), 201);
          });
    r.add("PUT", "/api/v1/station-roster/{id}", Access::need("station.keep"), [&svc](Request& req) {
        auto body = http::json_object(req);
        auto out =
            svc.log(http::actor_of(req), http::principal_of(req), http::path_id(req),
                    http::optional_string(body, "log", 8000), http::optional_int(body, "served"),
                    http::optional_string(body, "theme", 400));
        return Response::json(entry_json(out));
    });
    r.add("DELETE", "/api/v1/station-roster/{id}", Access::need("station.write"),
          [&svc](Request& req) {
              svc.remove(http::actor_of(req), http::principal_of(req), http::path_id(req));
              return Response::no_content();
          });

    // Wishes: the worker's own, and the console's follow-up.
    r.add("POST", "/api/v1/worker/stations/{code}/wishes", self, [&svc](Request& req) {
        auto body = http::json_object(req);
        auto w = svc.wish(http::actor_of(req), http::principal_of(req),
                          std::string(req.path_param("code")),
                          http::required_string(body, "text", 2000));
        return Response::json(wish_json(w, true), 201);
    });
    r.add("GET", "/api/v1/worker/stations/wishes", self, [&svc](Request& req) {
        return Response::json(wishes(svc.my_wishes(http::principal_of(req)), true));
    });
    r.add("GET", "/api/v1/station-wishes", Access::need("station.read"), [&svc](Request& req) {
        std::optional<int64_t> station;
        if (auto s = req.query_param("station"); s && !s->empty()) {
            station = http::query_int(req, "station", 0);
        }
        return Response::json(
            wishes(svc.wishes(http::principal_of(req),
                              std::string(req.query_param("status").value_or("")), station),
                   false));
    });
    r.add(
        "POST", "/api/v1/stations/{id}/wishes", Access::need("station.keep"), [&svc](Request& req) {
            auto body = http::json_object(req);
            auto w = svc.record_wish(http::actor_of(req), http::principal_of(req),
                                     http::path_id(req), http::required_string(body, "wisher", 200),
                                     http::required_string(body, "text", 2000));
            return Response::json(wish_json(w, false), 201);
        });
    r.add("POST", "/api/v1/station-wishes/{id}/claim", Access::need("station.keep"),
          [&svc](Request& req) {
              auto body = http::json_object(req);
              auto w = svc.claim(http::actor_of(req), http::principal_of(req), http::path_id(req),
                                 http::required_string(body, "by", 200));
              return Response::json(wish_json(w, false));
          });
    r.add("POST", "/api/v1/station-wishes/{id}/fulfil", Access::need("station.keep"),
          [&svc](Request& req) {
              auto body = http::json_object(req);
              auto w = svc.fulfil(http::actor_of(req), http::principal_of(req), http::path_id(req),
                                  http::required_string(body, "outcome", 2000));
              return Response::json(wish_json(w, false));
          });
    r.add("POST", "/api/v1/station-wishes/{id}/cancel", Access::need("station.keep"),
          [&svc](Request& req) {
              auto body = http::json_object(req);
              auto w = svc.cancel(http::actor_of(req), http::principal_of(req), http::path_id(req),
                                  http::required_string(body, "reason", 2000));
              return Response::json(wish_json(w, false));
          });
}

}  // namespace gh::stations
