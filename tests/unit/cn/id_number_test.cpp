#include "core/cn/id_number.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <stdexcept>
#include <string>

namespace gh::cn {
namespace {

using namespace std::chrono;

constexpr year_month_day kToday = 2024y / June / 1;

// The example number printed in GB 11643-1999 (Beijing Chaoyang, born 1949-12-31, female).
constexpr const char* kStandardExample = "11010519491231002X";

std::string code_of(std::string_view raw, year_month_day today = kToday) {
    const auto r = parse_id_number(raw, "id_number", today);
    return r.ok() ? "ok" : r.problem().code;
}

TEST(IdNumber, StandardExampleIsValid) {
    const auto r = parse_id_number(kStandardExample, "id_number", kToday);
    ASSERT_TRUE(r.ok()) << r.problem().code;
    EXPECT_EQ(r->value, kStandardExample);
    EXPECT_EQ(r->birth_date, 1949y / December / 31);
    EXPECT_EQ(r->gender, 'F');  // 17th digit 2 is even
    EXPECT_EQ(r->region_code, "110105");
    EXPECT_FALSE(r->had_fullwidth);
}

TEST(IdNumber, OddSeventeenthDigitIsMale) {
    const std::string id = make_id_number("61042419900101123");
    const auto r = parse_id_number(id, "id_number", kToday);
    ASSERT_TRUE(r.ok()) << r.problem().code;
    EXPECT_EQ(r->gender, 'M');
    EXPECT_EQ(r->birth_date, 1990y / January / 1);
    EXPECT_EQ(parse_id_number(make_id_number("61042419900101124"), "f", kToday)->gender, 'F');
}

TEST(IdNumber, CheckCharMatchesIso7064) {
    EXPECT_EQ(id_number_check_char("11010519491231002"), 'X');  // from the standard
    EXPECT_EQ(make_id_number("11010519491231002"), kStandardExample);
    // Independently computed: sum of digit*weight mod 11 -> "10X98765432".
    EXPECT_EQ(id_number_check_char("61042419900101123"), '6');
    EXPECT_EQ(id_number_check_char("44030419880229001"), '2');
    EXPECT_EQ(id_number_check_char("11010119000101001"), '4');
}

TEST(IdNumber, MakeIdNumberRejectsBadInput) {
    EXPECT_THROW(make_id_number("1101051949123100"), std::invalid_argument);
    EXPECT_THROW(make_id_number("110105194912310021"), std::invalid_argument);
    EXPECT_THROW(make_id_number("1101051949123100A"), std::invalid_argument);
}

TEST(IdNumber, LowercaseXIsNormalized) {
    const auto r = parse_id_number("11010519491231002x", "id_number", kToday);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->value, kStandardExample);
    EXPECT_FALSE(r->had_fullwidth);
}

TEST(IdNumber, FullWidthDigitsAndXAreConvertedAndFlagged) {
    for (const char* raw : {"１１０１０５１９４９１２３１００２Ｘ",
                            "１１０１０５１９４９１２３１００２ｘ", "110105194912310０2X"}) {
        const auto r = parse_id_number(raw, "id_number", kToday);
        ASSERT_TRUE(r.ok()) << raw;
        EXPECT_EQ(r->value, kStandardExample);
        EXPECT_TRUE(r->had_fullwidth) << raw;
    }
}

TEST(IdNumber, SurroundingWhitespaceIsTrimmed) {
    for (const char* raw : {"  11010519491231002X ", "\t11010519491231002X\r\n",
                            "\u300011010519491231002X\u3000", "\uFEFF11010519491231002X"}) {
        const auto r = parse_id_number(raw, "id_number", kToday);
        ASSERT_TRUE(r.ok()) << raw;
        EXPECT_EQ(r->value, kStandardExample);
    }
}

TEST(IdNumber, ExcelScientificNotationIsRecognized) {
    for (const char* raw : {"6.10424E+17", "6.10424e+17", "6.10424E17", "6.10424199001E+17",
                            "1.10105E+14", "１．１０１０５Ｅ＋１７"}) {
        const auto r = parse_id_number(raw, "id_number", kToday);
        ASSERT_FALSE(r.ok()) << raw;
        EXPECT_EQ(r.problem().code, "id_number.excel_scientific") << raw;
        EXPECT_NE(r.problem().message.find("科学计数法"), std::string::npos);
        EXPECT_NE(r.problem().message.find("文本"), std::string::npos);
    }
}

TEST(IdNumber, FloatSuffixFromExcelIsRecognized) {
    for (const char* raw : {"610424199001011234.0", "610424199001011234.00", "110105491231002.0"}) {
        const auto r = parse_id_number(raw, "id_number", kToday);
        ASSERT_FALSE(r.ok()) << raw;
        EXPECT_EQ(r.problem().code, "id_number.excel_scientific") << raw;
        EXPECT_NE(r.problem().message.find("文本"), std::string::npos);
    }
}

TEST(IdNumber, ThingsThatMerelyContainADotOrEAreFormatErrors) {
    EXPECT_EQ(code_of("6.10424E"), "id_number.format");
    EXPECT_EQ(code_of("E+17"), "id_number.format");
    EXPECT_EQ(code_of("610424199001011234.5"), "id_number.format");
    EXPECT_EQ(code_of("1300.0"), "id_number.format");
}

TEST(IdNumber, Legacy15DigitNumbersGetTheirOwnCode) {
    const auto r = parse_id_number("110105491231002", "id_number", kToday);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.problem().code, "id_number.legacy_15");
    EXPECT_NE(r.problem().message.find("15"), std::string::npos);
    EXPECT_NE(r.problem().message.find("18"), std::string::npos);
}

