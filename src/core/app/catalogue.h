// A domain's catalogue: the permissions its routes declare (with a title for the console), which
// roles hold them, and every error code it may answer. The catalogues together are the only
// source of permission names: the router refuses a route whose permission none declares, and
// the authorisation matrix test requires every declared permission to guard a route and to be
// granted, and every grant to name a role and a declared permission. The console's message
// table is checked against the error codes (`gonghui catalogue` prints them all).
#pragma once

#include <algorithm>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace gh::app {

struct PermissionInfo {
    // by_grant: roles hold it (grants) and routes declare it. implicitly: every caller of a kind
    // holds it (a signed-in staff member, a worker on the phone); routes declare it, no role is
    // granted it. refining: roles hold it and a service checks it on top of a route's own
    // permission (pii.read: the full ID number); no route declares it.
    enum class Held { by_grant, implicitly, refining };
    std::string_view name;   // "member.read"
    std::string_view title;  // "查看会员"
    Held held = Held::by_grant;
};

struct Grant {
    std::string_view role;  // "federation_cadre"
    std::string_view permission;
};

struct Catalogue {
    std::vector<PermissionInfo> permissions;
    std::vector<Grant> grants;  // may grant another domain's permission (a role's whole job)
    std::vector<std::string_view> errors;
};

// Every domain's catalogue together, built once before any service.
class Catalogues {
public:
    void add(std::string_view domain, const Catalogue& c) {
        for (const auto& p : c.permissions) permissions_.push_back({domain, p});
        for (const auto& g : c.grants) grants_.push_back(g);
        for (auto e : c.errors) errors_.push_back({domain, e});
    }
    bool declares(std::string_view permission) const {
        return std::any_of(permissions_.begin(), permissions_.end(),
                           [&](const auto& p) { return p.info.name == permission; });
    }
    bool declares_error(std::string_view code) const {
        return std::any_of(errors_.begin(), errors_.end(),
                           [&](const auto& e) { return e.code == code; });
    }
    // The permissions the roles hold together.
    std::set<std::string> permissions_of(const std::vector<std::string>& roles) const {
        std::set<std::string> out;
        for (const auto& g : grants_) {
            if (std::find(roles.begin(), roles.end(), g.role) != roles.end()) {
                out.emplace(g.permission);
            }
        }
        return out;
    }

    struct Declared {
        std::string_view domain;
        PermissionInfo info;
    };
    struct Error {
        std::string_view domain, code;
    };
    const std::vector<Declared>& permissions() const { return permissions_; }
    const std::vector<Grant>& grants() const { return grants_; }
    const std::vector<Error>& errors() const { return errors_; }

private:
    std::vector<Declared> permissions_;
    std::vector<Grant> grants_;
    std::vector<Error> errors_;
};

}  // namespace gh::app
