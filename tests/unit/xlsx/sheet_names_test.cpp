#include <gtest/gtest.h>

#include "core/xlsx/writer.h"

namespace gh::xlsx {
namespace {

TEST(SheetNames, ForbiddenCharactersBecomeUnderscores) {
    EXPECT_EQ(sheet_names({"a[b]:c*d?e/f\\g"}), std::vector<std::string>{"a_b__c_d_e_f_g"});
}

TEST(SheetNames, EmptyBecomesSheet) {
    EXPECT_EQ(sheet_names({""}), std::vector<std::string>{"Sheet"});
    EXPECT_EQ(sheet_names({"''"}), std::vector<std::string>{"Sheet"});
}

TEST(SheetNames, ApostrophesTrimmedAtTheEnds) {
    EXPECT_EQ(sheet_names({"'O'Neil'"}), std::vector<std::string>{"O'Neil"});
}

TEST(SheetNames, TruncatedTo31Characters) {
    std::string ascii(40, 'x');
    EXPECT_EQ(sheet_names({ascii})[0], std::string(31, 'x'));
    // 40 Chinese characters (3 bytes each) keep 31 characters, cut on a character boundary.
    std::string cjk;
    for (int i = 0; i < 40; ++i) cjk += "会";
    std::string expected;
    for (int i = 0; i < 31; ++i) expected += "会";
    EXPECT_EQ(sheet_names({cjk})[0], expected);
}

TEST(SheetNames, UniqueWithoutRegardToCase) {
    auto names = sheet_names({"Data", "data", "DATA", "会员", "会员"});
    EXPECT_EQ(names,
              (std::vector<std::string>{"Data", "data (2)", "DATA (3)", "会员", "会员 (2)"}));
}

TEST(SheetNames, SanitizedNamesThatCollideAreMadeUnique) {
    EXPECT_EQ(sheet_names({"a/b", "a:b"}), (std::vector<std::string>{"a_b", "a_b (2)"}));
}

TEST(SheetNames, SuffixFitsIn31Characters) {
    std::string long_name(35, 'y');
    auto names = sheet_names({long_name, long_name});
    EXPECT_EQ(names[0], std::string(31, 'y'));
    EXPECT_EQ(names[1], std::string(27, 'y') + " (2)");
}

TEST(SheetNames, HistoryIsReserved) {
    EXPECT_EQ(sheet_names({"History"}), std::vector<std::string>{"History (2)"});
}

}  // namespace
}  // namespace gh::xlsx
