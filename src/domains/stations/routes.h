// HTTP ⇄ the stations domain's services. One register function per part.
#pragma once

#include "core/http/router.h"
#include "domains/stations/stations.h"

namespace gh::http {
class Cursors;
struct ImportLimits;
}  // namespace gh::http

namespace gh::stations {

// The stations: console CRUD, export, import, feeds, verification rounds, and the public
// /stations/nearby (routes.cpp, import_routes.cpp, feed_routes.cpp).
void register_station_routes(http::Router& r, StationService& svc, const http::Cursors& cursors,
                             const http::ImportLimits& limits);

class CheckinService;
// The door's tokens and poster, check-ins, the worker's visits and pass, the visits dashboard
// (checkin_routes.cpp).
void register_checkin_routes(http::Router& r, StationService& stations, CheckinService& svc);

}  // namespace gh::stations
