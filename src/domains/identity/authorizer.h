// Turns a request's session (cookie + CSRF header, or bearer token) into a Principal and checks
// the route's declared permission. Installed into the dispatcher by app.cpp.
#pragma once

#include "core/http/dispatcher.h"
#include "domains/identity/identity.h"

namespace gh::identity {

// Routes that any signed-in account may use, even before changing its initial password or
// completing two-factor sign-in (logout, change password, who am I).
inline constexpr std::string_view kSignedIn = "auth.session";
inline constexpr std::string_view kSessionCookie = "gh_session";

http::Authorizer make_authorizer(IdentityService& svc);

using auth::actor_of;
using auth::principal_of;

}  // namespace gh::identity
