// Limits on lookups by ID number or phone (查询身份证号、手机号的次数限制): each answer says
// something about whether a number belongs to somebody, so a caller may ask only so often. Two
// keys per lookup — the account and the client IP — each with a per-minute and a per-day
// budget, in fixed calendar windows (UTC minute, UTC day). A lookup is counted only when every
// budget allows it, so refused lookups do not push the window on.
//
// In memory, per server process, behind one mutex: the worker threads of one `gonghui serve`
// share it. Several servers behind a load balancer each count on their own (the limit becomes
// N times the number), see docs/SECURITY.md. Memory stays bounded under a flood of keys: at
// most kMaxKeys keys are kept; past that, keys of past windows are dropped first, then all.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace gh::auth {

struct LookupLimits {
    int per_minute = 30;         // per account
    int per_day = 300;           // per account
    int per_minute_per_ip = 60;  // per client IP
    int per_day_per_ip = 600;    // per client IP
};

class LookupLimiter {
public:
    using Clock = std::chrono::system_clock;
    static constexpr size_t kMaxKeys = 100000;

    // Why a lookup was refused. `limit` names the budget ("account_minute", "account_day",
    // "ip_minute", "ip_day"); `first` is true for the first refusal of that key in that window
    // (what gets audited, so a flood cannot fill the audit log).
    struct Refusal {
        std::string limit;
        std::string key_kind;  // "account" | "ip"
        std::string window;    // "minute" | "day"
        int max = 0;
        int64_t retry_after = 0;  // seconds until the window ends
        bool first = false;
    };

    explicit LookupLimiter(LookupLimits limits, std::function<Clock::time_point()> clock = {})
        : limits_(limits), clock_(std::move(clock)) {}

    const LookupLimits& limits() const { return limits_; }

    // Counts one lookup by `account` (e.g. "staff:12"; empty: none) from `ip`; nullopt when
    // allowed, else the first budget that is spent.
    std::optional<Refusal> hit(const std::string& account, const std::string& ip) {
        const auto now = clock_ ? clock_() : Clock::now();
        const int64_t secs =
            std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
        const int64_t minute = secs / 60, day = secs / 86400;
        std::lock_guard lock(mu_);
        trim(day);
        Counter* a = account.empty() ? nullptr : &counters_["a:" + account];
        Counter* i = ip.empty() ? nullptr : &counters_["i:" + ip];
        for (Counter* c : {a, i}) {
            if (!c) continue;
            if (c->minute != minute) {
                c->minute = minute;
                c->in_minute = 0;
            }
            if (c->day != day) {
                c->day = day;
                c->in_day = 0;
            }
        }
        struct Budget {
            Counter* c;
            bool per_day;
            int max;
            const char* name;
        };
        const Budget budgets[] = {{a, false, limits_.per_minute, "account_minute"},
                                  {a, true, limits_.per_day, "account_day"},
                                  {i, false, limits_.per_minute_per_ip, "ip_minute"},
                                  {i, true, limits_.per_day_per_ip, "ip_day"}};
        for (const auto& b : budgets) {
            if (!b.c) continue;
            const int used = b.per_day ? b.c->in_day : b.c->in_minute;
            if (used < b.max) continue;
            Refusal r;
            r.limit = b.name;
            r.key_kind = b.c == a ? "account" : "ip";
            r.window = b.per_day ? "day" : "minute";
            r.max = b.max;
            r.retry_after = b.per_day ? (day + 1) * 86400 - secs : (minute + 1) * 60 - secs;
            int64_t& noted = b.per_day ? b.c->refused_day : b.c->refused_minute;
            const int64_t window = b.per_day ? day : minute;
            r.first = noted != window;
            noted = window;
            return r;
        }
        for (Counter* c : {a, i}) {
            if (!c) continue;
            ++c->in_minute;
            ++c->in_day;
        }
        return std::nullopt;
    }

private:
    struct Counter {
        int64_t minute = -1, day = -1;
        int in_minute = 0, in_day = 0;
        int64_t refused_minute = -1, refused_day = -1;  // the window of the last audited refusal
    };

    void trim(int64_t day) {
        if (counters_.size() < kMaxKeys) return;
        std::erase_if(counters_, [day](const auto& kv) { return kv.second.day != day; });
        if (counters_.size() >= kMaxKeys) counters_.clear();
    }

    LookupLimits limits_;
    std::function<Clock::time_point()> clock_;
    std::mutex mu_;
    std::unordered_map<std::string, Counter> counters_;
};

}  // namespace gh::auth
