// Opening hours: the forms of the import contract, the canonical text, open at a time (past
// midnight, per weekday, public holidays on the Chinese calendar), and the refusals.
#include "domains/stations/hours.h"

#include <gtest/gtest.h>

using namespace gh::stations;
using namespace std::chrono;

namespace {

Hours parsed(std::string_view text) {
    std::string why;
    auto h = parse_hours(text, &why);
    EXPECT_TRUE(h) << text << ": " << why;
    return h.value_or(Hours{});
}

// A Beijing wall-clock time as an instant.
gh::Clock::time_point beijing(int y, unsigned m, unsigned d, int hh, int mm) {
    return sys_days(year_month_day{year(y), month(m), day(d)}) + hours(hh - 8) + minutes(mm);
}

}  // namespace

TEST(Hours, TwentyFourHoursIsAlwaysOpen) {
    const Hours h = parsed("24小时");
    EXPECT_TRUE(h.all_day);
    EXPECT_TRUE(h.open_at(beijing(2026, 12, 5, 3, 0)));
    EXPECT_EQ(h.text(), "24小时");
}

TEST(Hours, DailyHoursOpenInsideAndClosedOutside) {
    const Hours h = parsed("08:00-20:00");
    EXPECT_FALSE(h.open_at(beijing(2026, 12, 4, 7, 59)));
    EXPECT_TRUE(h.open_at(beijing(2026, 12, 4, 8, 0)));
    EXPECT_TRUE(h.open_at(beijing(2026, 12, 4, 19, 59)));
    EXPECT_FALSE(h.open_at(beijing(2026, 12, 4, 20, 0)));
    EXPECT_EQ(h.text(), "08:00-20:00");
}

TEST(Hours, AnEndBeforeTheStartRunsPastMidnight) {
    const Hours h = parsed("22:00-06:00");
    EXPECT_TRUE(h.open_at(beijing(2026, 12, 4, 1, 0)));  // the example
    EXPECT_TRUE(h.open_at(beijing(2026, 12, 4, 23, 30)));
    EXPECT_FALSE(h.open_at(beijing(2026, 12, 4, 6, 0)));
    EXPECT_FALSE(h.open_at(beijing(2026, 12, 4, 12, 0)));
}

TEST(Hours, PerWeekdayHours) {
    const Hours h = parsed("周一至周五 08:00-18:00；周六 09:00-12:00");
    // 2026-12-04 is a Friday, 12-05 Saturday, 12-06 Sunday.
    EXPECT_TRUE(h.open_at(beijing(2026, 12, 4, 17, 0)));
    EXPECT_TRUE(h.open_at(beijing(2026, 12, 5, 10, 0)));
    EXPECT_FALSE(h.open_at(beijing(2026, 12, 5, 13, 0)));
    EXPECT_FALSE(h.open_at(beijing(2026, 12, 6, 10, 0)));
    EXPECT_EQ(h.text(), "周一至周五 08:00-18:00；周六 09:00-12:00");
    EXPECT_EQ(parsed(h.text()).text(), h.text());
}

TEST(Hours, SaturdayNightPastMidnightCountsOnSundayMorning) {
    const Hours h = parsed("周六 20:00-02:00");
    EXPECT_TRUE(h.open_at(beijing(2026, 12, 6, 1, 0)));   // Sunday 01:00
    EXPECT_FALSE(h.open_at(beijing(2026, 12, 7, 1, 0)));  // Monday 01:00
}

TEST(Hours, HolidayClosureFollowsTheChineseCalendar) {
    const Hours h = parsed("08:00-20:00；节假日休息");
    EXPECT_TRUE(h.holidays_closed);
    // 2025-10-01 is National Day; 2025-10-11 (a Saturday) is a worked day, not a holiday.
    EXPECT_FALSE(h.open_at(beijing(2025, 10, 1, 10, 0)));
    EXPECT_TRUE(h.open_at(beijing(2025, 10, 11, 10, 0)));
    EXPECT_TRUE(h.open_at(beijing(2025, 9, 30, 10, 0)));
    EXPECT_EQ(h.text(), "08:00-20:00；节假日休息");
}

TEST(Hours, ListsOfDaysAndSeveralIntervals) {
    const Hours h = parsed("周六、周日 08:00-12:00,14:00-18:00");
    EXPECT_TRUE(h.open_at(beijing(2026, 12, 5, 9, 0)));
    EXPECT_FALSE(h.open_at(beijing(2026, 12, 5, 13, 0)));
    EXPECT_TRUE(h.open_at(beijing(2026, 12, 6, 15, 0)));
    EXPECT_FALSE(h.open_at(beijing(2026, 12, 4, 9, 0)));
    EXPECT_EQ(h.text(), "周六、周日 08:00-12:00,14:00-18:00");
}

TEST(Hours, RefusesWhatDoesNotParse) {
    for (const char* bad : {"", "周八 10:00-11:00", "25:00-26:00", "08:00", "08:00-08:00",
                            "周一至周五", "早上八点到晚上八点", "08:61-09:00"}) {
        std::string why;
        EXPECT_FALSE(parse_hours(bad, &why)) << bad;
        EXPECT_FALSE(why.empty()) << bad;
    }
}
