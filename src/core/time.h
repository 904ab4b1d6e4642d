// Time as the product stores it: UTC, ISO 8601 with milliseconds ("2026-11-23T01:02:03.456Z"),
// which sorts as text on both databases. On the wire every time is ISO 8601 with the +08:00
// offset of Beijing time ("2026-11-23T09:02:03.456+08:00", to_wire): what a cadre reads, and
// what a working-day deadline is counted in.
//
// "Now" comes from a TimeSource that the app object owns and hands to every service, never from
// the system clock directly: tests set it (ManualTime), and `serve --dev` may start at another
// day (GONGHUI_CLOCK) to show a deadline fall due.
#pragma once

#include <atomic>
#include <chrono>
#include <string>
#include <string_view>

namespace gh {

using Clock = std::chrono::system_clock;

std::string to_iso(Clock::time_point t);
// Parses what to_iso writes; nullopt-like epoch on failure is a bug, so it throws.
Clock::time_point from_iso(const std::string& s);

// A stored time (to_iso's format) as the wire shows it, +08:00; "" stays "".
std::string to_wire(std::string_view stored);
// The calendar day in Beijing ("2026-12-04") of an instant.
std::string beijing_date(Clock::time_point t);
// An ISO 8601 instant with Z or an offset ("2026-01-05T09:00:00+08:00"), or a Beijing date
// ("2026-01-05", its midnight); throws std::invalid_argument otherwise.
Clock::time_point parse_instant(std::string_view text);

class TimeSource {
public:
    virtual ~TimeSource() = default;
    virtual Clock::time_point now() const = 0;
    std::string now_iso() const { return to_iso(now()); }
    std::string today() const { return beijing_date(now()); }  // in Beijing
};

// The system clock: production.
class SystemTime final : public TimeSource {
public:
    Clock::time_point now() const override { return Clock::now(); }
};

// The system clock moved by a fixed offset, so time still runs: development mode started at
// another day (GONGHUI_CLOCK).
class ShiftedTime final : public TimeSource {
public:
    explicit ShiftedTime(Clock::time_point start) : offset_(start - Clock::now()) {}
    Clock::time_point now() const override { return Clock::now() + offset_; }

private:
    Clock::duration offset_;
};

// A clock that moves only when told: unit and database tests.
class ManualTime final : public TimeSource {
public:
    explicit ManualTime(Clock::time_point start) : t_(start.time_since_epoch().count()) {}
    Clock::time_point now() const override { return Clock::time_point(Clock::duration(t_.load())); }
    void set(Clock::time_point t) { t_ = t.time_since_epoch().count(); }
    void advance(Clock::duration d) { t_ += d.count(); }

private:
    std::atomic<Clock::rep> t_;
};

}  // namespace gh
