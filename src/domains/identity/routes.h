#pragma once

namespace gh::http {
class Router;
}

namespace gh::identity {
class IdentityService;
void register_routes(http::Router& router, IdentityService& svc);
}  // namespace gh::identity

namespace gh::db {
class Pool;
}
namespace gh::audit {
class AuditLog;
}
namespace gh::identity {
void register_audit_routes(http::Router& r, db::Pool& pool, audit::AuditLog& log);
}
