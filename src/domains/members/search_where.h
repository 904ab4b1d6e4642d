// A WHERE clause over members and its parameters, built by MemberService::where_of from a
// MemberQuery: the caller's scope (or the asked org's subtree) and every filter.
#pragma once

#include <string>

#include "core/db/db.h"
#include "domains/members/members.h"

namespace gh::members {

struct MemberService::Where {
    std::string sql;  // "WHERE org_path >= ? AND org_path < ? AND …"
    db::Params params;
    bool filtered = false;  // anything beyond the subtree range
    bool by_name = false;   // the one condition is a name prefix: pages in name order (list())
    std::string root_path;  // the subtree's root path
};

}  // namespace gh::members
