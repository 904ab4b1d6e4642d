#include "domains/identity/roles.h"

#include <algorithm>

namespace gh::identity {

const std::vector<RoleInfo>& all_roles() {
    // Every permission string any route declares appears here at least once.
    static const std::vector<RoleInfo> roles = {
        {"admin",
         "系统管理员",
         {"account.read", "account.write", "org.read", "org.write", "system.read"},
         true},
        {"security_admin", "安全管理员", {"account.read", "role.grant", "org.read"}, true},
        {"audit_admin", "审计管理员", {"audit.read", "org.read"}, true},
        {"federation_cadre",
         "总工会干部",
         {"org.read", "org.write", "account.read", "member.read", "member.write", "member.export",
          "pii.read", "member.review", "member.phone.release"},
         false},
        {"union_cadre",
         "基层工会干部",
         {"org.read", "member.read", "member.write", "member.export", "member.review"},
         false},
        {"station_keeper", "驿站站长", {"org.read", "station.manage"}, false},
        {"hotline_agent", "12351 话务员", {"org.read", "case.handle"}, false},
        {"mediator", "调解员", {"org.read", "case.handle"}, false},
        {"aid_reviewer", "帮扶审核员", {"org.read", "member.read", "aid.approve"}, false},
        {"auditor", "只读审计员", {"org.read", "member.read", "account.read"}, false},
    };
    return roles;
}

const RoleInfo* find_role(std::string_view name) {
    for (const auto& r : all_roles()) {
        if (r.name == name) return &r;
    }
    return nullptr;
}

std::set<std::string> permissions_of(const std::vector<std::string>& roles) {
    std::set<std::string> out;
    for (const auto& name : roles) {
        if (const RoleInfo* r = find_role(name)) {
            for (auto p : r->permissions) out.emplace(p);
        }
    }
    return out;
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
