#include "core/pii/mask.h"

#include <gtest/gtest.h>

namespace gh::pii {
namespace {

TEST(Mask, IdNumberKeepsTheFirstSixAndLastFour) {
    EXPECT_EQ(mask_id_number("11010519491231002X"), "110105********002X");
    EXPECT_EQ(mask_id_number("1101051949"), "**********");  // too short: nothing shown
}

TEST(Mask, PhoneKeepsTheFirstThreeAndLastFour) {
    EXPECT_EQ(mask_phone("13812345678"), "138****5678");
    EXPECT_EQ(mask_phone("+86 138 1234 5678"), "138****5678");
    EXPECT_EQ(mask_phone("1381234567"), "**********");  // not a valid number: all masked
}

TEST(Mask, NameKeepsTheFirstCharacterAndOneStarPerOtherCharacter) {
    EXPECT_EQ(mask_name("张三"), "张*");
    EXPECT_EQ(mask_name("欧阳娜娜"), "欧***");
    EXPECT_EQ(mask_name("王小明"), "王**");
    EXPECT_EQ(mask_name("  李四 "), "李*");
    EXPECT_EQ(mask_name("Alice"), "A****");
    EXPECT_EQ(mask_name("买买提·艾力"), "买*****");
    EXPECT_EQ(mask_name("𠀀丽"), "𠀀*");  // 4-byte first character (CJK Extension B)
}

TEST(Mask, NameNeverShowsAWholeName) {
    EXPECT_EQ(mask_name("张"), "*");
    EXPECT_EQ(mask_name("A"), "*");
    EXPECT_EQ(mask_name(""), "");
    EXPECT_EQ(mask_name("   "), "");
}

TEST(Mask, NameCountsInvalidUtf8BytesAsCharacters) {
    EXPECT_EQ(mask_name("张\xff\xfe"), "张**");
    EXPECT_EQ(mask_name("\xe5\xbc张"), "***");  // truncated first character: all masked
    EXPECT_EQ(mask_name("\xc0\xaf"
                        "a"),
              "***");                            // overlong '/': two invalid bytes, then 'a'
    EXPECT_EQ(mask_name("张\xe4\xb8"), "张**");  // truncated trailing character
}

}  // namespace
}  // namespace gh::pii
