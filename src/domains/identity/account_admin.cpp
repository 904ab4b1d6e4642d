// Account administration within the caller's org subtree: the filtered list, disable/enable,
// password reset, unlock and an account's sessions. The system administrator (account.write) runs
// these; roles stay the security administrator's (accounts.cpp, set_roles).
#include <cctype>
#include <nlohmann/json.hpp>

#include "core/auth/password.h"
#include "core/error.h"
#include "domains/identity/accounts_internal.h"
#include "domains/identity/identity.h"
#include "domains/identity/roles.h"

namespace gh::identity {

namespace {

// A LIKE pattern for names containing `q`, '\' escaping the wildcards.
std::string contains_pattern(std::string_view q) {
    std::string p = "%";
    for (char ch : q) {
        if (ch == '%' || ch == '_' || ch == '\\') p += '\\';
        p += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    }
    return p + "%";
}

}  // namespace

bool IdentityService::locked_now(const AccountView& a) const {
    return a.locked_until && *a.locked_until > to_iso(clock_());
}

std::vector<AccountView> IdentityService::list_accounts(const Principal& p, const AccountFilter& f,
                                                        int64_t after_id, int limit) {
    if (!f.role.empty() && !find_role(f.role)) {
        throw ApiError(422, "role.unknown", "未知角色：" + f.role, "role");
    }
    if (!f.state.empty() && f.state != "active" && f.state != "disabled" && f.state != "locked") {
        throw ApiError(422, "account.state", "状态只能是 active、disabled 或 locked", "state");
    }
    if (f.q.size() > 100) {
        throw ApiError(422, "account.q", "搜索内容不能超过 100 个字符", "q");
    }
    auto c = pool_.acquire();
    auth::Scope scope = p.scope();
    if (f.org_id) {
        auto org = orgs_.find_in_scope(*c, scope, *f.org_id);
        if (!org) throw ApiError(404, "org.not_found", "组织不存在");
        scope = auth::Scope{org->path};
    }
    std::string sql =
        std::string(detail::kAccountSql) + "WHERE a.org_path >= ? AND a.org_path < ? AND a.id > ? ";
    db::Params params{scope.root_path, scope.upper_bound(), after_id};
    if (!f.q.empty()) {
        sql +=
            "AND (LOWER(a.username) LIKE ? ESCAPE '\\' OR LOWER(a.display_name) LIKE ? "
            "ESCAPE '\\') ";
        params.emplace_back(contains_pattern(f.q));
        params.emplace_back(contains_pattern(f.q));
    }
    if (!f.role.empty()) {
        sql +=
            "AND EXISTS (SELECT 1 FROM account_roles r WHERE r.account_id = a.id AND r.role = ?) ";
        params.emplace_back(f.role);
    }
    if (f.state == "active" || f.state == "disabled") {
        sql += "AND a.status = ? ";
        params.emplace_back(f.state);
    } else if (f.state == "locked") {
        sql += "AND a.locked_until IS NOT NULL AND a.locked_until > ? ";
        params.emplace_back(to_iso(clock_()));
    }
    params.emplace_back(int64_t{limit});
    std::vector<AccountView> out;
    for (auto r : c->query(sql + "ORDER BY a.id LIMIT ?", params)) {
        out.push_back(detail::account_from(*c, r));
    }
    return out;
}

namespace {

// The account row `id` inside the transaction, or 404 when missing or outside the scope; 403 when
// it is the caller's own (an administrator does not lock themselves out, nor reset their own) or
// holds the security or audit administrator role.
void require_other_in_scope(db::Connection& tx, const Principal& p, int64_t id) {
    auto rs = tx.query("SELECT org_path FROM staff_accounts WHERE id = ?", {id});
    if (rs.empty() || !p.scope().contains(rs.front().get<std::string>(0))) {
        throw ApiError(404, "account.not_found", "账号不存在");
    }
    if (id == p.account_id) {
        throw ApiError(403, "account.self", "不能对自己的账号执行此操作");
    }
    // 三员分立: the system administrator does not silence the other two administrators (nor take
    // over their accounts by a reset). The operator's CLI (`gonghui user reset-password`) can.
    auto held = tx.query(
        "SELECT COUNT(*) FROM account_roles WHERE account_id = ? "
        "AND role IN ('security_admin', 'audit_admin')",
        {id});
    if (held.front().get<int64_t>(0) > 0) {
        throw ApiError(403, "account.separation_of_duties",
                       "安全管理员、审计管理员的账号不能由系统管理员停用、重置或解锁（三员分立），"
                       "请由运维人员使用命令行处理");
    }
}

}  // namespace

AccountView IdentityService::set_enabled(const Actor& by, const Principal& p, int64_t id,
                                         bool enabled) {
    auto c = pool_.acquire();
    return db::in_transaction(*c, [&](db::Connection& tx) {
        require_other_in_scope(tx, p, id);
        const std::string now = to_iso(clock_());
        tx.execute("UPDATE staff_accounts SET status = ?, updated_at = ? WHERE id = ?",
                   {std::string(enabled ? "active" : "disabled"), now, id});
        int64_t ended = 0;
        if (!enabled) {
            ended = tx.execute(
                "UPDATE sessions SET revoked_at = ? WHERE account_id = ? AND revoked_at IS NULL",
                {now, id});
        }
        audit(tx, by, enabled ? "account.enable" : "account.disable", "staff_account",
              std::to_string(id), nlohmann::json{{"sessions_ended", ended}}.dump());
        return detail::account_from(
            tx, tx.query(std::string(detail::kAccountSql) + "WHERE a.id = ?", {id}).front());
    });
}

std::pair<AccountView, std::string> IdentityService::reset_password_of(const Actor& by,
                                                                       const Principal& p,
                                                                       int64_t id) {
    std::string initial = detail::generate_password();
    std::string hash = auth::hash_password(initial);
    auto c = pool_.acquire();
    auto view = db::in_transaction(*c, [&](db::Connection& tx) {
        require_other_in_scope(tx, p, id);
        const std::string now = to_iso(clock_());
        tx.execute(
            "UPDATE staff_accounts SET password_hash = ?, must_change_password = 1, "
            "password_changed_at = ?, failed_logins = 0, locked_until = NULL, updated_at = ? "
            "WHERE id = ?",
            {hash, now, now, id});
        auto ended = tx.execute(
            "UPDATE sessions SET revoked_at = ? WHERE account_id = ? AND revoked_at IS NULL",
            {now, id});
        audit(tx, by, "account.reset_password", "staff_account", std::to_string(id),
              nlohmann::json{{"sessions_ended", ended}}.dump());
        // The holder sees it after signing in with the new password (and would notice a reset
        // they did not ask for).
        const std::string when = to_wire(now);
        notices_.post(
            tx, {notices::Recipient::staff(id), "account.password_reset", "您的密码已被重置",
                 "管理员于 " + when.substr(0, 10) + " " + when.substr(11, 5) +
                     " 重置了您的登录密码，原有登录已全部退出。如非本人申请，请联系安全管理员。",
                 ""});
        return detail::account_from(
            tx, tx.query(std::string(detail::kAccountSql) + "WHERE a.id = ?", {id}).front());
    });
    return {view, initial};
}

AccountView IdentityService::unlock(const Actor& by, const Principal& p, int64_t id) {
    auto c = pool_.acquire();
    return db::in_transaction(*c, [&](db::Connection& tx) {
        require_other_in_scope(tx, p, id);
        const std::string now = to_iso(clock_());
        auto locked = tx.query("SELECT locked_until FROM staff_accounts WHERE id = ?", {id})
                          .front()
                          .get_opt<std::string>(0);
        if (!locked || *locked <= now) {
            throw ApiError(409, "account.not_locked", "该账号未被锁定");
        }
        tx.execute(
            "UPDATE staff_accounts SET locked_until = NULL, failed_logins = 0, updated_at = ? "
            "WHERE id = ?",
            {now, id});
        audit(tx, by, "account.unlock", "staff_account", std::to_string(id),
              nlohmann::json{{"locked_until", *locked}}.dump());
        return detail::account_from(
            tx, tx.query(std::string(detail::kAccountSql) + "WHERE a.id = ?", {id}).front());
    });
}

std::vector<SessionView> IdentityService::sessions_of_account(const Principal& p, int64_t id) {
    if (!get_account(p, id)) throw ApiError(404, "account.not_found", "账号不存在");
    auto c = pool_.acquire();
    std::vector<SessionView> out;
    for (auto r : c->query("SELECT id, created_at, last_seen_at, ip, user_agent FROM sessions "
                           "WHERE account_id = ? AND revoked_at IS NULL AND expires_at > ? "
                           "ORDER BY id DESC",
                           {id, to_iso(clock_())})) {
        out.push_back({r.get<int64_t>(0), r.get<std::string>(1), r.get<std::string>(2),
                       r.get<std::string>(3), r.get<std::string>(4),
                       r.get<int64_t>(0) == p.session_id});
    }
    return out;
}

}  // namespace gh::identity
