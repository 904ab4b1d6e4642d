#include "core/cn/pinyin.h"

#include <gtest/gtest.h>

namespace gh::cn {
namespace {

TEST(Pinyin, InitialsOfCommonNames) {
    EXPECT_EQ(name_initials("张三"), "zs");
    EXPECT_EQ(name_initials("李小龙"), "lxl");
    EXPECT_EQ(name_initials("王五"), "ww");
    EXPECT_EQ(name_pinyin("张三"), "zhangsan");
    EXPECT_EQ(name_pinyin("吕布"), "lvbu");  // ü as v
}

TEST(Pinyin, FirstCharacterIsReadAsASurname) {
    EXPECT_EQ(name_pinyin("单田芳"), "shantianfang");  // not dan
    EXPECT_EQ(name_pinyin("曾国藩"), "zengguofan");    // not ceng
    EXPECT_EQ(name_pinyin("解缙"), "xiejin");          // not jie
    // Only the first: 单 later in a name keeps its usual reading.
    EXPECT_EQ(name_pinyin("王单"), "wangdan");
}

TEST(Pinyin, CompoundSurnamesAreReadAsAWhole) {
    EXPECT_EQ(name_initials("欧阳娜娜"), "oynn");
    EXPECT_EQ(name_pinyin("尉迟恭"), "yuchigong");
    EXPECT_EQ(name_initials("万俟卨"), "mqx");  // 万 alone is wan
}

TEST(Pinyin, AsciiKeptPunctuationAndUnknownDropped) {
    EXPECT_EQ(name_initials("Anna·李"), "annal");  // each Latin letter counts
    EXPECT_EQ(name_initials("买买提·艾力"), "mmtal");
    EXPECT_EQ(name_initials(""), "");
    EXPECT_EQ(name_initials("\xff\xfe"), "");  // invalid UTF-8 is skipped, not a crash
    EXPECT_TRUE(looks_like_pinyin("zs"));
    EXPECT_TRUE(looks_like_pinyin("ZhangS"));
    EXPECT_FALSE(looks_like_pinyin("张s"));
    EXPECT_FALSE(looks_like_pinyin("z1"));
    EXPECT_FALSE(looks_like_pinyin(""));
}

TEST(Pinyin, TableNamesItsSource) {
    EXPECT_STREQ(detail::pinyin_data().source, "pinyin-pro@3.29.4");
    EXPECT_GT(detail::pinyin_data().syllable_count, 380u);
}

}  // namespace
}  // namespace gh::cn
