#include "core/cn/phone.h"

#include <gtest/gtest.h>

#include <string>

namespace gh::cn {
namespace {

std::string parsed(std::string_view raw) {
    const auto r = parse_phone(raw);
    return r.ok() ? r.value() : r.problem().code;
}

TEST(Phone, AcceptsCommonWritings) {
    for (const char* raw :
         {"13812345678", " 13812345678 ", "138 1234 5678", "138-1234-5678", "138.1234.5678",
          "+8613812345678", "+86 138 1234 5678", "+86-138-1234-5678", "(+86) 138 1234 5678",
          "86-138-1234-5678", "8613812345678", "86 13812345678", "008613812345678",
          "0086 138 1234 5678", "\u300013812345678\u3000"}) {
        EXPECT_EQ(parsed(raw), "13812345678") << raw;
    }
}

TEST(Phone, AcceptsFullWidthDigitsAndSymbols) {
    EXPECT_EQ(parsed("１３８１２３４５６７８"), "13812345678");
    EXPECT_EQ(parsed("＋８６　１３８－１２３４－５６７８"), "13812345678");
}

TEST(Phone, AcceptsEverySecondDigitFrom3To9) {
    for (char c = '3'; c <= '9'; ++c) {
        const std::string number = std::string("1") + c + "012345678";
        EXPECT_EQ(parsed(number), number);
    }
}

TEST(Phone, RejectsSecondDigit0To2) {
    EXPECT_EQ(parsed("10012345678"), "phone.format");
    EXPECT_EQ(parsed("11012345678"), "phone.format");
    EXPECT_EQ(parsed("12812345678"), "phone.format");
}

TEST(Phone, RejectsWrongFirstDigitOrLength) {
    EXPECT_EQ(parsed("23812345678"), "phone.format");
    EXPECT_EQ(parsed("1381234567"), "phone.format");
    EXPECT_EQ(parsed("138123456789"), "phone.format");
    EXPECT_EQ(parsed("010-12345678"), "phone.format");  // landline
    EXPECT_EQ(parsed("861381234567"), "phone.format");  // "86" + only 10 digits
}

TEST(Phone, RejectsOtherCountriesAndGarbage) {
    EXPECT_EQ(parsed("+852 6123 4567"), "phone.format");
    EXPECT_EQ(parsed("+1 138 1234 5678"), "phone.format");
    EXPECT_EQ(parsed("+86 +86 13812345678"), "phone.format");
    EXPECT_EQ(parsed("1381234567a"), "phone.format");
    EXPECT_EQ(parsed("138/1234/5678"), "phone.format");
    EXPECT_EQ(parsed("+86"), "phone.format");
    EXPECT_EQ(parsed(""), "phone.format");
    EXPECT_EQ(parsed("   "), "phone.format");
}

TEST(Phone, ProblemCarriesFieldAndChineseMessage) {
    const auto r = parse_phone("123", "contact.mobile");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.problem().field, "contact.mobile");
    EXPECT_NE(r.problem().message.find("手机号"), std::string::npos);
    EXPECT_EQ(parse_phone("123").problem().field, "phone");
}

TEST(MaskPhone, KeepsFirstThreeAndLastFour) {
    EXPECT_EQ(mask_phone("13812345678"), "138****5678");
    EXPECT_EQ(mask_phone("+86 138 1234 5678"), "138****5678");
    EXPECT_EQ(mask_phone("１３８１２３４５６７８"), "138****5678");
}

TEST(MaskPhone, InvalidInputIsFullyMasked) {
    EXPECT_EQ(mask_phone("12345"), "*****");
    EXPECT_EQ(mask_phone("12812345678"), "***********");
    EXPECT_EQ(mask_phone(""), "");
}

}  // namespace
}  // namespace gh::cn
