// Login, sessions, passwords: the account's own life.
#include "core/auth/password.h"
#include "core/auth/password_policy.h"
#include "core/auth/token.h"
#include "core/error.h"
#include "domains/identity/identity.h"
#include "domains/identity/roles.h"

namespace gh::identity {

namespace sql {
constexpr const char* kLoginRow =
    "SELECT id, password_hash, status, failed_logins, locked_until, must_change_password, "
    "password_changed_at, totp_enabled, org_id FROM staff_accounts WHERE username = ?";
constexpr const char* kSession =
    "SELECT id, account_id, csrf_token, mfa_pending, last_seen_at, expires_at, revoked_at "
    "FROM sessions WHERE token_hash = ?";
}  // namespace sql

namespace {

// A valid argon2id hash of nothing anyone knows: an unknown username costs the same time as a
// wrong password, so timing does not reveal which usernames exist.
const std::string& dummy_hash() {
    static const std::string h = auth::hash_password("gonghui-dummy-password-for-timing");
    return h;
}

ApiError locked_error(const std::string& until) {
    return ApiError(423, "auth.locked", "登录失败次数过多，账号已锁定，请稍后再试", "",
                    {{"unlock_at", until}});
}

}  // namespace

bool IdentityService::allow_login_attempt(const std::string& ip) {
    return login_limiter_.allow(ip, clock_());
}

LoginResult IdentityService::login(const Actor& from, std::string_view username,
                                   std::string_view password, std::string_view user_agent) {
    auto c = pool_.acquire();
    auto rows = c->query(sql::kLoginRow, {std::string(username)});
    // Verify outside any transaction: argon2id takes tens of milliseconds.
    const bool found = !rows.empty();
    const bool password_ok =
        auth::verify_password(found ? rows.front().get<std::string>(1) : dummy_hash(), password);
    const auto now = clock_();
    const std::string now_s = to_iso(now);

    Actor actor = from;
    actor.name = std::string(username);
    if (!found) {
        db::in_transaction(*c, [&](db::Connection& tx) {
            audit(tx, actor, "auth.login_failed", "staff_account", "",
                  nlohmann::json{{"username", username},
                                 {"reason", "unknown_user"},
                                 {"outcome", "failed"},
                                 {"error", "auth.invalid_credentials"}}
                      .dump());
        });
        throw ApiError(401, "auth.invalid_credentials", "用户名或密码错误");
    }
    auto row = rows.front();
    const int64_t id = row.get<int64_t>(0);
    actor.type = "staff";
    actor.id = id;
    // The account's org, so its county's audit administrator reads its sign-ins (scope).
    if (auto org = orgs_.find(*c, row.get<int64_t>(8))) {
        actor.org_id = org->id;
        actor.org_path = org->path;
    }

    // The lock and the counter are decided inside one transaction, so racing attempts cannot
    // slip past the limit; the failure is committed before the error is answered.
    struct Outcome {
        enum { ok, wrong, locked, disabled } kind;
        std::string unlock_at;
    };
    Outcome out = db::in_transaction(*c, [&](db::Connection& tx) -> Outcome {
        auto cur = tx.query(
                         "SELECT failed_logins, locked_until, status FROM staff_accounts "
                         "WHERE id = ?",
                         {id})
                       .front();
        auto locked_until = cur.get_opt<std::string>(1);
        if (locked_until && *locked_until > now_s) {
            audit(tx, actor, "auth.login_locked", "staff_account", std::to_string(id),
                  R"({"outcome":"failed","error":"auth.locked"})");
            return {Outcome::locked, *locked_until};
        }
        if (cur.get<std::string>(2) != "active") {
            audit(tx, actor, "auth.login_failed", "staff_account", std::to_string(id),
                  R"({"reason":"disabled","outcome":"failed","error":"auth.disabled"})");
            return {Outcome::disabled, ""};
        }
        if (!password_ok) {
            int failed = cur.get<int>(0) + 1;
            if (failed >= settings_.max_failed_logins) {
                std::string until = to_iso(now + settings_.lockout);
                tx.execute(
                    "UPDATE staff_accounts SET failed_logins = 0, locked_until = ? "
                    "WHERE id = ?",
                    {until, id});
                audit(tx, actor, "auth.locked", "staff_account", std::to_string(id),
                      nlohmann::json{
                          {"unlock_at", until}, {"outcome", "failed"}, {"error", "auth.locked"}}
                          .dump());
                return {Outcome::locked, until};
            }
            tx.execute("UPDATE staff_accounts SET failed_logins = ? WHERE id = ?",
                       {int64_t{failed}, id});
            audit(tx, actor, "auth.login_failed", "staff_account", std::to_string(id),
                  nlohmann::json{{"reason", "wrong_password"},
                                 {"failed_logins", failed},
                                 {"outcome", "failed"},
                                 {"error", "auth.invalid_credentials"}}
                      .dump());
            return {Outcome::wrong, ""};
        }
        tx.execute("UPDATE staff_accounts SET failed_logins = 0, locked_until = NULL WHERE id = ?",
                   {id});
        return {Outcome::ok, ""};
    });
    if (out.kind == Outcome::locked) throw locked_error(out.unlock_at);
    if (out.kind == Outcome::disabled) throw ApiError(401, "auth.disabled", "账号已停用");
    if (out.kind == Outcome::wrong) {
        throw ApiError(401, "auth.invalid_credentials", "用户名或密码错误");
    }

    LoginResult result;
    result.token = auth::random_token();
    result.csrf_token = auth::random_token();
    const bool expired = now - from_iso(row.get<std::string>(6)) > settings_.password_max_age;
    result.must_change_password = row.get<bool>(5) || expired;
    result.mfa_enrolled = row.get<bool>(7);
    std::vector<std::string> roles;
    for (auto r : c->query("SELECT role FROM account_roles WHERE account_id = ?", {id})) {
        roles.push_back(r.get<std::string>(0));
    }
    result.mfa_required = result.mfa_enrolled;
    for (const auto& r : roles) {
        if (const RoleInfo* info = find_role(r); info && info->needs_totp)
            result.mfa_required = true;
    }
    int64_t session_id = db::in_transaction(*c, [&](db::Connection& tx) {
        int64_t sid =
            tx.query(
                  "INSERT INTO sessions (token_hash, account_id, csrf_token, mfa_pending, "
                  "created_at, last_seen_at, expires_at, ip, user_agent) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                  {auth::token_hash(result.token), id, result.csrf_token,
                   int64_t{result.mfa_required}, now_s, now_s,
                   to_iso(now + settings_.absolute_timeout), from.ip,
                   std::string(user_agent.substr(0, 300))})
                .front()
                .get<int64_t>(0);
        audit(tx, actor, "auth.login", "session", std::to_string(sid));
        return sid;
    });
    result.principal = load_principal(*c, id, session_id, result.mfa_required);
    result.principal.must_change_password = result.must_change_password;
    return result;
}

