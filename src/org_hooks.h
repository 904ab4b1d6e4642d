// The domains that copy org paths or hold members follow the tree's moves, merges and
// dissolutions inside the orgs transaction; the orgs domain never reads their tables. One wiring
// for the server (app.cpp) and the administration commands (cli_services.h).
#pragma once

#include "domains/employers/employers.h"
#include "domains/identity/identity.h"
#include "domains/members/members.h"
#include "domains/orgs/orgs.h"

namespace gh {

inline void wire_org_hooks(orgs::OrgService& orgs, identity::IdentityService& identity,
                           members::MemberService& members, employers::EmployerService& employers) {
    orgs.on_repath([&](db::Connection& tx, const std::string& from, const std::string& to) {
        identity.repath(tx, from, to);
        members.repath(tx, from, to);
        employers.repath(tx, from, to);
    });
    orgs.on_rehome([&](db::Connection& tx, const orgs::Org& from, const orgs::Org* to,
                       const auth::Actor& by, std::string_view reason) {
        if (to) members.rehome(tx, from, *to, by, reason);
        employers.rehome(tx, from, to);
    });
    orgs.set_member_counter(
        [&](db::Connection& tx, const orgs::Org& o) { return members.count_active_at(tx, o); });
}

}  // namespace gh
