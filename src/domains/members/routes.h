#pragma once

#include "core/auth/lookup_guard.h"
#include "domains/employers/employers.h"
#include "domains/members/members.h"

namespace gh::http {
class Router;
struct Request;
}  // namespace gh::http

namespace gh::members {
// Creating a member, asking for a transfer by ID number and searching by ID number or phone are
// lookups by number: `lookups` counts them (per account and IP) before the service runs.
void register_routes(http::Router& r, MemberService& svc, auth::LookupGuard& lookups);
// The list's filters from the query string (?org=&q=&occupation=&status=&flags=a,b
// &joined_from=&joined_to=&employer=ID|name prefix&cursor=&limit=); shared by the export.
MemberQuery member_query(const http::Request& req);
// Counts the query as a lookup by number when its text `q` is an ID number or a phone.
void count_number_lookup(auth::LookupGuard& lookups, const http::Request& req, const MemberQuery& q,
                         std::string_view what);
// The import template, API import, kept import reports and the export (exchange_routes.cpp).
void register_exchange_routes(http::Router& r, MemberService& svc, auth::LookupGuard& lookups);
// GET /api/v1/orgs/{id}/stats: unions, members and employers of a subtree. Lives here because
// it asks the three services, each about its own table.
void register_stats_route(http::Router& r, db::Pool& pool, orgs::OrgService& orgs,
                          MemberService& svc, employers::EmployerService& employers);
}  // namespace gh::members