TEST(IdNumber, WrongLengthOrCharactersAreFormatErrors) {
    EXPECT_EQ(code_of(""), "id_number.format");
    EXPECT_EQ(code_of("   "), "id_number.format");
    EXPECT_EQ(code_of("1101051949123100"), "id_number.format");     // 16
    EXPECT_EQ(code_of("11010519491231002"), "id_number.format");    // 17
    EXPECT_EQ(code_of("110105194912310021X"), "id_number.format");  // 19
    EXPECT_EQ(code_of("11010549123100X"), "id_number.format");      // 15 with X
    EXPECT_EQ(code_of("1101051949123100X2"), "id_number.format");   // X not last
    EXPECT_EQ(code_of("11010519491231002Y"), "id_number.format");
    EXPECT_EQ(code_of("11010519491231A02X"), "id_number.format");
    EXPECT_EQ(code_of("110105 19491231 002X"), "id_number.format");  // inner spaces
    EXPECT_EQ(code_of("-11010519491231002"), "id_number.format");
}

TEST(IdNumber, EveryProvinceLevelCodeIsAccepted) {
    for (int p : {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43,
                  44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 91}) {
        const std::string id = make_id_number(std::to_string(p) + "010219800101001");
        EXPECT_EQ(code_of(id), "ok") << id;
    }
}

TEST(IdNumber, OtherFirstTwoDigitsAreRegionErrors) {
    for (int p = 0; p <= 99; ++p) {
        const bool valid = (p >= 11 && p <= 15) || (p >= 21 && p <= 23) || (p >= 31 && p <= 37) ||
                           (p >= 41 && p <= 46) || (p >= 50 && p <= 54) || (p >= 61 && p <= 65) ||
                           p == 71 || p == 81 || p == 82 || p == 91;
        if (valid) continue;
        const std::string prefix = (p < 10 ? "0" : "") + std::to_string(p);
        const std::string id = make_id_number(prefix + "010219800101001");
        EXPECT_EQ(code_of(id), "id_number.region") << id;
    }
}

TEST(IdNumber, DefunctCountyCodesStayValid) {
    // 110103 Chongwen and 110104 Xuanwu districts were merged into Dongcheng/Xicheng in 2010;
    // people born there keep those codes for life.
    EXPECT_EQ(code_of(make_id_number("11010319650312002")), "ok");
    EXPECT_EQ(code_of(make_id_number("11010419780705003")), "ok");
    // The county part is not looked up at all.
    EXPECT_EQ(code_of(make_id_number("11999919800101001")), "ok");
}

TEST(IdNumber, FebruaryTwentyNinthOnlyInLeapYears) {
    EXPECT_EQ(code_of(make_id_number("44030419880229001")), "ok");
    EXPECT_EQ(code_of(make_id_number("44030420000229001")), "ok");  // divisible by 400
    EXPECT_EQ(code_of(make_id_number("44030419000229001")), "id_number.birth_date");  // by 100
    EXPECT_EQ(code_of(make_id_number("44030420230229001")), "id_number.birth_date");
    EXPECT_EQ(code_of(make_id_number("44030419890229001")), "id_number.birth_date");
}

TEST(IdNumber, ImpossibleDatesAreRejected) {
    for (const char* date :
         {"19900230", "19900431", "19901301", "19900001", "19900100", "19900132", "19909999"}) {
        const std::string id = make_id_number(std::string("440304") + date + "001");
        const auto r = parse_id_number(id, "id_number", kToday);
        ASSERT_FALSE(r.ok()) << id;
        EXPECT_EQ(r.problem().code, "id_number.birth_date") << id;
        EXPECT_NE(r.problem().message.find(date), std::string::npos);
    }
}

TEST(IdNumber, BirthDateNotBefore1900) {
    EXPECT_EQ(code_of(make_id_number("11010118991231001")), "id_number.birth_date");
    EXPECT_EQ(code_of(make_id_number("11010108880808001")), "id_number.birth_date");
    EXPECT_EQ(code_of(make_id_number("11010119000101001")), "ok");
}

