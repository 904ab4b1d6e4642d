// Staff accounts: creation (operator), roles (security administrator), listing within scope.
#include <sodium.h>

#include "core/auth/audit_record.h"
#include "core/auth/password.h"
#include "core/auth/password_policy.h"
#include "core/error.h"
#include "domains/identity/accounts_internal.h"
#include "domains/identity/identity.h"
#include "domains/identity/roles.h"

namespace gh::identity {

namespace sql {
constexpr const char* kAccount = detail::kAccountSql;
constexpr const char* kRoles = "SELECT role FROM account_roles WHERE account_id = ? ORDER BY role";
}  // namespace sql

namespace detail {

// 16 characters from four classes: passes the policy, readable aloud (no 0/O, 1/l/I).
std::string generate_password() {
    static constexpr std::string_view classes[] = {
        "abcdefghijkmnpqrstuvwxyz", "ABCDEFGHJKLMNPQRSTUVWXYZ", "23456789", "-_.!@#%+="};
    std::string out;
    for (int i = 0; i < 16; ++i) {
        auto set = classes[i < 4 ? i : randombytes_uniform(4)];
        out += set[randombytes_uniform(static_cast<uint32_t>(set.size()))];
    }
    for (size_t i = out.size() - 1; i > 0; --i) {  // shuffle so the classes are not in order
        std::swap(out[i], out[randombytes_uniform(static_cast<uint32_t>(i + 1))]);
    }
    return out;
}

}  // namespace detail

namespace {

bool valid_username(std::string_view u) {
    if (u.size() < 3 || u.size() > 64) return false;
    for (char c : u) {
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-')) {
            return false;
        }
    }
    return true;
}

}  // namespace

IdentityService::IdentityService(db::Pool& pool, orgs::OrgService& orgs, audit::AuditLog& audit,
                                 const pii::Vault& vault, const app::Catalogues& catalogues,
                                 notices::NoticeService& notices, Settings settings,
                                 std::function<Clock::time_point()> clock)
    : pool_(pool),
      orgs_(orgs),
      audit_(audit),
      vault_(vault),
      catalogues_(catalogues),
      notices_(notices),
      settings_(settings),
      clock_(std::move(clock)) {}

void IdentityService::audit(db::Connection& c, const Actor& a, std::string action,
                            std::string entity, std::string entity_id, std::string detail) {
    auth::record(audit_, c, a, std::move(action), std::move(entity), std::move(entity_id),
                 nlohmann::json::parse(detail));
}

AccountView detail::account_from(db::Connection& c, const db::Row& r) {
    AccountView v{r.get<int64_t>(0),     r.get<std::string>(1), r.get<std::string>(2),
                  r.get<std::string>(3), r.get<int64_t>(4),     {},
                  r.get<bool>(5),        r.get<bool>(6),        r.get_opt<std::string>(7)};
    for (auto role : c.query(sql::kRoles, {v.id})) v.roles.push_back(role.get<std::string>(0));
    return v;
}

std::pair<AccountView, std::string> IdentityService::create_account(
    const Actor& by, std::string_view org_ref, std::string_view username,
    std::string_view display_name, const std::vector<std::string>& roles,
    std::optional<std::string> password) {
    if (!valid_username(username)) {
        throw ApiError(422, "account.username", "用户名为 3–64 位字母、数字或 _ . -", "username");
    }
    if (auto p = check_role_set(roles)) throw ApiError::from(*p, 422);
    std::string initial = password ? *password : detail::generate_password();
    if (auto p = auth::check_password_policy(initial, username)) throw ApiError::from(*p, 422);
    std::string hash = auth::hash_password(initial);
    auto c = pool_.acquire();
    return db::in_transaction(*c, [&](db::Connection& tx) {
        // "#123" is an org id for sure; otherwise a division code or an id.
        auto org = org_ref.starts_with("#") ? orgs_.resolve_id(tx, org_ref.substr(1))
                                            : orgs_.resolve_or_create_federation(tx, org_ref);
        if (!org) throw ApiError(422, "account.org", "组织不存在：" + std::string(org_ref), "org");
        std::string now = to_iso(clock_());
        int64_t id = 0;
        try {
            id = tx.query(
                       "INSERT INTO staff_accounts (username, display_name, org_id, org_path, "
                       "password_hash, password_changed_at, must_change_password, created_at, "
                       "updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING id",
                       {std::string(username),
                        std::string(display_name.empty() ? username : display_name), org->id,
                        org->path, hash, now, now, now})
                     .front()
                     .get<int64_t>(0);
        } catch (const db::DbError& e) {
            if (e.kind() == db::DbError::Kind::unique) {
                throw ApiError(409, "account.username_taken", "用户名已被使用", "username");
            }
            throw;
        }
        for (const auto& r : roles) {
            tx.execute("INSERT INTO account_roles (account_id, role, granted_at) VALUES (?, ?, ?)",
                       {id, r, now});
        }
        nlohmann::json detail = {{"username", username}, {"org_id", org->id}, {"roles", roles}};
        audit(tx, by, "account.create", "staff_account", std::to_string(id), detail.dump());
        auto view = detail::account_from(
            tx, tx.query(std::string(sql::kAccount) + "WHERE a.id = ?", {id}).front());
        return std::make_pair(view, initial);
    });
}

