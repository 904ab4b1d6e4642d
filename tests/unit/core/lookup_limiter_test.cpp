// The budget of lookups by ID number or phone, on a clock the test moves.
#include "core/auth/lookup_limiter.h"

#include <gtest/gtest.h>

using gh::auth::LookupLimiter;
using gh::auth::LookupLimits;
using namespace std::chrono;

namespace {

struct TestClock {
    // 2026-12-03T10:00:05Z: 5 s into a minute.
    system_clock::time_point now = system_clock::time_point(seconds(1796292005));
    LookupLimiter limiter(LookupLimits limits) {
        return LookupLimiter(limits, [this] { return now; });
    }
};

}  // namespace

TEST(LookupLimiter, TheAccountsMinuteBudgetThenTheNextMinute) {
    TestClock clock;
    auto l = clock.limiter({3, 100, 100, 100});
    for (int i = 0; i < 3; ++i) EXPECT_FALSE(l.hit("staff:1", "10.0.0.1")) << i;
    auto refused = l.hit("staff:1", "10.0.0.1");
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->limit, "account_minute");
    EXPECT_EQ(refused->key_kind, "account");
    EXPECT_EQ(refused->window, "minute");
    EXPECT_EQ(refused->max, 3);
    EXPECT_EQ(refused->retry_after, 55);
    EXPECT_TRUE(refused->first);
    auto again = l.hit("staff:1", "10.0.0.1");
    ASSERT_TRUE(again);
    EXPECT_FALSE(again->first) << "only the first refusal of a window is audited";
    // Another account from the same address has its own budget.
    EXPECT_FALSE(l.hit("staff:2", "10.0.0.1"));
    clock.now += seconds(55);  // the next minute
    EXPECT_FALSE(l.hit("staff:1", "10.0.0.1"));
}

TEST(LookupLimiter, RefusedLookupsAreNotCounted) {
    TestClock clock;
    auto l = clock.limiter({2, 3, 100, 100});
    EXPECT_FALSE(l.hit("staff:1", "ip"));
    EXPECT_FALSE(l.hit("staff:1", "ip"));
    for (int i = 0; i < 5; ++i) EXPECT_TRUE(l.hit("staff:1", "ip"));
    clock.now += minutes(1);
    EXPECT_FALSE(l.hit("staff:1", "ip")) << "the day holds 3: the refused five did not count";
    auto day = l.hit("staff:1", "ip");
    ASSERT_TRUE(day);
    EXPECT_EQ(day->limit, "account_day");
    EXPECT_EQ(day->window, "day");
    // 10:01:05 → midnight UTC.
    EXPECT_EQ(day->retry_after, 86400 - (10 * 3600 + 65));
    clock.now += hours(14);
    EXPECT_FALSE(l.hit("staff:1", "ip")) << "a new UTC day";
}

TEST(LookupLimiter, TheAddressBudgetSpansAccounts) {
    TestClock clock;
    auto l = clock.limiter({100, 100, 3, 100});
    EXPECT_FALSE(l.hit("staff:1", "10.0.0.9"));
    EXPECT_FALSE(l.hit("staff:2", "10.0.0.9"));
    EXPECT_FALSE(l.hit("worker:7", "10.0.0.9"));
    auto refused = l.hit("staff:3", "10.0.0.9");
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->limit, "ip_minute");
    EXPECT_EQ(refused->key_kind, "ip");
    EXPECT_FALSE(l.hit("staff:3", "10.0.0.10")) << "another address";
}

TEST(LookupLimiter, ManyKeysStayBounded) {
    TestClock clock;
    auto l = clock.limiter({1, 1, 1, 1});
    EXPECT_FALSE(l.hit("staff:1", "a"));
    clock.now += hours(24);  // yesterday's keys may go
    for (size_t i = 0; i < LookupLimiter::kMaxKeys; ++i) l.hit("", "ip" + std::to_string(i));
    // Past the bound the old keys went first, then all: the limiter still counts afresh.
    EXPECT_FALSE(l.hit("staff:1", "a"));
    EXPECT_TRUE(l.hit("staff:1", "a"));
}
