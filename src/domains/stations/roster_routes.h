// HTTP ⇄ RosterService (roster_routes.cpp).
#pragma once

#include "core/http/router.h"
#include "domains/stations/roster.h"

namespace gh::stations {

void register_roster_routes(http::Router& r, RosterService& svc, const TimeSource& clock);

}  // namespace gh::stations
