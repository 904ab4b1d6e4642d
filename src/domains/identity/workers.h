// Worker (职工/会员) accounts: sign-in on a phone with the mobile number and a one-time code (the
// first successful sign-in registers the account), or the number and a password. Owns
// worker_accounts, worker_otps and worker_sessions. The number is stored only encrypted by the
// PII vault plus its blind index; logs and the audit log see it masked (138****5678).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/app/worker_data.h"
#include "core/audit/audit.h"
#include "core/auth/principal.h"
#include "core/auth/rate_limiter.h"
#include "core/db/pool.h"
#include "core/pii/vault.h"
#include "core/time.h"
#include "domains/identity/identity.h"
#include "domains/notices/notices.h"

namespace gh::identity {

struct WorkerView {
    int64_t id = 0;
    std::string phone_masked;
    bool has_password = false;
    std::string status, created_at;
};

struct WorkerLogin {
    std::string token;  // for the cookie; never stored
    std::string csrf_token;
    WorkerView worker;
};

struct OtpSettings {
    std::chrono::seconds min_interval{60};  // per phone
    int per_day = 10;                       // per phone
    std::chrono::minutes valid_for{5};
    int max_attempts = 5;  // per code
};

class WorkerService {
public:
    WorkerService(db::Pool& pool, audit::AuditLog& audit, const pii::Vault& vault,
                  notices::SmsOutbox& sms, Settings settings, OtpSettings otp,
                  std::function<Clock::time_point()> clock);

    // Queues the code in the SMS outbox; 503 sms.not_configured when no sender is configured.
    void request_otp(const Actor& from, std::string_view raw_phone);
    // Signs in with a code; the first successful sign-in of a number creates its account.
    WorkerLogin login_otp(const Actor& from, std::string_view raw_phone, std::string_view code,
                          std::string_view user_agent);
    WorkerLogin login_password(const Actor& from, std::string_view raw_phone,
                               std::string_view password, std::string_view user_agent);
    void set_password(const Actor& by, const Principal& p, std::string_view new_password);
    void logout(const Actor& by, int64_t session_id);

    using Resolved = IdentityService::Resolved;
    std::optional<Resolved> resolve_session(std::string_view token);

    WorkerView me(const Principal& p);
    // The CSRF token of the principal's session (GET /worker/me repeats it: the phone page keeps
    // it in memory only, so after a reload it asks again).
    std::string csrf_token_of(const Principal& p);

    // Everything held about the caller (PIPL right of access and copy), the number in full.
    nlohmann::json export_my_data(const Actor& by, const Principal& p);
    // What other domains hold about the worker (their sections of app::WorkerData) joins it.
    void use_data_sections(const app::WorkerData* data) { data_ = data; }

    // Per-IP limiter for code requests and sign-ins; false when the caller is over the limit.
    bool allow_attempt(const std::string& ip);
    // Seconds until the per-IP window opens again (Retry-After of auth.rate_limited).
    int64_t attempt_retry_after() const { return auth::RateLimiter::seconds_left(clock_()); }

private:
    std::optional<WorkerLogin> consume_otp(db::Connection& tx, const Actor& from,
                                           const std::string& phone, std::string_view code,
                                           std::string_view user_agent);
    WorkerLogin open_session(db::Connection& tx, const Actor& actor, int64_t worker_id,
                             std::string_view user_agent);
    WorkerView view_of(db::Connection& c, int64_t worker_id);
    void audit(db::Connection& c, const Actor& a, std::string action, std::string entity,
               std::string entity_id, nlohmann::json detail = nlohmann::json::object());

    db::Pool& pool_;
    audit::AuditLog& audit_;
    const pii::Vault& vault_;
    notices::SmsOutbox& sms_;
    Settings settings_;
    OtpSettings otp_;
    std::function<Clock::time_point()> clock_;
    const app::WorkerData* data_ = nullptr;
    std::mutex otp_mu_;  // one code issued at a time, so the per-phone limits hold under races
    auth::RateLimiter limiter_{settings_.login_attempts_per_minute_per_ip};
};

}  // namespace gh::identity
