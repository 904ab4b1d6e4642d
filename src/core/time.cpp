#include "core/time.h"

#include <cstdio>
#include <ctime>
#include <stdexcept>

namespace gh {

std::string to_iso(Clock::time_point t) {
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
    std::time_t secs = static_cast<std::time_t>(ms / 1000);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[96];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                  static_cast<int>(ms % 1000));
    return buf;
}

Clock::time_point from_iso(const std::string& s) {
    std::tm tm{};
    int ms = 0;
    if (std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d.%3dZ", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                    &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &ms) < 6) {
        throw std::logic_error("not an ISO time: " + s);
    }
    // system_clock counts nanoseconds in 64 bits: it ends in 2262. Outside 1970–2200 a stored or
    // requested time is a mistake, not a date to compute with.
    if (tm.tm_year < 1970 || tm.tm_year > 2200 || tm.tm_mon < 1 || tm.tm_mon > 12 ||
        tm.tm_mday < 1 || tm.tm_mday > 31) {
        throw std::logic_error("time out of range: " + s);
    }
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    return Clock::from_time_t(timegm(&tm)) + std::chrono::milliseconds(ms);
}

}  // namespace gh

namespace gh {

namespace {
constexpr auto kBeijing = std::chrono::hours(8);
}

std::string to_wire(std::string_view stored) {
    if (stored.empty()) return {};
    auto t = from_iso(std::string(stored)) + kBeijing;
    std::string s = to_iso(t);  // Beijing wall time written as if UTC
    s.pop_back();               // the Z
    return s + "+08:00";
}

std::string beijing_date(Clock::time_point t) { return to_iso(t + kBeijing).substr(0, 10); }

Clock::time_point parse_instant(std::string_view text) {
    std::string s(text);
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0, consumed = 0;
    auto bad = [&] { return std::invalid_argument("not an ISO 8601 time: " + s); };
    if (std::sscanf(s.c_str(), "%4d-%2d-%2d%n", &y, &mo, &d, &consumed) != 3) throw bad();
    std::chrono::minutes offset = kBeijing;
    std::string_view rest = text.substr(static_cast<size_t>(consumed));
    if (!rest.empty()) {
        int n = 0;
        if (std::sscanf(rest.data(), "T%2d:%2d:%2d%n", &h, &mi, &sec, &n) != 3) throw bad();
        rest.remove_prefix(static_cast<size_t>(n));
        if (!rest.empty() && rest[0] == '.') {
            rest.remove_prefix(1);
            while (!rest.empty() && rest[0] >= '0' && rest[0] <= '9') rest.remove_prefix(1);
        }
        if (rest == "Z") {
            offset = std::chrono::minutes(0);
        } else if (rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':') {
            int oh = 0, om = 0;
            if (std::sscanf(rest.data() + 1, "%2d:%2d", &oh, &om) != 2) throw bad();
            offset = std::chrono::minutes(oh * 60 + om) * (rest[0] == '-' ? -1 : 1);
        } else {
            throw bad();
        }
    }
    if (h > 23 || mi > 59 || sec > 59) throw bad();
    char buf[96];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.000Z", y, mo, d, h, mi, sec);
    try {
        return from_iso(buf) - offset;
    } catch (const std::logic_error&) {
        throw bad();
    }
}

}  // namespace gh
