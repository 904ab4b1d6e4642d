// The stations domain's JSON shapes; see json.h.
#include "domains/stations/json.h"

#include <cmath>

#include "domains/stations/amenities.h"

namespace gh::stations {

using nlohmann::json;

namespace {

double round_to(double v, double step) { return std::round(v / step) * step; }

json terms(const std::vector<std::string>& codes, std::string (*name_of)(std::string_view)) {
    json out = json::array();
    for (const auto& c : codes) out.push_back({{"code", c}, {"name", name_of(c)}});
    return out;
}

}  // namespace

json station_json(const Station& s) {
    const cn::LatLng wgs = cn::gcj02_to_wgs84(s.gcj);
    return {{"id", s.id},
            {"code", s.code},
            {"name", s.name},
            {"org_id", s.org_id},
            {"address", s.address},
            {"lat", s.gcj.lat},
            {"lng", s.gcj.lng},
            {"wgs84", {{"lat", round_to(wgs.lat, 1e-7)}, {"lng", round_to(wgs.lng, 1e-7)}}},
            {"amenities", terms(s.amenities, amenity_name)},
            {"hours", s.hours},
            {"capacity", s.capacity},
            {"status", s.status},
            {"checklist", terms(s.checklist, checklist_name)},
            {"stars", s.stars ? json(*s.stars) : json(nullptr)},
            {"stars_year", s.stars_year ? json(*s.stars_year) : json(nullptr)},
            {"door_generation", s.door_generation},
            {"verified_at", s.verified_at ? json(to_wire(*s.verified_at)) : json(nullptr)},
            {"created_at", to_wire(s.created_at)},
            {"updated_at", to_wire(s.updated_at)}};
}

json nearby_json(const NearbyHit& h, bool wgs84) {
    const cn::LatLng p = wgs84 ? cn::gcj02_to_wgs84(h.gcj) : h.gcj;
    json amenities = json::array();
    for (const auto& a : h.amenities) amenities.push_back(amenity_name(a));
    return {{"code", h.code},
            {"name", h.name},
            {"lat", round_to(p.lat, 1e-7)},
            {"lng", round_to(p.lng, 1e-7)},
            {"distance_m", round_to(h.distance_m, 0.1)},
            {"open", h.open},
            {"amenities", amenities},
            {"address", h.address},
            {"hours", h.hours},
            {"status", h.status}};
}

json round_json(const Round& r) {
    return {{"id", r.id},
            {"org_id", r.org_id},
            {"title", r.title},
            {"started_at", r.started_at},
            {"due_on", r.due_on},
            {"started_by", r.started_by},
            {"stations", r.stations},
            {"confirmed", r.confirmed},
            {"overdue", r.overdue}};
}

}  // namespace gh::stations
