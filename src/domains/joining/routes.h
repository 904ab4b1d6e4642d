// HTTP ⇄ JoinService: the worker's application and card (worker session), the cadres' review
// queue, ceremony and cards (scoped), and releasing a stale phone from a member record.
#pragma once

#include "core/http/router.h"
#include "domains/joining/joining.h"

namespace gh::joining {

void register_worker_routes(http::Router& r, JoinService& svc);
void register_routes(http::Router& r, JoinService& svc, members::MemberService& members);

// Shared by both route files.
nlohmann::json application_json(const Application& a);
nlohmann::json membership_json(const Membership& m);
http::Response svg_response(std::string body);

}  // namespace gh::joining
