#pragma once

#include "core/auth/lookup_guard.h"
#include "core/http/upload.h"
#include "domains/employers/employers.h"
#include "domains/members/members.h"

namespace gh::http {
class Router;
struct Request;
class Cursors;
}  // namespace gh::http

namespace gh::members {
// Lists answer next_cursor sealed by `cursors` (core/http/cursor.h). Creating a member, asking
// for a transfer by ID number and searching by ID number or phone are lookups by number:
// `lookups` counts them (per account and IP) before the service runs. limits: the roster
// upload's (Config [import]).
void register_routes(http::Router& r, MemberService& svc, const http::Cursors& cursors,
                     auth::LookupGuard& lookups, const http::ImportLimits& limits = {});
// The list's filters from the query string (?org=&q=&occupation=&status=&flags=a,b
// &joined_from=&joined_to=&employer=ID|name prefix&limit=); shared by the export. The cursor
// is opened by the list route.
MemberQuery member_query(const http::Request& req);
// Counts the query as a lookup by number when its text `q` is an ID number or a phone.
void count_number_lookup(auth::LookupGuard& lookups, const http::Request& req, const MemberQuery& q,
                         std::string_view what);
// The import template, API import, kept import reports and the export (exchange_routes.cpp).
void register_exchange_routes(http::Router& r, MemberService& svc, auth::LookupGuard& lookups,
                              const http::ImportLimits& limits);
// GET /api/v1/orgs/{id}/stats: unions, members and employers of a subtree. Lives here because
// it asks the three services, each about its own table.
void register_stats_route(http::Router& r, db::Pool& pool, orgs::OrgService& orgs,
                          MemberService& svc, employers::EmployerService& employers);
}  // namespace gh::members