Principal IdentityService::load_principal(db::Connection& c, int64_t account_id, int64_t session_id,
                                          bool mfa_pending) {
    auto a = c.query(
                  "SELECT username, display_name, org_id, org_path, must_change_password, "
                  "password_changed_at FROM staff_accounts WHERE id = ?",
                  {account_id})
                 .front();
    Principal p;
    p.account_id = account_id;
    p.username = a.get<std::string>(0);
    p.display_name = a.get<std::string>(1);
    p.org_id = a.get<int64_t>(2);
    p.org_path = a.get<std::string>(3);
    p.must_change_password =
        a.get<bool>(4) || clock_() - from_iso(a.get<std::string>(5)) > settings_.password_max_age;
    p.session_id = session_id;
    p.mfa_pending = mfa_pending;
    for (auto r : c.query("SELECT role FROM account_roles WHERE account_id = ? ORDER BY role",
                          {account_id})) {
        p.roles.push_back(r.get<std::string>(0));
    }
    p.permissions = catalogues_.permissions_of(p.roles);
    return p;
}

std::optional<IdentityService::Resolved> IdentityService::resolve_session(std::string_view token) {
    if (token.empty() || token.size() > 100) return std::nullopt;
    auto c = pool_.acquire();
    auto rs = c->query(sql::kSession, {auth::token_hash(token)});
    if (rs.empty()) return std::nullopt;
    auto s = rs.front();
    const auto now = clock_();
    if (!s.is_null(6)) return std::nullopt;                         // revoked
    if (to_iso(now) >= s.get<std::string>(5)) return std::nullopt;  // absolute life over
    auto last_seen = from_iso(s.get<std::string>(4));
    if (now - last_seen > settings_.idle_timeout) return std::nullopt;  // idle too long
    const int64_t sid = s.get<int64_t>(0);
    // Writing last_seen_at on every request would make every read a write: once a minute will do.
    if (now - last_seen > std::chrono::minutes(1)) {
        c->execute("UPDATE sessions SET last_seen_at = ? WHERE id = ?", {to_iso(now), sid});
    }
    auto status = c->query("SELECT status FROM staff_accounts WHERE id = ?", {s.get<int64_t>(1)});
    if (status.empty() || status.front().get<std::string>(0) != "active") return std::nullopt;
    return Resolved{load_principal(*c, s.get<int64_t>(1), sid, s.get<bool>(3)),
                    s.get<std::string>(2)};
}

