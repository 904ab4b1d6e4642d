#pragma once

namespace gh::http {
class Router;
}

namespace gh::identity {
class IdentityService;
class WorkerService;
void register_routes(http::Router& router, IdentityService& svc);
// /api/v1/worker/...: workers' sign-in on a phone, their account and the copy of their data.
void register_worker_routes(http::Router& router, WorkerService& svc);
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
