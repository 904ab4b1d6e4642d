#pragma once

#include "domains/employers/employers.h"

namespace gh::http {
class Router;
}

namespace gh::employers {
void register_routes(http::Router& r, EmployerService& svc);
// The roster import and its template (import_routes.cpp); called by register_routes.
void register_import_routes(http::Router& r, EmployerService& svc);
}  // namespace gh::employers