std::string IdentityService::csrf_token_of(const Principal& p) {
    if (p.session_id <= 0) return {};
    auto c = pool_.acquire();
    auto rows = c->query("SELECT csrf_token FROM sessions WHERE id = ? AND account_id = ?",
                         {p.session_id, p.account_id});
    return rows.empty() ? std::string() : rows.front().get<std::string>(0);
}

void IdentityService::logout(const Actor& by, int64_t session_id) {
    auto c = pool_.acquire();
    db::in_transaction(*c, [&](db::Connection& tx) {
        tx.execute("UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                   {to_iso(clock_()), session_id});
        audit(tx, by, "auth.logout", "session", std::to_string(session_id));
    });
}

int IdentityService::logout_others(const Actor& by, const Principal& p) {
    auto c = pool_.acquire();
    return db::in_transaction(*c, [&](db::Connection& tx) {
        auto n = tx.execute(
            "UPDATE sessions SET revoked_at = ? WHERE account_id = ? AND id <> ? "
            "AND revoked_at IS NULL",
            {to_iso(clock_()), p.account_id, p.session_id});
        audit(tx, by, "auth.logout_others", "staff_account", std::to_string(p.account_id),
              nlohmann::json{{"sessions", n}}.dump());
        return static_cast<int>(n);
    });
}

void IdentityService::change_password(const Actor& by, const Principal& p,
                                      std::string_view old_password,
                                      std::string_view new_password) {
    auto c = pool_.acquire();
    auto hash = c->query("SELECT password_hash FROM staff_accounts WHERE id = ?", {p.account_id})
                    .front()
                    .get<std::string>(0);
    if (!auth::verify_password(hash, old_password)) {
        throw ApiError(422, "auth.old_password_wrong", "原密码不正确", "old_password");
    }
    if (auto prob = auth::check_password_policy(new_password, p.username)) {
        throw ApiError::from(*prob, 422);
    }
    if (auth::verify_password(hash, new_password)) {
        throw ApiError(422, "password.reused", "新密码不能与原密码相同", "new_password");
    }
    std::string new_hash = auth::hash_password(new_password);
    db::in_transaction(*c, [&](db::Connection& tx) {
        std::string now = to_iso(clock_());
        tx.execute(
            "UPDATE staff_accounts SET password_hash = ?, password_changed_at = ?, "
            "must_change_password = 0, updated_at = ? WHERE id = ?",
            {new_hash, now, now, p.account_id});
        // Other sessions may belong to whoever knew the old password.
        tx.execute(
            "UPDATE sessions SET revoked_at = ? WHERE account_id = ? AND id <> ? "
            "AND revoked_at IS NULL",
            {now, p.account_id, p.session_id});
        audit(tx, by, "auth.password_change", "staff_account", std::to_string(p.account_id));
    });
}

std::vector<SessionView> IdentityService::sessions_of(const Principal& p) {
    auto c = pool_.acquire();
    std::vector<SessionView> out;
    auto cutoff = to_iso(clock_());
    for (auto r : c->query("SELECT id, created_at, last_seen_at, ip, user_agent FROM sessions "
                           "WHERE account_id = ? AND revoked_at IS NULL AND expires_at > ? "
                           "ORDER BY id DESC",
                           {p.account_id, cutoff})) {
        out.push_back({r.get<int64_t>(0), r.get<std::string>(1), r.get<std::string>(2),
                       r.get<std::string>(3), r.get<std::string>(4),
                       r.get<int64_t>(0) == p.session_id});
    }
    return out;
}

void IdentityService::revoke_session(const Actor& by, const Principal& admin, int64_t sid) {
    auto c = pool_.acquire();
    db::in_transaction(*c, [&](db::Connection& tx) {
        auto rs = tx.query(
            "SELECT a.org_path FROM sessions s JOIN staff_accounts a "
            "ON a.id = s.account_id WHERE s.id = ?",
            {sid});
        if (rs.empty() || !admin.scope().contains(rs.front().get<std::string>(0))) {
            throw ApiError(404, "session.not_found", "会话不存在");
        }
        tx.execute("UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                   {to_iso(clock_()), sid});
        audit(tx, by, "auth.session_revoke", "session", std::to_string(sid));
    });
}

}  // namespace gh::identity
