// Turns a request's session (cookie + CSRF header, or bearer token) into a Principal and checks
// the route's declared permission. Built by the identity domain's start(); app.cpp installs it.
#pragma once

#include "core/http/caller.h"
#include "core/http/dispatcher.h"
#include "domains/identity/identity.h"
#include "domains/identity/workers.h"

namespace gh::identity {

// Routes that any signed-in account may use, even before changing its initial password or
// completing two-factor sign-in (logout, change password, who am I).
inline constexpr std::string_view kSignedIn = "auth.session";
inline constexpr std::string_view kSessionCookie = "gh_session";
// Workers sign in on a phone; their session has its own cookie, and routes declaring
// auth::kWorkerSelf accept only it (staff routes accept only staff sessions).
inline constexpr std::string_view kWorkerSessionCookie = "gh_worker_session";
using auth::kWorkerSelf;

// The Set-Cookie value for a session cookie: HttpOnly, SameSite=Strict, Secure behind a TLS
// proxy (X-Forwarded-Proto: https); `clear` expires it.
std::string session_cookie(const http::Request& req, std::string_view name, std::string_view value,
                           bool clear);

http::Authorizer make_authorizer(IdentityService& svc, WorkerService& workers);

using http::actor_of;
using http::principal_of;

}  // namespace gh::identity
