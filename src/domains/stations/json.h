// The stations domain's JSON shapes, shared by its routes.
#pragma once

#include <nlohmann/json.hpp>

#include "domains/stations/stations.h"

namespace gh::stations {

// A station for the console: coordinates GCJ-02 (lat, lng) and WGS-84 (wgs84: {lat, lng}),
// amenities and checklist as codes with their names.
nlohmann::json station_json(const Station& s);
// One nearby hit as the contract gives it: code, name, lat, lng (in the request's datum),
// distance_m, open, amenities (names); also address, hours, status.
nlohmann::json nearby_json(const NearbyHit& h, bool wgs84);
nlohmann::json round_json(const Round& r);

}  // namespace gh::stations