TEST(IdNumber, BirthDateNotInTheFuture) {
    EXPECT_EQ(code_of(make_id_number("11010120240601001")), "ok");  // born today
    EXPECT_EQ(code_of(make_id_number("11010120240602001")), "id_number.birth_date");
    EXPECT_EQ(code_of(make_id_number("11010120240602001"), 2024y / June / 2), "ok");
}

TEST(IdNumber, DefaultTodayIsTheRealClock) {
    EXPECT_FALSE(parse_id_number(make_id_number("11010129990101001")).ok());
    EXPECT_TRUE(parse_id_number(make_id_number("11010119900101001")).ok());
    const year_month_day today = today_in_china();
    EXPECT_GE(today, 2024y / January / 1);
    // China is UTC+8: its date is the UTC date or the day after.
    const year_month_day utc{floor<days>(system_clock::now())};
    EXPECT_TRUE(today == utc || sys_days{today} == sys_days{utc} + days{1});
}

TEST(IdNumber, WrongCheckDigitIsChecksumError) {
    for (char c : std::string("0123456789")) {
        std::string id = std::string(kStandardExample).substr(0, 17) + c;
        const auto r = parse_id_number(id, "id_number", kToday);
        ASSERT_FALSE(r.ok()) << id;
        EXPECT_EQ(r.problem().code, "id_number.checksum");
        EXPECT_NE(r.problem().message.find("身份证号校验位错误"), std::string::npos);
        EXPECT_EQ(r.problem().message.find("Excel"), std::string::npos);
    }
}

TEST(IdNumber, EverySingleDigitTypoIsCaught) {
    const std::string good = make_id_number("32058119950615441");
    ASSERT_EQ(code_of(good), "ok");
    for (std::size_t pos = 0; pos < 17; ++pos) {
        for (char c = '0'; c <= '9'; ++c) {
            if (c == good[pos]) continue;
            std::string bad = good;
            bad[pos] = c;
            EXPECT_NE(code_of(bad), "ok") << bad;
        }
    }
}

TEST(IdNumber, AdjacentTranspositionsAreCaught) {
    const std::string good = make_id_number("32058119950615441");
    for (std::size_t pos = 0; pos + 1 < 18; ++pos) {
        if (good[pos] == good[pos + 1]) continue;
        std::string bad = good;
        std::swap(bad[pos], bad[pos + 1]);
        EXPECT_NE(code_of(bad), "ok") << bad;
    }
}

TEST(IdNumber, ChecksumFailureEndingIn000HintsAtExcelPrecisionLoss) {
    // Excel keeps 15 significant digits: 610424199001011234 becomes 610424199001011000.
    const auto r = parse_id_number("610424199001011000", "id_number", kToday);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.problem().code, "id_number.checksum");
    EXPECT_NE(r.problem().message.find("Excel"), std::string::npos);
}

TEST(IdNumber, FieldNameIsReported) {
    EXPECT_EQ(parse_id_number("x").problem().field, "id_number");
    EXPECT_EQ(parse_id_number("x", "members[3].id").problem().field, "members[3].id");
    EXPECT_EQ(parse_id_number("6.1E+17", "idcard").problem().field, "idcard");
}

TEST(IdNumber, GeneratedNumbersRoundTrip) {
    // A spread of fictitious numbers across regions, dates and sequence numbers.
    for (int i = 0; i < 500; ++i) {
        const int province = (i % 2) ? 32 : 61;
        const int year = 1930 + i % 90;
        const int month = 1 + i % 12;
        const int day = 1 + i % 28;
        char buf[18];
        std::snprintf(buf, sizeof buf, "%02d%04d%04d%02d%02d%03d", province, (i * 37) % 10000, year,
                      month, day, i % 1000);
        const std::string id = make_id_number(buf);
        const auto r = parse_id_number(id, "id_number", kToday);
        ASSERT_TRUE(r.ok()) << id << " " << r.problem().code;
        EXPECT_EQ(r->birth_date, std::chrono::year{year} / month / day);
        EXPECT_EQ(r->gender, (i % 1000) % 2 ? 'M' : 'F');
    }
}

TEST(MaskIdNumber, KeepsFirstSixAndLastFour) {
    EXPECT_EQ(mask_id_number("61042419900101123X"), "610424********123X");
    EXPECT_EQ(mask_id_number(kStandardExample), "110105********002X");
    EXPECT_EQ(mask_id_number(" ６１０４２４１９９００１０１１２３Ｘ "), "610424********123X");
}

TEST(MaskIdNumber, ShortInputIsFullyMasked) {
    EXPECT_EQ(mask_id_number("1234567890"), "**********");
    EXPECT_EQ(mask_id_number(""), "");
    EXPECT_EQ(mask_id_number("110105491231002"), "110105*****1002");
}

}  // namespace
}  // namespace gh::cn
