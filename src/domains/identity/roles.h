// The roles a staff account can hold. What each role may do is not written here: every domain's
// catalogue grants its permissions to roles (core/app/catalogue.h; IdentityService::catalogues),
// so a new domain gives the hotline agent its permission in its own folder.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace gh::identity {

struct RoleInfo {
    std::string_view name;   // "federation_cadre"
    std::string_view title;  // "总工会干部"
    bool needs_totp;         // the three administrator roles
};

const std::vector<RoleInfo>& all_roles();
const RoleInfo* find_role(std::string_view name);

// 三员分立: system, security and audit administrators are three roles no account may combine.
// Answers the broken rule when `roles` combines them or names an unknown role.
std::optional<Problem> check_role_set(const std::vector<std::string>& roles);

}  // namespace gh::identity
