#include "core/cn/workdays.h"

#include <algorithm>

namespace gh::cn {

namespace {

using std::chrono::sys_days;
using std::chrono::weekday;

std::uint32_t key(WorkCalendar::Date d) {
    return static_cast<std::uint32_t>(static_cast<int>(d.year())) * 10000u +
           static_cast<unsigned>(d.month()) * 100u + static_cast<unsigned>(d.day());
}

bool is_weekend(WorkCalendar::Date d) {
    const weekday wd{sys_days{d}};
    return wd == std::chrono::Saturday || wd == std::chrono::Sunday;
}

}  // namespace

const WorkCalendar& WorkCalendar::china() {
    static const WorkCalendar calendar(detail::china_calendar_data());
    return calendar;
}

const detail::CalendarEntry* WorkCalendar::find(Date d) const {
    const detail::CalendarEntry* begin = data_->entries;
    const detail::CalendarEntry* end = begin + data_->entry_count;
    const std::uint32_t k = key(d);
    const auto* it = std::lower_bound(
        begin, end, k,
        [](const detail::CalendarEntry& e, std::uint32_t v) { return e.yyyymmdd < v; });
    return (it != end && it->yyyymmdd == k) ? it : nullptr;
}

bool WorkCalendar::is_workday(Date d) const {
    if (const auto* e = find(d)) return !e->is_holiday;
    return !is_weekend(d);
}

bool WorkCalendar::is_holiday(Date d) const {
    const auto* e = find(d);
    return e != nullptr && e->is_holiday;
}

std::optional<std::string> WorkCalendar::holiday_name(Date d) const {
    const auto* e = find(d);
    if (e == nullptr || !e->is_holiday) return std::nullopt;
    return std::string(data_->names[e->name]);
}

std::optional<std::string> WorkCalendar::adjusted_workday_for(Date d) const {
    const auto* e = find(d);
    if (e == nullptr || e->is_holiday) return std::nullopt;
    return std::string(data_->names[e->name]);
}

WorkCalendar::Date WorkCalendar::add_workdays(Date start, int n) const {
    const std::chrono::days step{n >= 0 ? 1 : -1};
    sys_days day{start};
    for (int left = n >= 0 ? n : -n; left > 0;) {
        day += step;
        if (is_workday(Date{day})) --left;
    }
    return Date{day};
}

int WorkCalendar::workdays_between(Date a, Date b) const {
    // Walk from a towards b, counting b but not a, in whichever direction b lies; this is exactly
    // the set of days add_workdays steps over, so the two functions invert each other.
    const sys_days from{a};
    const sys_days to{b};
    const std::chrono::days step{to >= from ? 1 : -1};
    int count = 0;
    for (sys_days day = from; day != to;) {
        day += step;
        if (is_workday(Date{day})) ++count;
    }
    return to >= from ? count : -count;
}

}  // namespace gh::cn
