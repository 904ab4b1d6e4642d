// HTTP ⇄ JoinService: the worker's application and card (worker session), the cadres' review
// queue, ceremony and cards (scoped), and releasing a stale phone from a member record.
#pragma once

#include "core/auth/lookup_guard.h"
#include "core/http/router.h"
#include "domains/joining/joining.h"

namespace gh::http {
class Cursors;
}

namespace gh::joining {

// Applying and resubmitting are lookups by ID number and phone: `lookups` counts them.
void register_worker_routes(http::Router& r, JoinService& svc, auth::LookupGuard& lookups);
// The review queue answers next_cursor sealed by `cursors` (core/http/cursor.h).
void register_routes(http::Router& r, JoinService& svc, const http::Cursors& cursors);

// Shared by both route files.
nlohmann::json application_json(const Application& a);
nlohmann::json membership_json(const Membership& m);
http::Response svg_response(std::string body);
nlohmann::json list_json(const std::vector<Application>& items);
// Whether the request body is JSON (by Content-Type, else by its first byte).
bool is_json(const http::Request& req);
// A ceremony from the raw roster body (ceremony_sheet.cpp); problems name the file's rows.
http::Response ceremony_from_sheet(JoinService& svc, http::Request& req);

}  // namespace gh::joining
