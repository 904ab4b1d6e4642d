#include "core/cn/normalize.h"

#include <gtest/gtest.h>

namespace gh::cn {
namespace {

TEST(FoldToAscii, ConvertsFullWidthFormsAndReportsIt) {
    const Folded f = fold_to_ascii("１２３ＡＢＣａｂｃ，．＋－（）");
    EXPECT_EQ(f.text, "123ABCabc,.+-()");
    EXPECT_TRUE(f.had_fullwidth);
}

TEST(FoldToAscii, FullWidthYenBecomesHalfWidthYen) {
    const Folded f = fold_to_ascii("￥12");
    EXPECT_EQ(f.text, "¥12");
    EXPECT_TRUE(f.had_fullwidth);
}

TEST(FoldToAscii, PlainAsciiIsUntouchedAndNotFlagged) {
    const Folded f = fold_to_ascii("abc 123");
    EXPECT_EQ(f.text, "abc 123");
    EXPECT_FALSE(f.had_fullwidth);
}

TEST(FoldToAscii, TrimsAsciiIdeographicAndNoBreakSpaces) {
    EXPECT_EQ(fold_to_ascii(" \t\r\n12\n").text, "12");
    EXPECT_EQ(fold_to_ascii("\u300012\u3000\u3000").text, "12");
    EXPECT_EQ(fold_to_ascii("\u00A012\u00A0").text, "12");
    // Spaces are not "full-width characters" an importer should warn about.
    EXPECT_FALSE(fold_to_ascii("\u300012").had_fullwidth);
}

TEST(FoldToAscii, InnerSpacesAreKeptAsAsciiSpace) {
    EXPECT_EQ(fold_to_ascii("1\u30002").text, "1 2");
}

TEST(FoldToAscii, DropsByteOrderMarkAndZeroWidthSpace) {
    EXPECT_EQ(fold_to_ascii("\uFEFF12").text, "12");
    EXPECT_EQ(fold_to_ascii("1\u200B2").text, "12");
}

TEST(FoldToAscii, LeavesOtherCharactersAlone) {
    EXPECT_EQ(fold_to_ascii("12万元").text, "12万元");
    EXPECT_EQ(fold_to_ascii("\xEF\xBC").text, "\xEF\xBC");  // truncated sequence copied as is
}

TEST(FoldToAscii, AllWhitespaceBecomesEmpty) {
    EXPECT_EQ(fold_to_ascii(" \u3000 ").text, "");
    EXPECT_EQ(fold_to_ascii("").text, "");
}

TEST(AllDigits, RequiresNonEmptyAsciiDigits) {
    EXPECT_TRUE(all_digits("0123456789"));
    EXPECT_FALSE(all_digits(""));
    EXPECT_FALSE(all_digits("12a"));
    EXPECT_FALSE(all_digits("１２"));
}

}  // namespace
}  // namespace gh::cn
