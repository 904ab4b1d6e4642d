#pragma once

namespace gh::http {
class Router;
class Cursors;
}  // namespace gh::http

namespace gh::identity {
class IdentityService;
class WorkerService;
// The account list answers next_cursor sealed by `cursors` (core/http/cursor.h).
void register_routes(http::Router& router, IdentityService& svc, const http::Cursors& cursors);
// /api/v1/worker/...: workers' sign-in on a phone, their account and the copy of their data.
void register_worker_routes(http::Router& router, WorkerService& svc);
// Workers' requests to correct or delete their data, and the administrators' answers.
class DataRequests;
void register_data_request_routes(http::Router& r, DataRequests& svc, const http::Cursors& cursors);
// The audit administrator's search, export and chain check.
class AuditReader;
void register_audit_routes(http::Router& r, AuditReader& reader, const http::Cursors& cursors);
}  // namespace gh::identity
