// Who is calling and how far they reach. The identity domain resolves a Principal once per
// request (the authorizer) and stores it in Request::context; every domain reads it from there
// and passes its Scope to the services that read data.
#pragma once

#include <any>
#include <cstdint>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace gh::auth {

// A caller's reach: the org subtree under `root_path` ("/1/5/"). Scoped tables carry the org's
// materialised path, so a subtree is the half-open text range [root, root + 0x7f).
struct Scope {
    std::string root_path;
    bool contains(std::string_view path) const {
        return !root_path.empty() && path.substr(0, root_path.size()) == root_path;
    }
    std::string upper_bound() const { return root_path + "\x7f"; }
};

// The one permission of a worker (职工/会员) signed in on a phone: their own account and data.
inline constexpr std::string_view kWorkerSelf = "worker.self";

struct Principal {
    // "staff" (a cadre's console session), "worker" (a phone's) or "service" (another system's
    // bearer token).
    std::string kind = "staff";
    int64_t account_id = 0;  // staff_accounts.id, or worker_accounts.id for a worker
    std::string username;
    std::string display_name;
    int64_t org_id = 0;
    std::string org_path;  // empty for workers: their scope contains nothing
    std::vector<std::string> roles;
    std::set<std::string> permissions;
    int64_t session_id = 0;
    bool must_change_password = false;
    bool mfa_pending = false;

    bool has(std::string_view perm) const { return permissions.count(std::string(perm)) > 0; }
    Scope scope() const { return Scope{org_path}; }
};

// What the audit log records about whoever caused a change.
struct Actor {
    std::string type = "anonymous";  // staff | worker | service | system | anonymous
    std::optional<int64_t> id;
    std::string name;
    std::optional<int64_t> org_id;
    std::string org_path;  // the acting cadre's org path: where the audit row is read (scope)
    std::string ip;
    std::string request_id;
};

// The operator at the server's console (CLI commands).
inline Actor system_actor(std::string name) {
    Actor a;
    a.type = "system";
    a.name = std::move(name);
    return a;
}

}  // namespace gh::auth
