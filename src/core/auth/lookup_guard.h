// The one gate of every lookup by ID number or phone: counts it against the caller's account
// and IP (LookupLimiter) and, when a budget is spent, audits the refusal (`ratelimit.hit`: which
// limit and which kind of key, never the number looked up) and throws 429 with Retry-After.
// Routes call check() before the service runs; the audit row is written in its own transaction
// since the refused request changes nothing.
#pragma once

#include <string>
#include <string_view>

#include "core/audit/audit.h"
#include "core/auth/audit_record.h"
#include "core/auth/lookup_limiter.h"
#include "core/auth/principal.h"
#include "core/db/pool.h"
#include "core/error.h"

namespace gh::auth {

class LookupGuard {
public:
    LookupGuard(LookupLimiter& limiter, db::Pool& pool, audit::AuditLog& audit)
        : limiter_(limiter), pool_(pool), audit_(audit) {}

    // `what` names the lookup for the audit row ("transfer.request", "member.search" …).
    void check(const Actor& a, std::string_view what) {
        const std::string account = a.id ? a.type + ":" + std::to_string(*a.id) : std::string();
        auto refused = limiter_.hit(account, a.ip);
        if (!refused) return;
        if (refused->first) {
            auto c = pool_.acquire();
            db::in_transaction(*c, [&](db::Connection& tx) {
                record(audit_, tx, a, "ratelimit.hit", "rate_limit", refused->limit,
                       {{"limit", refused->limit},
                        {"key", refused->key_kind},
                        {"window", refused->window},
                        {"max", refused->max},
                        {"lookup", std::string(what)}});
            });
        }
        throw ApiError::too_many("lookup.rate_limited",
                                 refused->window == "day"
                                     ? "今日按身份证号或手机号查询的次数已用完，请明天再试"
                                     : "按身份证号或手机号查询过于频繁，请稍后再试",
                                 refused->retry_after);
    }

private:
    LookupLimiter& limiter_;
    db::Pool& pool_;
    audit::AuditLog& audit_;
};

}  // namespace gh::auth
