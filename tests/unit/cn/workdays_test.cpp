#include "core/cn/workdays.h"

#include <gtest/gtest.h>

#include <iterator>
#include <string>

namespace gh::cn {
namespace {

using namespace std::chrono;

const WorkCalendar& cal() { return WorkCalendar::china(); }

// Facts below were checked against chinese-days' dist/chinese-days.json and the State Council
// notices it cites, not recalled.

TEST(WorkCalendar, CoversTheYearsOfThePackage) {
    EXPECT_EQ(cal().first_year(), 2004);
    EXPECT_GE(cal().last_year(), 2026);
    EXPECT_EQ(std::string(cal().source()).rfind("chinese-days@", 0), 0u);
}

TEST(WorkCalendar, NationalDay2024) {
    for (int d = 1; d <= 7; ++d) {
        const year_month_day day = 2024y / October / d;
        EXPECT_TRUE(cal().is_holiday(day)) << d;
        EXPECT_FALSE(cal().is_workday(day)) << d;
        EXPECT_EQ(cal().holiday_name(day), "国庆节") << d;
    }
    EXPECT_TRUE(cal().is_workday(2024y / October / 8));
    EXPECT_FALSE(cal().is_holiday(2024y / October / 8));
}

TEST(WorkCalendar, AdjustedWeekendsAroundNationalDay2024) {
    for (const year_month_day day : {2024y / September / 29, 2024y / October / 12}) {
        ASSERT_TRUE(weekday{sys_days{day}} == Sunday || weekday{sys_days{day}} == Saturday);
        EXPECT_TRUE(cal().is_workday(day));
        EXPECT_FALSE(cal().is_holiday(day));
        EXPECT_EQ(cal().holiday_name(day), std::nullopt);
        EXPECT_EQ(cal().adjusted_workday_for(day), "国庆节");
    }
}

TEST(WorkCalendar, SpringFestival2025) {
    for (sys_days d = sys_days{2025y / January / 28}; d <= sys_days{2025y / February / 4};
         d += days{1}) {
        EXPECT_TRUE(cal().is_holiday(year_month_day{d}));
        EXPECT_FALSE(cal().is_workday(year_month_day{d}));
        EXPECT_EQ(cal().holiday_name(year_month_day{d}), "春节");
    }
    EXPECT_TRUE(cal().is_workday(2025y / January / 27));
    EXPECT_TRUE(cal().is_workday(2025y / February / 5));
    // Sunday 26 January and Saturday 8 February were worked.
    EXPECT_TRUE(cal().is_workday(2025y / January / 26));
    EXPECT_EQ(cal().adjusted_workday_for(2025y / January / 26), "春节");
    EXPECT_TRUE(cal().is_workday(2025y / February / 8));
    // An ordinary weekend in between is neither.
    EXPECT_FALSE(cal().is_workday(2025y / January / 25));
    EXPECT_FALSE(cal().is_holiday(2025y / January / 25));
}

TEST(WorkCalendar, CombinedNationalDayAndMidAutumn2025) {
    for (int d = 1; d <= 8; ++d) EXPECT_TRUE(cal().is_holiday(2025y / October / d)) << d;
    // The package names the day that falls on 中秋 after it.
    EXPECT_EQ(cal().holiday_name(2025y / October / 6), "中秋");
    EXPECT_EQ(cal().holiday_name(2025y / October / 1), "国庆节");
    EXPECT_TRUE(cal().is_workday(2025y / September / 28));
    EXPECT_TRUE(cal().is_workday(2025y / October / 11));
}

TEST(WorkCalendar, OneOffHoliday2015) {
    EXPECT_EQ(cal().holiday_name(2015y / September / 3),
              "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日");
    EXPECT_TRUE(cal().is_workday(2015y / September / 6));  // a Sunday
}

TEST(WorkCalendar, OrdinaryDays) {
    EXPECT_TRUE(cal().is_workday(2024y / October / 16));   // Wednesday
    EXPECT_FALSE(cal().is_workday(2024y / October / 19));  // Saturday
    EXPECT_FALSE(cal().is_workday(2024y / October / 20));  // Sunday
    EXPECT_FALSE(cal().is_holiday(2024y / October / 19));
    EXPECT_EQ(cal().holiday_name(2024y / October / 16), std::nullopt);
    EXPECT_EQ(cal().adjusted_workday_for(2024y / October / 16), std::nullopt);
}

TEST(WorkCalendar, EveryCoveredYearHasNewYearAndNationalDay) {
    for (int y = cal().first_year(); y <= cal().last_year(); ++y) {
        EXPECT_EQ(cal().holiday_name(year{y} / January / 1), "元旦") << y;
        // 1-3 October are statutory every year (2009 names the 3rd after 中秋, so no name check).
        for (int d = 1; d <= 3; ++d) EXPECT_TRUE(cal().is_holiday(year{y} / October / d)) << y;
    }
}

TEST(WorkCalendar, AdjustedWorkdaysAreAlwaysWeekends) {
    for (int y = cal().first_year(); y <= cal().last_year(); ++y) {
        for (sys_days d = sys_days{year{y} / January / 1}; d <= sys_days{year{y} / December / 31};
             d += days{1}) {
            const year_month_day ymd{d};
            if (cal().adjusted_workday_for(ymd)) {
                const weekday wd{d};
                EXPECT_TRUE(wd == Saturday || wd == Sunday) << static_cast<int>(ymd.year());
            }
        }
    }
}

TEST(WorkCalendar, AddWorkdaysAcrossNationalDay) {
    // Fri 27 Sep 2024 + 15: Sun 29 Sep (1), Mon 30 (2), holiday 1-7 Oct, 8-11 Oct (3-6),
    // Sat 12 Oct worked (7), 14-18 (8-12), 21-23 (13-15).
    EXPECT_EQ(cal().add_workdays(2024y / September / 27, 15), 2024y / October / 23);
    EXPECT_EQ(cal().add_workdays(2024y / September / 30, 1), 2024y / October / 8);
    EXPECT_EQ(cal().add_workdays(2024y / September / 28, 1), 2024y / September / 29);
    EXPECT_EQ(cal().add_workdays(2024y / October / 11, 1), 2024y / October / 12);
}

TEST(WorkCalendar, AddWorkdaysEdgeCases) {
    EXPECT_EQ(cal().add_workdays(2024y / October / 3, 0), 2024y / October / 3);
    EXPECT_EQ(cal().add_workdays(2024y / October / 3, 1), 2024y / October / 8);  // from a holiday
    EXPECT_EQ(cal().add_workdays(2025y / January / 27, 1), 2025y / February / 5);
    EXPECT_EQ(cal().add_workdays(2024y / October / 8, -1), 2024y / September / 30);
    EXPECT_EQ(cal().add_workdays(2024y / October / 23, -15), 2024y / September / 27);
}

TEST(WorkCalendar, WorkdaysBetween) {
    EXPECT_EQ(cal().workdays_between(2024y / September / 27, 2024y / October / 23), 15);
    EXPECT_EQ(cal().workdays_between(2024y / October / 23, 2024y / September / 27), -15);
    EXPECT_EQ(cal().workdays_between(2024y / October / 1, 2024y / October / 7), 0);
    EXPECT_EQ(cal().workdays_between(2024y / October / 1, 2024y / October / 1), 0);
    // Whole years, counted independently from the package's JSON: 2024 has 262 weekdays, 19 of
    // them holidays, plus 8 worked weekend days = 251; 2025: 261 - 18 + 5 = 248.
    EXPECT_EQ(cal().workdays_between(2023y / December / 31, 2024y / December / 31), 251);
    EXPECT_EQ(cal().workdays_between(2024y / December / 31, 2025y / December / 31), 248);
}

TEST(WorkCalendar, AddAndBetweenAreInverse) {
    for (const year_month_day start :
         {2024y / September / 27, 2024y / October / 5, 2025y / January / 26, 2025y / February / 1,
          2026y / December / 20, 2003y / December / 25}) {
        for (int n = -40; n <= 40; ++n) {
            EXPECT_EQ(cal().workdays_between(start, cal().add_workdays(start, n)), n)
                << static_cast<int>(start.year()) << " " << n;
        }
    }
}

TEST(WorkCalendar, OutsideCoveredYearsFallsBackToMondayToFriday) {
    const int after = cal().last_year() + 10;
    const int before = cal().first_year() - 1;
    for (const year_month_day d : {year{after} / October / 1, year{before} / October / 1,
                                   year{after} / January / 1, year{before} / May / 3}) {
        const weekday wd{sys_days{d}};
        EXPECT_EQ(cal().is_workday(d), wd != Saturday && wd != Sunday);
        EXPECT_FALSE(cal().is_holiday(d));
        EXPECT_EQ(cal().holiday_name(d), std::nullopt);
    }
    // 1 October 2003 was a real holiday, but the data starts in 2004: Wednesday -> workday.
    EXPECT_TRUE(cal().is_workday(2003y / October / 1));
    // Friday 1 October 2100 + 1 -> Monday 4 October.
    EXPECT_EQ(cal().add_workdays(2100y / October / 1, 1), 2100y / October / 4);
}

TEST(WorkCalendar, CustomDataLookupAtTableEdges) {
    static constexpr const char* kNames[] = {"甲", "乙"};
    static constexpr detail::CalendarEntry kEntries[] = {
        {20300101, true, 0}, {20300105, false, 1}, {20301231, true, 1}};
    static constexpr detail::CalendarData kData{
        kEntries, std::size(kEntries), kNames, std::size(kNames), 2030, 2030, "test"};
    const WorkCalendar c(kData);
    EXPECT_EQ(c.holiday_name(2030y / January / 1), "甲");
    EXPECT_EQ(c.adjusted_workday_for(2030y / January / 5), "乙");  // a Saturday
    EXPECT_TRUE(c.is_workday(2030y / January / 5));
    EXPECT_EQ(c.holiday_name(2030y / December / 31), "乙");
    EXPECT_FALSE(c.is_workday(2030y / December / 31));  // a Tuesday
    EXPECT_TRUE(c.is_workday(2030y / January / 2));
    EXPECT_FALSE(c.is_workday(2030y / January / 6));
    EXPECT_EQ(c.first_year(), 2030);
}

}  // namespace
}  // namespace gh::cn
