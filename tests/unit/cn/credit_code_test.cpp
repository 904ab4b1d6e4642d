#include "core/cn/credit_code.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace gh::cn {
namespace {

// The example code printed in GB 32100-2015.
constexpr const char* kStandardExample = "91350100M000100Y43";
constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

std::string code_of(std::string_view raw) {
    const auto r = parse_credit_code(raw);
    return r.ok() ? "ok" : r.problem().code;
}

TEST(CreditCode, StandardExampleIsValid) {
    const auto r = parse_credit_code(kStandardExample);
    ASSERT_TRUE(r.ok()) << r.problem().code;
    EXPECT_EQ(r->value, kStandardExample);
    EXPECT_EQ(r->registration_authority, '9');
    EXPECT_EQ(r->org_type, '1');
    EXPECT_EQ(r->region_code, "350100");
    EXPECT_FALSE(r->is_trade_union());
    EXPECT_FALSE(r->had_fullwidth);
}

TEST(CreditCode, CheckCharacterValues) {
    EXPECT_EQ(credit_code_check_char("91350100M000100Y4"), '3');
    // Computed independently of this implementation:
    EXPECT_EQ(credit_code_check_char("81110000MC0000000"), 'N');
    EXPECT_EQ(credit_code_check_char("81310115MC1234567"), 'Q');
    // 31 - (sum mod 31) == 31 must wrap to '0'.
    EXPECT_EQ(credit_code_check_char("91110100000000004"), '0');
    EXPECT_EQ(code_of("911101000000000040"), "ok");
}

TEST(CreditCode, TradeUnionCodesStartWith81) {
    const std::string code = make_credit_code("81110000MC0000000");
    EXPECT_EQ(code, "81110000MC0000000N");
    const auto r = parse_credit_code(code);
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r->is_trade_union());
    EXPECT_EQ(r->registration_authority, '8');
    EXPECT_EQ(r->org_type, '1');
    EXPECT_EQ(r->region_code, "110000");
}

TEST(CreditCode, LowercaseAndFullWidthAreNormalized) {
    auto r = parse_credit_code("91350100m000100y43");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->value, kStandardExample);
    EXPECT_FALSE(r->had_fullwidth);

    r = parse_credit_code("\u3000９１３５０１００Ｍ０００１００ｙ４３ ");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->value, kStandardExample);
    EXPECT_TRUE(r->had_fullwidth);
}

TEST(CreditCode, WrongLengthIsFormatError) {
    EXPECT_EQ(code_of(""), "credit_code.format");
    EXPECT_EQ(code_of("91350100M000100Y4"), "credit_code.format");
    EXPECT_EQ(code_of("91350100M000100Y433"), "credit_code.format");
    EXPECT_EQ(code_of("91350100-M000100Y43"), "credit_code.format");
    EXPECT_EQ(code_of("91350100M000100Y4统"), "credit_code.format");
}

TEST(CreditCode, ExcludedLettersAreFormatErrors) {
    // I, O, Z, S, V are not in the alphabet, wherever they appear, including the check position.
    for (char bad : std::string("IOZSV")) {
        for (std::size_t pos : {0u, 8u, 16u, 17u}) {
            std::string code = kStandardExample;
            code[pos] = bad;
            EXPECT_EQ(code_of(code), "credit_code.format") << code;
        }
    }
    EXPECT_EQ(code_of("91350100M000100Y4-"), "credit_code.format");
    EXPECT_EQ(code_of("91350100M000100Y4 "), "credit_code.format");  // trimmed to 17
}

TEST(CreditCode, WrongCheckCharacterIsChecksumError) {
    for (char c : kAlphabet) {
        if (c == '3') continue;
        std::string code = std::string(kStandardExample).substr(0, 17) + c;
        const auto r = parse_credit_code(code);
        ASSERT_FALSE(r.ok()) << code;
        EXPECT_EQ(r.problem().code, "credit_code.checksum");
        EXPECT_NE(r.problem().message.find("校验位"), std::string::npos);
    }
}

TEST(CreditCode, EverySingleCharacterTypoIsCaught) {
    for (std::size_t pos = 0; pos < 17; ++pos) {
        for (char c : kAlphabet) {
            std::string code = kStandardExample;
            if (code[pos] == c) continue;
            code[pos] = c;
            EXPECT_EQ(code_of(code), "credit_code.checksum") << code;
        }
    }
}

TEST(CreditCode, MakeCreditCodeRejectsBadInput) {
    EXPECT_THROW(make_credit_code("91350100M000100Y"), std::invalid_argument);
    EXPECT_THROW(make_credit_code("91350100M000100Y43"), std::invalid_argument);
    EXPECT_THROW(make_credit_code("91350100M000100I4"), std::invalid_argument);
    EXPECT_THROW(make_credit_code("91350100m000100Y4"), std::invalid_argument);
}

TEST(CreditCode, GeneratedCodesRoundTrip) {
    for (std::size_t i = 0; i < 31 * 31; ++i) {
        std::string first17 = "81440300MC00000";
        first17 += kAlphabet[i % 31];
        first17 += kAlphabet[i / 31];
        const std::string code = make_credit_code(first17);
        EXPECT_EQ(code_of(code), "ok") << code;
    }
}

TEST(CreditCode, FieldNameIsReported) {
    EXPECT_EQ(parse_credit_code("x").problem().field, "credit_code");
    EXPECT_EQ(parse_credit_code("x", "union.uscc").problem().field, "union.uscc");
}

}  // namespace
}  // namespace gh::cn
