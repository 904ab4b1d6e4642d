// Service accounts: bearer tokens for other systems, each bound to a few permissions and an org
// subtree. Administrator permissions can never be given to one.
#include <algorithm>
#include <sstream>

#include "core/auth/audit_record.h"
#include "core/auth/token.h"
#include "core/error.h"
#include "domains/identity/identity.h"
#include "domains/identity/roles.h"

namespace gh::identity {

namespace {

bool grantable_to_service(const app::Catalogues& catalogues, std::string_view perm) {
    if (perm == "role.grant" || perm == "account.write" || perm == "audit.read" ||
        perm == "pii.read") {
        return false;  // people's powers: never a token's
    }
    // Only what some role holds (not a worker's or a signed-in person's implicit permission).
    const auto& grants = catalogues.grants();
    return std::any_of(grants.begin(), grants.end(),
                       [&](const app::Grant& g) { return g.permission == perm; });
}

std::string join(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : " ") + s;
    return out;
}

}  // namespace

std::pair<int64_t, std::string> IdentityService::create_service_account(
    const Actor& by, std::string_view name, std::string_view org_ref,
    const std::vector<std::string>& permissions) {
    if (name.size() < 3 || name.size() > 64) {
        throw ApiError(422, "service_account.name", "名称为 3–64 个字符", "name");
    }
    if (permissions.empty()) {
        throw ApiError(422, "service_account.permissions", "至少授予一项权限", "permissions");
    }
    for (const auto& p : permissions) {
        if (!grantable_to_service(catalogues_, p)) {
            throw ApiError(422, "service_account.permission", "不能授予接口账号的权限：" + p,
                           "permissions");
        }
    }
    std::string token = auth::random_token();
    auto c = pool_.acquire();
    int64_t id = db::in_transaction(*c, [&](db::Connection& tx) {
        auto org = orgs_.resolve(tx, org_ref);
        if (!org) throw ApiError(422, "service_account.org", "组织不存在", "org");
        int64_t new_id = 0;
        try {
            new_id = tx.query(
                           "INSERT INTO service_accounts (name, org_id, org_path, permissions, "
                           "token_hash, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                           {std::string(name), org->id, org->path, join(permissions),
                            auth::token_hash(token), to_iso(clock_())})
                         .front()
                         .get<int64_t>(0);
        } catch (const db::DbError& e) {
            if (e.kind() == db::DbError::Kind::unique) {
                throw ApiError(409, "service_account.name_taken", "名称已被使用", "name");
            }
            throw;
        }
        auth::record(audit_, tx, by, "service_account.create", "service_account",
                     std::to_string(new_id),
                     {{"name", name}, {"org_id", org->id}, {"permissions", permissions}});
        return new_id;
    });
    return {id, token};
}

void IdentityService::revoke_service_account(const Actor& by, std::string_view name) {
    auto c = pool_.acquire();
    db::in_transaction(*c, [&](db::Connection& tx) {
        auto n = tx.execute("UPDATE service_accounts SET status = 'revoked' WHERE name = ?",
                            {std::string(name)});
        if (n == 0) throw ApiError(404, "service_account.not_found", "接口账号不存在", "name");
        auth::record(audit_, tx, by, "service_account.revoke", "service_account",
                     std::string(name));
    });
}

std::optional<Principal> IdentityService::resolve_service_token(std::string_view token) {
    if (token.empty() || token.size() > 100) return std::nullopt;
    auto c = pool_.acquire();
    auto rs = c->query(
        "SELECT id, name, org_id, org_path, permissions, status, last_used_at "
        "FROM service_accounts WHERE token_hash = ?",
        {auth::token_hash(token)});
    if (rs.empty() || rs[0].get<std::string>(5) != "active") return std::nullopt;
    auto r = rs[0];
    Principal p;
    p.kind = "service";
    p.account_id = r.get<int64_t>(0);
    p.username = r.get<std::string>(1);
    p.display_name = p.username;
    p.org_id = r.get<int64_t>(2);
    p.org_path = r.get<std::string>(3);
    std::istringstream perms(r.get<std::string>(4));
    for (std::string perm; perms >> perm;) p.permissions.insert(perm);
    auto now = clock_();
    auto last = r.get_opt<std::string>(6);
    if (!last || now - from_iso(*last) > std::chrono::minutes(1)) {
        c->execute("UPDATE service_accounts SET last_used_at = ? WHERE id = ?",
                   {to_iso(now), p.account_id});
    }
    return p;
}

}  // namespace gh::identity
