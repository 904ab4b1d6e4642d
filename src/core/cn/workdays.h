// China's working-day calendar: public holidays and the "调休" weekend days that are worked in
// exchange. The State Council announces each year's arrangement in the previous November, so the
// table is generated at build time from the npm package chinese-days (pinned in
// tools/datagen/package-lock.json) and updating it means bumping that package.
//
// Outside [first_year(), last_year()] there is no data and the calendar falls back to plain
// Monday-Friday: no holidays, no adjusted weekends. Callers computing legal deadlines far ahead
// should tell people so.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace gh::cn {

namespace detail {

// One date that differs from the Monday-Friday rule. Kept sorted by `yyyymmdd`.
struct CalendarEntry {
    std::uint32_t yyyymmdd;
    bool is_holiday;    // false: a weekend day that is worked (调休上班)
    std::uint8_t name;  // index into CalendarData::names: the holiday, or the one worked for
};

struct CalendarData {
    const CalendarEntry* entries;
    std::size_t entry_count;
    const char* const* names;  // UTF-8 Chinese names as the source spells them, e.g. "国庆节"
    std::size_t name_count;
    int first_year;
    int last_year;
    const char* source;  // e.g. "chinese-days@1.5.7"
};

// Defined in the generated workdays_data.cpp.
const CalendarData& china_calendar_data();

}  // namespace detail

class WorkCalendar {
public:
    using Date = std::chrono::year_month_day;

    static const WorkCalendar& china();
    explicit WorkCalendar(const detail::CalendarData& data) : data_(&data) {}

    // Working day: an adjusted working day, or Monday-Friday that is not a holiday.
    bool is_workday(Date d) const;
    // Public holiday including the weekend days folded into a holiday block (e.g. all of
    // 2024-10-01..07); an ordinary weekend is not a holiday.
    bool is_holiday(Date d) const;
    std::optional<std::string> holiday_name(Date d) const;
    // For an adjusted working day, the holiday it makes up for (2024-10-12 -> "国庆节").
    std::optional<std::string> adjusted_workday_for(Date d) const;

    // The date n working days after start, not counting start itself ("within 15 working days"):
    // n = 1 is the next working day. n = 0 returns start; negative n counts backwards.
    Date add_workdays(Date start, int n) const;
    // Working days from a (not counted) to b (counted), negative when b is before a, so that
    // workdays_between(a, add_workdays(a, n)) == n for every n.
    int workdays_between(Date a, Date b) const;

    int first_year() const { return data_->first_year; }
    int last_year() const { return data_->last_year; }
    const char* source() const { return data_->source; }

private:
    const detail::CalendarEntry* find(Date d) const;

    const detail::CalendarData* data_;
};

}  // namespace gh::cn
