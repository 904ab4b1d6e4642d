#include "domains/identity/roles.h"

#include <algorithm>

namespace gh::identity {

const std::vector<RoleInfo>& all_roles() {
    static const std::vector<RoleInfo> roles = {
        {"admin", "系统管理员", true},
        {"security_admin", "安全管理员", true},
        {"audit_admin", "审计管理员", true},
        {"federation_cadre", "总工会干部", false},
        {"union_cadre", "基层工会干部", false},
        {"station_keeper", "驿站站长", false},
        {"hotline_agent", "12351 话务员", false},
        {"mediator", "调解员", false},
        {"aid_reviewer", "帮扶审核员", false},
        {"auditor", "只读审计员", false},
    };
    return roles;
}

const RoleInfo* find_role(std::string_view name) {
    for (const auto& r : all_roles()) {
        if (r.name == name) return &r;
    }
    return nullptr;
}

std::optional<Problem> check_role_set(const std::vector<std::string>& roles) {
    int admins = 0;
    for (const auto& name : roles) {
        if (!find_role(name)) return Problem{"role.unknown", "未知角色：" + name, "roles"};
        if (name == "admin" || name == "security_admin" || name == "audit_admin") ++admins;
    }
    if (admins > 1) {
        return Problem{"role.separation_of_duties",
                       "系统管理员、安全管理员、审计管理员（三员）不能由同一账号兼任", "roles"};
    }
    return std::nullopt;
}

}  // namespace gh::identity
