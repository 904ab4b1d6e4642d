#pragma once

#include "domains/members/members.h"

namespace gh::http {
class Router;
}

namespace gh::members {
void register_routes(http::Router& r, MemberService& svc);
}  // namespace gh::members
