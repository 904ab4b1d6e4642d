// Staff accounts, sessions and the authorizer every route goes through. Owns staff_accounts,
// account_roles and sessions. Talks to orgs only through OrgService, to the audit log only
// through AuditLog.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/app/catalogue.h"
#include "core/audit/audit.h"
#include "core/auth/principal.h"
#include "core/auth/rate_limiter.h"
#include "core/db/pool.h"
#include "core/pii/rotation.h"
#include "core/pii/vault.h"
#include "core/time.h"
#include "domains/notices/notices.h"
#include "domains/orgs/orgs.h"

namespace gh::identity {

using auth::Actor;
using auth::Principal;

// Key rotation (core/pii/rotation.h): the identity domain's ciphertext columns, the staff
// accounts' TOTP secrets and the workers' phone numbers (workers.h).
std::vector<pii::RotationStep> pii_rotation_steps();

struct Settings {
    std::chrono::minutes idle_timeout{30};
    std::chrono::hours absolute_timeout{12};
    int max_failed_logins = 5;
    std::chrono::minutes lockout{15};
    std::chrono::hours password_max_age{24 * 90};
    int login_attempts_per_minute_per_ip = 30;
};

struct AccountView {
    int64_t id;
    std::string username, display_name, status;
    int64_t org_id;
    std::vector<std::string> roles;
    bool must_change_password;
    bool totp_enabled;
    std::optional<std::string> locked_until;
};

// The administrators' list filters (all optional): text in the username or display name, an org
// subtree within the caller's scope, a role, and a state: active, disabled or locked.
struct AccountFilter {
    std::string q;
    std::optional<int64_t> org_id;
    std::string role;
    std::string state;
};

struct LoginResult {
    std::string token;  // for the cookie; never stored
    std::string csrf_token;
    bool must_change_password;
    bool mfa_required;
    bool mfa_enrolled;
    Principal principal;
};

struct SessionView {
    int64_t id;
    std::string created_at, last_seen_at, ip, user_agent;
    bool current;
};

class IdentityService {
public:
    IdentityService(db::Pool& pool, orgs::OrgService& orgs, audit::AuditLog& audit,
                    const pii::Vault& vault, const app::Catalogues& catalogues,
                    notices::NoticeService& notices, Settings settings,
                    std::function<Clock::time_point()> clock);

    // Creates a staff account with `roles` (operator path: CLI). Answers the initial password:
    // `password` when given (checked against the policy), else a generated one.
    std::pair<AccountView, std::string> create_account(const Actor& by, std::string_view org,
                                                       std::string_view username,
                                                       std::string_view display_name,
                                                       const std::vector<std::string>& roles,
                                                       std::optional<std::string> password);
    std::string reset_password(const Actor& by, std::string_view username);
    // The console's path: an account with no roles, in an org within the caller's scope.
    std::pair<AccountView, std::string> create_account_in_scope(const Actor& by, const Principal& p,
                                                                int64_t org_id,
                                                                std::string_view username,
                                                                std::string_view display_name);

    LoginResult login(const Actor& from, std::string_view username, std::string_view password,
                      std::string_view user_agent);
    void logout(const Actor& by, int64_t session_id);
    int logout_others(const Actor& by, const Principal& p);
    void change_password(const Actor& by, const Principal& p, std::string_view old_password,
                         std::string_view new_password);
    std::vector<SessionView> sessions_of(const Principal& p);
    // The CSRF token of the caller's own session, so a console tab that did not see the login
    // answer (a reload, a second tab) can still make state changes. Empty for a session without
    // one (a bearer token).
    std::string csrf_token_of(const Principal& p);
    void revoke_session(const Actor& by, const Principal& admin, int64_t session_id);

    // The authorizer's lookup: the live session behind a token, with its principal and CSRF
    // token; nullopt when unknown, revoked, idle too long or past its absolute life.
    struct Resolved {
        Principal principal;
        std::string csrf_token;
    };
    std::optional<Resolved> resolve_session(std::string_view token);

    std::vector<AccountView> list_accounts(const Principal& p, int64_t after_id, int limit);
    std::vector<AccountView> list_accounts(const Principal& p, const AccountFilter& f,
                                           int64_t after_id, int limit);
    // Administration of one account within the caller's scope (404 outside; never the caller's
    // own, 403 account.self). Disabling ends every session of the account; a reset answers a new
    // one-time password (changed at the next sign-in) and ends its sessions too.
    AccountView set_enabled(const Actor& by, const Principal& p, int64_t id, bool enabled);
    std::pair<AccountView, std::string> reset_password_of(const Actor& by, const Principal& p,
                                                          int64_t id);
    AccountView unlock(const Actor& by, const Principal& p, int64_t id);
    std::vector<SessionView> sessions_of_account(const Principal& p, int64_t id);
    // Whether a lockout is in force now (locked_until in the future).
    bool locked_now(const AccountView& a) const;
    std::optional<AccountView> get_account(const Principal& p, int64_t id);
    AccountView set_roles(const Actor& by, const Principal& p, int64_t id,
                          const std::vector<std::string>& roles);

    // Two factors (TOTP). enroll_totp answers the secret (base32), the otpauth URI and its QR
    // code as SVG; verify_totp completes enrolment or a pending sign-in.
    struct TotpEnrolment {
        std::string secret_base32, otpauth_uri, qr_svg;
    };
    TotpEnrolment enroll_totp(const Actor& by, const Principal& p);
    void verify_totp(const Actor& by, const Principal& p, std::string_view code);

    // Service accounts for other systems: answers (id, bearer token); the token is shown once.
    std::pair<int64_t, std::string> create_service_account(
        const Actor& by, std::string_view name, std::string_view org_ref,
        const std::vector<std::string>& permissions);
    void revoke_service_account(const Actor& by, std::string_view name);
    // The principal behind a bearer token (kind "service"), or nullopt.
    std::optional<Principal> resolve_service_token(std::string_view token);

    // Per-IP limiter for login; answers false when the caller is over the limit.
    bool allow_login_attempt(const std::string& ip);
    int64_t login_retry_after() const { return auth::RateLimiter::seconds_left(clock_()); }

    const Settings& settings() const { return settings_; }

    // Staff and service accounts keep a copy of their org's path (scope without a join); an org
    // move rewrites it through the orgs repath hook, in the caller's transaction (repath.cpp).
    void repath(db::Connection& tx, const std::string& old_prefix, const std::string& new_prefix);

    // Every domain's permissions and the roles' grants (core/app/catalogue.h).
    const app::Catalogues& catalogues() const { return catalogues_; }

private:
    Principal load_principal(db::Connection& c, int64_t account_id, int64_t session_id,
                             bool mfa_pending);
    void audit(db::Connection& c, const Actor& a, std::string action, std::string entity,
               std::string entity_id, std::string detail = "{}");

    db::Pool& pool_;
    orgs::OrgService& orgs_;
    audit::AuditLog& audit_;
    const pii::Vault& vault_;
    const app::Catalogues& catalogues_;
    notices::NoticeService& notices_;
    Settings settings_;
    std::function<Clock::time_point()> clock_;
    auth::RateLimiter login_limiter_{settings_.login_attempts_per_minute_per_ip};
};

}  // namespace gh::identity
