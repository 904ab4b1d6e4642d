// The caller of a request, as the identity domain's authorizer stored it in Request::context:
// the Principal a handler passes on (its Scope to reads), and the Actor an audit row records.
#pragma once

#include <any>
#include <stdexcept>

#include "core/auth/principal.h"
#include "core/http/message.h"

namespace gh::http {

using auth::Actor;
using auth::Principal;

inline const Principal& principal_of(const Request& req) {
    const auto* p = std::any_cast<Principal>(&req.context);
    if (!p) throw std::logic_error("a public route asked for the caller's principal");
    return *p;
}

inline Actor actor_of(const Request& req) {
    Actor a;
    a.ip = req.remote_ip;
    a.request_id = req.request_id;
    if (const auto* p = std::any_cast<Principal>(&req.context)) {
        a.type = p->kind;  // staff | worker | service
        a.id = p->account_id;
        a.name = p->username;
        if (p->kind != "worker") {
            a.org_id = p->org_id;
            a.org_path = p->org_path;
        }
    }
    return a;
}

}  // namespace gh::http
