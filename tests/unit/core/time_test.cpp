// core/time.h: the wire format (+08:00), Beijing dates, parsing what a person or GONGHUI_CLOCK
// gives, and the clocks tests and development mode use.
#include "core/time.h"

#include <gtest/gtest.h>

using namespace gh;

TEST(Time, TheWireShowsBeijingTimeWithItsOffset) {
    EXPECT_EQ(to_wire("2026-12-04T01:02:03.456Z"), "2026-12-04T09:02:03.456+08:00");
    EXPECT_EQ(to_wire("2026-12-31T16:30:00.000Z"), "2027-01-01T00:30:00.000+08:00");  // next day
    EXPECT_EQ(to_wire(""), "");
}

TEST(Time, TheBeijingDateTurnsAtSixteenUtc) {
    EXPECT_EQ(beijing_date(from_iso("2026-12-04T15:59:59.999Z")), "2026-12-04");
    EXPECT_EQ(beijing_date(from_iso("2026-12-04T16:00:00.000Z")), "2026-12-05");
}

TEST(Time, InstantsParseWithZAnOffsetOrAsABeijingDate) {
    const auto utc = from_iso("2026-01-05T01:00:00.000Z");
    EXPECT_EQ(parse_instant("2026-01-05T01:00:00Z"), utc);
    EXPECT_EQ(parse_instant("2026-01-05T09:00:00+08:00"), utc);
    EXPECT_EQ(parse_instant("2026-01-05T09:00:00.250+08:00"), utc);  // fraction dropped
    EXPECT_EQ(parse_instant("2026-01-04T20:00:00-05:00"), utc);
    EXPECT_EQ(parse_instant("2026-01-05"), from_iso("2026-01-04T16:00:00.000Z"));  // midnight
    for (const char* bad : {"", "tomorrow", "2026-01-05T25:00:00Z", "2026-13-01",
                            "2026-01-05T09:00:00", "2026-01-05T09:00:00+8"}) {
        EXPECT_THROW(parse_instant(bad), std::invalid_argument) << bad;
    }
}

TEST(Time, AManualClockMovesOnlyWhenTold) {
    ManualTime t(parse_instant("2026-03-02T09:00:00+08:00"));
    const auto start = t.now();
    EXPECT_EQ(t.now(), start);
    t.advance(std::chrono::hours(24));
    EXPECT_EQ(t.today(), "2026-03-03");
    t.set(start);
    EXPECT_EQ(t.now_iso(), "2026-03-02T01:00:00.000Z");
}

TEST(Time, AShiftedClockStartsAtTheGivenDayAndRuns) {
    const ShiftedTime t(parse_instant("2026-01-05"));
    const auto a = t.now();
    EXPECT_EQ(beijing_date(a), "2026-01-05");
    EXPECT_GE(t.now(), a);
}
