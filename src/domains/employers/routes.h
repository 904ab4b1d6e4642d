#pragma once

#include "core/http/upload.h"
#include "domains/employers/employers.h"

namespace gh::http {
class Router;
class Cursors;
}  // namespace gh::http

namespace gh::employers {
// The list answers next_cursor sealed by `cursors` (core/http/cursor.h); limits: the roster
// upload's (Config [import]).
void register_routes(http::Router& r, EmployerService& svc, const http::Cursors& cursors,
                     const http::ImportLimits& limits = {});
// The roster import and its template (import_routes.cpp); called by register_routes.
void register_import_routes(http::Router& r, EmployerService& svc,
                            const http::ImportLimits& limits);
}  // namespace gh::employers
