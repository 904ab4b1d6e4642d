#include "core/cn/text_rules.h"

#include <gtest/gtest.h>

using gh::cn::parse_person_name;
using gh::cn::text_problem;

namespace {
std::string code_of(std::string_view s, bool multiline = false) {
    auto p = text_problem(s, "f", multiline);
    return p ? p->code : "";
}
std::string name_code(std::string_view s) {
    auto r = parse_person_name(s);
    return r ? "" : r.problem().code;
}
}  // namespace

TEST(TextRules, ControlAndBidiCharactersAreRefused) {
    using namespace std::string_literals;
    EXPECT_EQ(code_of("甲\0乙"s), "text.control");
    EXPECT_EQ(code_of("甲\x01乙"), "text.control");
    EXPECT_EQ(code_of("甲\x1b[31m"), "text.control");
    EXPECT_EQ(code_of("甲\x7f"), "text.control");
    EXPECT_EQ(code_of("甲\u0085"), "text.control");  // NEL, a C1 control
    EXPECT_EQ(code_of("abc\u202Eevil"), "text.control");
    EXPECT_EQ(code_of("abc\u2066x\u2069"), "text.control");
    EXPECT_EQ(code_of("一\u2028二"), "text.control");
    EXPECT_EQ(code_of("第一行\n第二行"), "text.control");
    EXPECT_EQ(code_of("第一行\r\n第二行\t完", true), "");
    EXPECT_EQ(code_of("甲\0乙"s, true), "text.control");
    EXPECT_EQ(code_of("\xff\xfe"), "text.encoding");
    EXPECT_EQ(code_of("\xed\xa0\x80"), "text.encoding");  // a surrogate
}

TEST(TextRules, InvisibleOnlyValuesAreRefusedButOrdinaryTextIsTaken) {
    EXPECT_EQ(code_of("\u200B"), "text.invisible");
    EXPECT_EQ(code_of(" \u200B\u3000\uFEFF "), "text.invisible");
    EXPECT_EQ(code_of(""), "");     // empty: the field's own rule decides
    EXPECT_EQ(code_of("   "), "");  // plain spaces: trimmed to empty by the field's rule
    EXPECT_EQ(code_of("乾县城关街道 12 号"), "");
    EXPECT_EQ(code_of("👨\u200D👩\u200D👧"), "");  // joiners inside visible text
}

TEST(TextRules, PersonNamesTakeChineseMiddleDotsAndLatinLetters) {
    EXPECT_EQ(parse_person_name("  张三 ").value(), "张三");
    EXPECT_EQ(name_code("欧阳娜娜"), "");
    EXPECT_EQ(name_code("阿依古丽·买买提"), "");
    EXPECT_EQ(name_code("迪丽热巴•迪力木拉提"), "");
    EXPECT_EQ(name_code("Alimjan Tursun"), "");
    EXPECT_EQ(name_code("O'Neil-Smith"), "");
    EXPECT_EQ(name_code("José Núñez"), "");
    EXPECT_EQ(name_code("𠮷野"), "");  // extension B
    EXPECT_EQ(name_code("李〇"), "");
}

TEST(TextRules, PersonNamesRefuseWhatTheProbeSent) {
    using namespace std::string_literals;
    EXPECT_EQ(name_code("甲\0乙"s), "text.control");
    EXPECT_EQ(name_code("甲\x01乙"), "text.control");
    EXPECT_EQ(name_code("甲\x1b乙"), "text.control");
    EXPECT_EQ(name_code("张\u202E三"), "text.control");
    EXPECT_EQ(name_code("张\n三"), "text.control");
    EXPECT_EQ(name_code("\u200B"), "text.invisible");
    EXPECT_EQ(name_code(""), "name.length");
    EXPECT_EQ(name_code(std::string(51 * 3, 'a')), "name.length");
    EXPECT_EQ(name_code("张三3"), "name.chars");
    EXPECT_EQ(name_code("<script>"), "name.chars");
    EXPECT_EQ(name_code("·张三"), "name.chars");
    EXPECT_EQ(name_code("张··三"), "name.chars");
    EXPECT_EQ(name_code("张\u200B三"), "name.chars");
    EXPECT_EQ(name_code("张😀"), "name.chars");
}
