// One audit row for whoever a request (or the CLI) acts as: the single place an auth::Actor
// becomes an audit::Entry. Call it inside the transaction of the change it records.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "core/audit/audit.h"
#include "core/auth/principal.h"

namespace gh::auth {

inline void record(audit::AuditLog& log, db::Connection& c, const Actor& a, std::string action,
                   std::string entity, std::string entity_id,
                   nlohmann::json detail = nlohmann::json::object()) {
    audit::Entry e;
    e.actor_type = audit::parse_actor_type(a.type).value_or(audit::ActorType::anonymous);
    e.actor_id = a.id;
    e.actor_name = a.name;
    e.org_id = a.org_id;
    e.org_path = a.org_path;
    e.ip = a.ip;
    e.request_id = a.request_id;
    e.action = std::move(action);
    e.entity = std::move(entity);
    e.entity_id = std::move(entity_id);
    e.detail = std::move(detail);
    log.append(c, e);
}

}  // namespace gh::auth
