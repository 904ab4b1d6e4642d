// A fixed-window counter per key (an IP address): at most `per_minute` hits in each calendar
// minute. In memory, per server process; memory stays bounded under a flood of keys.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace gh::auth {

class RateLimiter {
public:
    explicit RateLimiter(int per_minute) : per_minute_(per_minute) {}

    // Counts a hit; false when `key` is over its limit for the minute `now` falls in.
    bool allow(const std::string& key, std::chrono::system_clock::time_point now) {
        const int64_t minute =
            std::chrono::duration_cast<std::chrono::minutes>(now.time_since_epoch()).count();
        std::lock_guard lock(mu_);
        if (hits_.size() > 100000) hits_.clear();
        auto& [m, n] = hits_[key];
        if (m != minute) {
            m = minute;
            n = 0;
        }
        return ++n <= per_minute_;
    }

    // Seconds until the minute `now` falls in ends: the Retry-After of a refusal.
    static int64_t seconds_left(std::chrono::system_clock::time_point now) {
        const int64_t s =
            std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
        return 60 - s % 60;
    }

private:
    int per_minute_;
    std::mutex mu_;
    std::unordered_map<std::string, std::pair<int64_t, int>> hits_;  // key → (minute, count)
};

}  // namespace gh::auth
