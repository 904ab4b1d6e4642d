// Roles bundle permissions. Permissions are the strings routes declare ("member.read"); the
// console's buttons carry the same strings. When you add a permission to a route, give it to the
// roles that need it here, and the authorization matrix test will check every route against it.
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
    std::vector<std::string_view> permissions;
    bool needs_totp;  // the three administrator roles
};

const std::vector<RoleInfo>& all_roles();
const RoleInfo* find_role(std::string_view name);
std::set<std::string> permissions_of(const std::vector<std::string>& roles);

// 三员分立: system, security and audit administrators are three roles no account may combine.
// Answers the broken rule when `roles` combines them or names an unknown role.
std::optional<Problem> check_role_set(const std::vector<std::string>& roles);

}  // namespace gh::identity
