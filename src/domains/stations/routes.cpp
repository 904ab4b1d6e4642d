// HTTP ⇄ StationService: the console's stations (scoped; out of scope answers 404), the keepers'
// verification, and the public nearest-station query.
#include "domains/stations/routes.h"

#include <cmath>
#include <cstdlib>

#include "core/error.h"
#include "core/http/caller.h"
#include "core/http/cursor.h"
#include "core/http/fields.h"
#include "core/http/upload.h"
#include "core/xlsx/writer.h"
#include "domains/stations/amenities.h"
#include "domains/stations/internal.h"
#include "domains/stations/json.h"
#include "domains/stations/sheet.h"

namespace gh::stations {

namespace {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

std::optional<double> optional_number(const json& body, const char* field) {
    auto it = body.find(field);
    if (it == body.end() || it->is_null()) return std::nullopt;
    if (!it->is_number()) throw ApiError(422, "request.field", "应为数字", field);
    return it->get<double>();
}

std::optional<std::vector<std::string>> optional_list(const json& body, const char* field) {
    auto it = body.find(field);
    if (it == body.end() || it->is_null()) return std::nullopt;
    return http::string_list(body, field);
}

StationEdit edit_of(const json& body) {
    StationEdit e;
    e.org_id = http::optional_int(body, "org_id");
    e.name = http::optional_string(body, "name", 400);
    e.address = http::optional_string(body, "address", 800);
    e.lat = optional_number(body, "lat");
    e.lng = optional_number(body, "lng");
    e.crs = http::optional_string(body, "crs", 20).value_or("GCJ-02");
    e.amenities = optional_list(body, "amenities");
    e.hours = http::optional_string(body, "hours", 400);
    e.capacity = http::optional_int(body, "capacity");
    e.status = http::optional_string(body, "status", 20);
    e.checklist = optional_list(body, "checklist");
    e.stars = http::optional_int(body, "stars");
    e.stars_year = http::optional_int(body, "stars_year");
    return e;
}

// The query's coordinates: 400 naming the field (the contract of /stations/nearby).
cn::LatLng query_point(const Request& req, std::string_view crs) {
    auto number = [&req](const char* name) -> std::optional<double> {
        auto v = req.query_param(name);
        if (!v || v->empty()) return std::nullopt;
        const std::string s(*v);
        char* end = nullptr;
        const double d = std::strtod(s.c_str(), &end);
        if (end != s.c_str() + s.size() || !std::isfinite(d)) {
            throw ApiError(400, std::string("station.") + name, "坐标应为数字（度）", name);
        }
        return d;
    };
    return detail::to_gcj(number("lat"), number("lng"), crs, "lat", "lng", 400);
}

// "2026-12-04T01:00:00+08:00", "…Z", a Beijing date, or a time without offset (Beijing).
Clock::time_point open_at(std::string_view text) {
    std::string t(text);
    // A '+' of an offset sent unescaped in a query string arrives as a space.
    for (auto& ch : t) {
        if (ch == ' ') ch = '+';
    }
    const auto tpos = t.find('T');
    if (tpos != std::string::npos && t.find('Z', tpos) == std::string::npos &&
        t.find('+', tpos) == std::string::npos && t.find('-', tpos) == std::string::npos) {
        t += "+08:00";
    }
    try {
        return parse_instant(t);
    } catch (const std::invalid_argument&) {
        throw ApiError(400, "station.open_at",
                       "open_at 应为 ISO 8601 时刻，如 2026-12-04T01:00:00+08:00", "open_at");
    }
}

}  // namespace

void register_feed_routes(http::Router& r, StationService& svc);
void register_import_routes(http::Router& r, StationService& svc, const http::ImportLimits& limits);

void register_station_routes(http::Router& r, StationService& svc, const http::Cursors& cursors,
                             const http::ImportLimits& limits) {
    register_feed_routes(r, svc);
    register_import_routes(r, svc, limits);

    // Public: a worker looking for somewhere to rest needs no account.
    r.add("GET", "/api/v1/stations/nearby", Access::anyone(), [&svc](Request& req) {
        const std::string crs_param(req.query_param("crs").value_or("gcj02"));
        const auto crs = detail::crs_name(crs_param);
        if (!crs) throw ApiError(400, "station.crs", "crs 只能是 gcj02 或 wgs84", "crs");
        NearbyQuery q;
        q.gcj = query_point(req, *crs);
        const std::string limit(req.query_param("limit").value_or("10"));
        char* end = nullptr;
        const long n = std::strtol(limit.c_str(), &end, 10);
        if (limit.empty() || end != limit.c_str() + limit.size() || n < 1 || n > 50) {
            throw ApiError(400, "station.limit", "limit 应为 1–50 的整数", "limit");
        }
        q.limit = static_cast<int>(n);
        for (const auto& a : split_list(req.query_param("amenity").value_or(""))) {
            auto code = amenity_code(a);
            if (!code) {
                throw ApiError(400, "station.amenity", "设施“" + a + "”不在设施清单中", "amenity");
            }
            q.amenities.push_back(*code);
        }
        if (auto at = req.query_param("open_at"); at && !at->empty()) q.at = open_at(*at);
        const std::string open(req.query_param("open").value_or(""));
        q.open_only = open == "true" || open == "1";
        json items = json::array();
        for (const auto& h : svc.nearby(q)) items.push_back(nearby_json(h, *crs == "WGS-84"));
        Response out = Response::json({{"items", items}});
        out.headers.emplace_back("cache-control", "no-store");
        return out;
    });

    r.add("GET", "/api/v1/stations/amenities", Access::anyone(), [](Request&) {
        json amenities = json::array(), checklist = json::array();
        for (const auto& t : amenity_terms())
            amenities.push_back({{"code", t.code}, {"name", t.name}});
        for (const auto& t : checklist_terms())
            checklist.push_back({{"code", t.code}, {"name", t.name}});
        return Response::json({{"amenities", amenities}, {"checklist", checklist}});
    });

    r.add("POST", "/api/v1/stations", Access::need("station.write"), [&svc](Request& req) {
        auto body = http::json_object(req);
        NewStation n;
        n.org_id = http::optional_int(body, "org_id");
        n.code = http::optional_string(body, "code", 100).value_or("");
        n.name = http::required_string(body, "name", 400);
        n.address = http::optional_string(body, "address", 800).value_or("");
        n.lat = optional_number(body, "lat");
        n.lng = optional_number(body, "lng");
        n.crs = http::optional_string(body, "crs", 20).value_or("GCJ-02");
        n.amenities = optional_list(body, "amenities").value_or(std::vector<std::string>{});
        n.hours = http::optional_string(body, "hours", 400).value_or("24小时");
        n.capacity = http::optional_int(body, "capacity").value_or(0);
        n.status = http::optional_string(body, "status", 20).value_or("open");
        n.checklist = optional_list(body, "checklist").value_or(std::vector<std::string>{});
        n.stars = http::optional_int(body, "stars");
        n.stars_year = http::optional_int(body, "stars_year");
        auto s = svc.create(http::actor_of(req), http::principal_of(req), n);
        return Response::json(station_json(s), 201);
    });

    r.add("GET", "/api/v1/stations", Access::need("station.read"), [&svc, &cursors](Request& req) {
        StationQuery q;
        q.q = std::string(req.query_param("q").value_or(""));
        q.status = std::string(req.query_param("status").value_or(""));
        if (!q.status.empty() && q.status != "open" && q.status != "repair" &&
            q.status != "retired") {
            throw ApiError(422, "station.status", "状态只能是 open、repair 或 retired", "status");
        }
        q.overdue_only = req.query_param("overdue").value_or("") == "true";
        if (auto at = cursors.open(req, "stations")) q.after_id = http::cursor_int(*at, 0);
        q.limit = http::query_limit(req);
        auto page = svc.list(http::principal_of(req), q);
        json items = json::array();
        for (const auto& row : page.items) {
            json j = station_json(row.station);
            j["verification_due"] = row.verification_due;
            j["overdue"] = row.overdue;
            items.push_back(std::move(j));
        }
        json next = page.next_cursor
                        ? json(cursors.seal(req, "stations", json::array({*page.next_cursor})))
                        : json(nullptr);
        return Response::json({{"items", items}, {"next_cursor", next}, {"total", page.total}});
    });

    r.add("GET", "/api/v1/stations/export", Access::need("station.read"), [&svc](Request& req) {
        return http::attachment(export_workbook(svc.all_in(http::principal_of(req))),
                                xlsx::content_type(), "stations.xlsx");
    });

    r.add("GET", "/api/v1/stations/{id}", Access::need("station.read"), [&svc](Request& req) {
        auto s = svc.get(http::principal_of(req), http::path_id(req));
        if (!s) throw ApiError(404, "station.not_found", "驿站不存在或不在管辖范围内");
        return Response::json(station_json(*s));
    });

    r.add("PUT", "/api/v1/stations/{id}", Access::need("station.write"), [&svc](Request& req) {
        auto body = http::json_object(req);
        auto s = svc.update(http::actor_of(req), http::principal_of(req), http::path_id(req),
                            edit_of(body));
        return Response::json(station_json(s));
    });

    // The keeper confirms the station's data in the current round, with any corrections.
    r.add("POST", "/api/v1/stations/{id}/verify", Access::need("station.keep"),
          [&svc](Request& req) {
              auto body = http::json_object(req);
              auto s = svc.confirm(http::actor_of(req), http::principal_of(req), http::path_id(req),
                                   edit_of(body));
              return Response::json(station_json(s));
          });

    r.add("GET", "/api/v1/station-rounds", Access::need("station.read"), [&svc](Request& req) {
        json items = json::array();
        for (const auto& round : svc.rounds(http::principal_of(req)))
            items.push_back(round_json(round));
        return Response::json({{"items", items}});
    });

    r.add("POST", "/api/v1/station-rounds", Access::need("station.write"), [&svc](Request& req) {
        auto body = http::json_object(req);
        auto round = svc.start_round(
            http::actor_of(req), http::principal_of(req), http::optional_int(body, "org_id"),
            http::required_string(body, "title", 400), http::required_string(body, "due_on", 20));
        return Response::json(round_json(round), 201);
    });
}

}  // namespace gh::stations
