#pragma once

#include <functional>

#include "core/auth/principal.h"
#include "core/db/pool.h"
#include "domains/orgs/orgs.h"

namespace gh::http {
class Router;
}

namespace gh::orgs {
// `audit` records a created org in the caller's transaction (the app wires it to the audit log).
void register_routes(http::Router& r, db::Pool& pool, OrgService& svc,
                     std::function<void(db::Connection&, const auth::Actor&, const Org&)> audit);
}  // namespace gh::orgs
