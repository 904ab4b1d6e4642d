// The feed of every open station for the map providers (高德, 百度, 腾讯 …), public: CSV or
// GeoJSON, in GCJ-02 (the default) or WGS-84 (?crs=wgs84). GeoJSON (RFC 7946) names WGS-84 as
// its datum; a GCJ-02 feed says so in its "crs" member, as Chinese providers expect.
#include <cstdio>

#include "core/error.h"
#include "core/http/router.h"
#include "domains/stations/amenities.h"
#include "domains/stations/internal.h"
#include "domains/stations/routes.h"

namespace gh::stations {

namespace {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

bool wgs84_of(const Request& req) {
    const auto crs = detail::crs_name(req.query_param("crs").value_or("gcj02"));
    if (!crs) throw ApiError(400, "station.crs", "crs 只能是 gcj02 或 wgs84", "crs");
    return *crs == "WGS-84";
}

std::string csv_field(const std::string& v) {
    if (v.find_first_of(",\"\n\r") == std::string::npos) return v;
    std::string out = "\"";
    for (char ch : v) {
        if (ch == '"') out += '"';
        out += ch;
    }
    return out + "\"";
}

std::string fixed(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.7f", v);
    return buf;
}

std::string names(const std::vector<std::string>& codes) {
    std::string out;
    for (const auto& c : codes) out += (out.empty() ? "" : "、") + amenity_name(c);
    return out;
}

}  // namespace

void register_feed_routes(http::Router& r, StationService& svc) {
    r.add("GET", "/api/v1/stations/feed.csv", Access::anyone(), [&svc](Request& req) {
        const bool wgs = wgs84_of(req);
        std::string out = "\xEF\xBB\xBF";  // a BOM: Excel opens the UTF-8 as UTF-8
        out += "code,name,address,lng,lat,crs,amenities,hours,capacity\r\n";
        for (const auto& s : svc.open_stations()) {
            const cn::LatLng p = wgs ? cn::gcj02_to_wgs84(s.gcj) : s.gcj;
            out += csv_field(s.code) + "," + csv_field(s.name) + "," + csv_field(s.address) + "," +
                   fixed(p.lng) + "," + fixed(p.lat) + "," + (wgs ? "WGS-84" : "GCJ-02") + "," +
                   csv_field(names(s.amenities)) + "," + csv_field(s.hours) + "," +
                   std::to_string(s.capacity) + "\r\n";
        }
        Response resp;
        resp.content_type = "text/csv; charset=utf-8";
        resp.body = std::move(out);
        resp.headers.emplace_back(
            "content-disposition",
            std::string("attachment; filename=\"stations-") + (wgs ? "wgs84" : "gcj02") + ".csv\"");
        return resp;
    });

    r.add("GET", "/api/v1/stations/feed.geojson", Access::anyone(), [&svc](Request& req) {
        const bool wgs = wgs84_of(req);
        json features = json::array();
        for (const auto& s : svc.open_stations()) {
            const cn::LatLng p = wgs ? cn::gcj02_to_wgs84(s.gcj) : s.gcj;
            json amenities = json::array();
            for (const auto& a : s.amenities) amenities.push_back(amenity_name(a));
            features.push_back({{"type", "Feature"},
                                {"id", s.code},
                                {"geometry",
                                 {{"type", "Point"},
                                  {"coordinates", json::array({std::stod(fixed(p.lng)),
                                                               std::stod(fixed(p.lat))})}}},
                                {"properties",
                                 {{"code", s.code},
                                  {"name", s.name},
                                  {"address", s.address},
                                  {"amenities", amenities},
                                  {"hours", s.hours},
                                  {"capacity", s.capacity},
                                  {"category", "工会驿站"}}}});
        }
        json doc = {
            {"type", "FeatureCollection"},
            {"crs", {{"type", "name"}, {"properties", {{"name", wgs ? "WGS-84" : "GCJ-02"}}}}},
            {"features", features}};
        Response resp = Response::json(doc);
        resp.content_type = "application/geo+json";
        return resp;
    });
}

}  // namespace gh::stations
