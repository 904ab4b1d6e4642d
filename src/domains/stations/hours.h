// Opening hours of a station, parsed from the text a cadre writes and printed back canonically:
//   "24小时"                                   always open
//   "08:00-20:00"                              every day; an end before the start runs past
//                                              midnight ("22:00-06:00" is open at 01:00)
//   "周一至周五 08:00-18:00；周六 09:00-12:00"   per weekday, segments separated by ； or ;
//   weekdays: 周一 … 周日 (周天 too), ranges with 至 or -, lists with 、 or ,; "每天" every day;
//   several intervals of one day with "," ("08:00-12:00,14:00-18:00").
// A segment "节假日休息" (or "节假日闭站") closes the station on the public holidays of the
// Chinese calendar (core/cn/workdays.h). Days not named are closed. Times are Beijing time.
#pragma once

#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.h"

namespace gh::stations {

struct Interval {
    int start = 0;  // minutes after midnight, 0..1439
    int end = 0;    // 1..1440; end <= start: runs past midnight into the next day
};

struct Hours {
    bool all_day = false;
    std::array<std::vector<Interval>, 7> week;  // [0] Monday … [6] Sunday
    bool holidays_closed = false;

    // Whether open at a Beijing date (weekday known from it) and minute of that day.
    bool open_at(std::chrono::year_month_day day, int minute) const;
    bool open_at(Clock::time_point t) const;
    std::string text() const;  // canonical form, parses back to the same Hours
};

// nullopt when the text does not parse (error says why, in Chinese).
std::optional<Hours> parse_hours(std::string_view text, std::string* error = nullptr);

}  // namespace gh::stations
