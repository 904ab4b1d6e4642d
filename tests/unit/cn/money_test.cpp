#include "core/cn/money.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace gh::cn {
namespace {

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
constexpr MoneyOptions kSigned{.allow_negative = true};

// "ok:<fen>" or the problem code, so that one EXPECT_EQ shows both kinds of mismatch.
std::string parsed(std::string_view raw, MoneyOptions options = {}) {
    const auto r = parse_money_fen(raw, "amount_fen", options);
    return r.ok() ? "ok:" + std::to_string(r.value()) : r.problem().code;
}

TEST(ParseMoney, PlainYuan) {
    EXPECT_EQ(parsed("1300.5"), "ok:130050");
    EXPECT_EQ(parsed("1300.50"), "ok:130050");
    EXPECT_EQ(parsed("1300"), "ok:130000");
    EXPECT_EQ(parsed("0.01"), "ok:1");
    EXPECT_EQ(parsed("0"), "ok:0");
    EXPECT_EQ(parsed("007.5"), "ok:750");
    EXPECT_EQ(parsed("+12"), "ok:1200");
}

TEST(ParseMoney, CurrencySignsUnitAndSpaces) {
    EXPECT_EQ(parsed("1,300.50元"), "ok:130050");
    EXPECT_EQ(parsed("￥1,300.50"), "ok:130050");
    EXPECT_EQ(parsed("¥12"), "ok:1200");
    EXPECT_EQ(parsed("¥ 12 元"), "ok:1200");
    EXPECT_EQ(parsed("  12元\u3000"), "ok:1200");
}

TEST(ParseMoney, TenThousandsAndHundredMillions) {
    EXPECT_EQ(parsed("61.178万"), "ok:61178000");  // 611,780 yuan
    EXPECT_EQ(parsed("61.178万元"), "ok:61178000");
    EXPECT_EQ(parsed("1万"), "ok:1000000");
    EXPECT_EQ(parsed("0.000001万"), "ok:1");  // six decimals are still whole fen
    EXPECT_EQ(parsed("3亿"), "ok:30000000000");
    EXPECT_EQ(parsed("1.5亿元"), "ok:15000000000");
    EXPECT_EQ(parsed("1.00000001亿"), "ok:10000000100");
    EXPECT_EQ(parsed("￥2,000万"), "ok:2000000000");
}

TEST(ParseMoney, FullWidthDigitsAndPunctuation) {
    EXPECT_EQ(parsed("１，３００．５０"), "ok:130050");
    EXPECT_EQ(parsed("６１．１７８万元"), "ok:61178000");
    EXPECT_EQ(parsed("－１２", kSigned), "ok:-1200");
}

TEST(ParseMoney, ThousandsSeparatorsMustBeWellPlaced) {
    EXPECT_EQ(parsed("1,234,567.89"), "ok:123456789");
    EXPECT_EQ(parsed("123,456"), "ok:12345600");
    EXPECT_EQ(parsed("1,30.5"), "money.format");
    EXPECT_EQ(parsed("1,3000"), "money.format");
    EXPECT_EQ(parsed("1234,567"), "money.format");
    EXPECT_EQ(parsed(",100"), "money.format");
    EXPECT_EQ(parsed("100,"), "money.format");
    EXPECT_EQ(parsed("1,,000"), "money.format");
    EXPECT_EQ(parsed("1.000,5"), "money.format");
}

TEST(ParseMoney, MoreThanTwoDecimalsAfterScalingIsPrecisionError) {
    EXPECT_EQ(parsed("1.001"), "money.precision");
    EXPECT_EQ(parsed("1.005元"), "money.precision");
    EXPECT_EQ(parsed("0.0000001万"), "money.precision");
    EXPECT_EQ(parsed("1.0010"), "money.precision");           // 1.001 yuan
    EXPECT_EQ(parsed("1.00000000001亿"), "money.precision");  // 1e8 + 0.001 yuan
    EXPECT_EQ(parsed("1.000000001亿"), "ok:10000000010");     // 1e8 + 0.1 yuan is whole fen
    EXPECT_EQ(parsed("1.0100"), "ok:101");                    // trailing zeros carry no precision
    EXPECT_EQ(parsed("1.50000"), "ok:150");
}

TEST(ParseMoney, NegativesNeedTheFlag) {
    EXPECT_EQ(parsed("-12"), "money.negative");
    EXPECT_EQ(parsed("-0.01"), "money.negative");
    EXPECT_EQ(parsed("-12", kSigned), "ok:-1200");
    EXPECT_EQ(parsed("-¥12", kSigned), "ok:-1200");
    EXPECT_EQ(parsed("¥-12", kSigned), "ok:-1200");
    EXPECT_EQ(parsed("-1.5万", kSigned), "ok:-1500000");
    EXPECT_EQ(parsed("-0"), "ok:0");  // minus zero is still zero
}

TEST(ParseMoney, RangeIsInt64Fen) {
    EXPECT_EQ(parsed("92233720368547758.07"), "ok:" + std::to_string(kMax));
    EXPECT_EQ(parsed("92,233,720,368,547,758.07元"), "ok:" + std::to_string(kMax));
    EXPECT_EQ(parsed("92233720368547758.08"), "money.range");
    EXPECT_EQ(parsed("-92233720368547758.07", kSigned), "ok:" + std::to_string(-kMax));
    EXPECT_EQ(parsed("-92233720368547758.08", kSigned), "money.range");
    EXPECT_EQ(parsed("1000000000亿"), "money.range");
    EXPECT_EQ(parsed("99999999999999999999999999999"), "money.range");
}

TEST(ParseMoney, GarbageIsFormatError) {
    for (const char* raw : {"",    "   ",    "abc", "12abc", "1..2",   "12.5.3", ".5",   "1.",
                            "1e5", "12万万", "万",  "元",    "¥",      "--12",   "+-12", "1 300",
                            "12-", "１２ab", "NaN", "0x10",  "12元整", "十二元"}) {
        EXPECT_EQ(parsed(raw, kSigned), "money.format") << raw;
    }
}

TEST(ParseMoney, ProblemCarriesField) {
    EXPECT_EQ(parse_money_fen("x").problem().field, "amount_fen");
    EXPECT_EQ(parse_money_fen("x", "dues.amount").problem().field, "dues.amount");
    EXPECT_NE(parse_money_fen("1.001").problem().message.find("分"), std::string::npos);
}

TEST(FormatFen, TwoDecimalsAndThousandsSeparators) {
    EXPECT_EQ(format_fen(0), "0.00");
    EXPECT_EQ(format_fen(5), "0.05");
    EXPECT_EQ(format_fen(50), "0.50");
    EXPECT_EQ(format_fen(99999), "999.99");
    EXPECT_EQ(format_fen(100000), "1,000.00");
    EXPECT_EQ(format_fen(130050), "1,300.50");
    EXPECT_EQ(format_fen(123456789), "1,234,567.89");
    EXPECT_EQ(format_fen(61178000), "611,780.00");
    EXPECT_EQ(format_fen(kMax), "92,233,720,368,547,758.07");
}

TEST(FormatFen, Negatives) {
    EXPECT_EQ(format_fen(-5), "-0.05");
    EXPECT_EQ(format_fen(-130050), "-1,300.50");
    EXPECT_EQ(format_fen(std::numeric_limits<std::int64_t>::min()), "-92,233,720,368,547,758.08");
}

TEST(FormatFen, YuanSuffix) {
    EXPECT_EQ(format_fen_yuan(130050), "1,300.50元");
    EXPECT_EQ(format_fen_yuan(0), "0.00元");
}

TEST(FormatFen, RoundTripsThroughParse) {
    std::vector<std::int64_t> values{0,   1,    9,     10,     99,   100,  101,
                                     999, 1000, 99999, 100000, kMax, -kMax};
    std::uint64_t x = 0x9E3779B97F4A7C15u;  // deterministic xorshift spread over all magnitudes
    for (int i = 0; i < 2000; ++i) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        const auto v = static_cast<std::int64_t>(x >> (1 + i % 63));
        values.push_back(i % 2 ? v : -v);
    }
    for (const std::int64_t v : values) {
        const auto a = parse_money_fen(format_fen(v), "f", kSigned);
        ASSERT_TRUE(a.ok()) << format_fen(v);
        EXPECT_EQ(a.value(), v);
        const auto b = parse_money_fen(format_fen_yuan(v), "f", kSigned);
        ASSERT_TRUE(b.ok()) << format_fen_yuan(v);
        EXPECT_EQ(b.value(), v);
    }
}

}  // namespace
}  // namespace gh::cn
