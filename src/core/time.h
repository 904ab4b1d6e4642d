// Time as the product stores it: UTC, ISO 8601 with milliseconds ("2026-11-23T01:02:03.456Z"),
// which sorts as text on both databases. The wire format (+08:00) is the routes' business.
#pragma once

#include <chrono>
#include <string>

namespace gh {

using Clock = std::chrono::system_clock;

std::string to_iso(Clock::time_point t);
inline std::string now_iso() { return to_iso(Clock::now()); }
// Parses what to_iso writes; nullopt-like epoch on failure is a bug, so it throws.
Clock::time_point from_iso(const std::string& s);

}  // namespace gh
