#include "core/cn/clear_numbers.h"

#include <gtest/gtest.h>

#include "core/cn/id_number.h"

using gh::cn::ClearNumber;
using gh::cn::find_clear_numbers;
using gh::cn::mask_clear_numbers;

TEST(ClearNumbers, FindsIdNumbersAndPhonesInText) {
    const std::string id = gh::cn::make_id_number("61048219900101701");
    auto found = find_clear_numbers("{\"q\":\"" + id + "\",\"p\":\"13900000720\"}");
    ASSERT_EQ(found.size(), 2u);
    EXPECT_EQ(found[0].kind, ClearNumber::id_number);
    EXPECT_EQ(found[0].value, id);
    EXPECT_EQ(found[1].kind, ClearNumber::phone);
    EXPECT_EQ(found[1].value, "13900000720");
}

TEST(ClearNumbers, ALowercaseXCheckAndACountryPrefixAreFound) {
    // 11010519491231002X is the GB 11643 standard's own example.
    auto found = find_clear_numbers("id=11010519491231002x tel=+8613800138000");
    ASSERT_EQ(found.size(), 2u);
    EXPECT_EQ(found[0].value, "11010519491231002x");
    EXPECT_EQ(found[1].value, "13800138000");
}

TEST(ClearNumbers, WrongCheckDigitsLongerRunsAndOtherNumbersAreNot) {
    const std::string id = gh::cn::make_id_number("61048219900101701");
    std::string bad = id;
    bad[17] = bad[17] == '1' ? '2' : '1';
    EXPECT_TRUE(find_clear_numbers(bad).empty());
    EXPECT_TRUE(find_clear_numbers("1" + id).empty());        // 19 digits: not an id
    EXPECT_TRUE(find_clear_numbers("12345678901").empty());   // 12…: not a mobile
    EXPECT_TRUE(find_clear_numbers("139000007201").empty());  // 12 digits
    EXPECT_TRUE(find_clear_numbers("2026-12-03T01:02:03Z").empty());
}

TEST(ClearNumbers, HexBoundariesSkipRunsInsideHexText) {
    EXPECT_EQ(find_clear_numbers("ab13900000720cd").size(), 1u);
    EXPECT_TRUE(find_clear_numbers("ab13900000720cd", true).empty());
    EXPECT_EQ(find_clear_numbers("\"13900000720\"", true).size(), 1u);
}

TEST(ClearNumbers, MaskKeepsTheRestOfTheText) {
    const std::string id = gh::cn::make_id_number("61048219900101701");
    EXPECT_EQ(mask_clear_numbers("查 " + id + " 与 13900000720。"),
              "查 610482********" + id.substr(14) + " 与 139****0720。");
    EXPECT_EQ(mask_clear_numbers("没有号码"), "没有号码");
}