std::pair<AccountView, std::string> IdentityService::create_account_in_scope(
    const Actor& by, const Principal& p, int64_t org_id, std::string_view username,
    std::string_view display_name) {
    {
        auto c = pool_.acquire();
        if (!orgs_.find_in_scope(*c, p.scope(), org_id)) {
            throw ApiError(422, "account.org", "组织不存在或不在管辖范围内", "org_id");
        }
    }
    return create_account(by, "#" + std::to_string(org_id), username, display_name, {},
                          std::nullopt);
}

std::string IdentityService::reset_password(const Actor& by, std::string_view username) {
    std::string initial = detail::generate_password();
    std::string hash = auth::hash_password(initial);
    auto c = pool_.acquire();
    db::in_transaction(*c, [&](db::Connection& tx) {
        auto n = tx.execute(
            "UPDATE staff_accounts SET password_hash = ?, must_change_password = 1, "
            "password_changed_at = ?, failed_logins = 0, locked_until = NULL, updated_at = ? "
            "WHERE username = ?",
            {hash, to_iso(clock_()), to_iso(clock_()), std::string(username)});
        if (n == 0) throw ApiError(404, "account.not_found", "账号不存在", "username");
        tx.execute(
            "UPDATE sessions SET revoked_at = ? WHERE revoked_at IS NULL AND account_id = "
            "(SELECT id FROM staff_accounts WHERE username = ?)",
            {to_iso(clock_()), std::string(username)});
        audit(tx, by, "account.reset_password", "staff_account", std::string(username));
    });
    return initial;
}

std::vector<AccountView> IdentityService::list_accounts(const Principal& p, int64_t after_id,
                                                        int limit) {
    return list_accounts(p, AccountFilter{}, after_id, limit);
}

std::optional<AccountView> IdentityService::get_account(const Principal& p, int64_t id) {
    auto c = pool_.acquire();
    auto rs = c->query(std::string(sql::kAccount) + "WHERE a.id = ?", {id});
    if (rs.empty() || !p.scope().contains(rs.front().get<std::string>(8))) {
        return std::nullopt;  // out of scope looks exactly like missing
    }
    return detail::account_from(*c, rs.front());
}

AccountView IdentityService::set_roles(const Actor& by, const Principal& p, int64_t id,
                                       const std::vector<std::string>& roles) {
    if (auto prob = check_role_set(roles)) throw ApiError::from(*prob, 422);
    if (id == p.account_id) {
        throw ApiError(403, "role.self_grant", "不能修改自己的角色", "roles");
    }
    auto c = pool_.acquire();
    return db::in_transaction(*c, [&](db::Connection& tx) {
        auto rs = tx.query(std::string(sql::kAccount) + "WHERE a.id = ?", {id});
        if (rs.empty() || !p.scope().contains(rs.front().get<std::string>(8))) {
            throw ApiError(404, "account.not_found", "账号不存在");
        }
        tx.execute("DELETE FROM account_roles WHERE account_id = ?", {id});
        std::string now = to_iso(clock_());
        for (const auto& r : roles) {
            tx.execute("INSERT INTO account_roles (account_id, role, granted_at) VALUES (?, ?, ?)",
                       {id, r, now});
        }
        audit(tx, by, "account.set_roles", "staff_account", std::to_string(id),
              nlohmann::json{{"roles", roles}}.dump());
        return detail::account_from(
            tx, tx.query(std::string(sql::kAccount) + "WHERE a.id = ?", {id}).front());
    });
}

}  // namespace gh::identity
