#pragma once

#include "domains/employers/employers.h"

namespace gh::http {
class Router;
}

namespace gh::employers {
void register_routes(http::Router& r, EmployerService& svc);
}  // namespace gh::employers
