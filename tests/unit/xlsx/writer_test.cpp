#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "core/xlsx/writer.h"

namespace gh::xlsx {
namespace {

const std::string kId = "610424199001011234";  // 18 digits: a number would lose the last ones

bool has_python3() { return std::system("command -v python3 >/dev/null 2>&1") == 0; }

// One member of the zip, unpacked by python3's zipfile (libxlsxwriter deflates every member).
std::string unzip(const std::string& bytes, const std::string& member) {
    std::string path = (std::filesystem::temp_directory_path() / "gh-xlsx-test-XXXXXX").string();
    int fd = ::mkstemp(path.data());
    if (fd < 0) throw std::runtime_error("mkstemp failed");
    ::close(fd);
    std::ofstream(path, std::ios::binary) << bytes;
    std::string cmd =
        "python3 -c 'import sys, zipfile; sys.stdout.buffer.write("
        "zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))' " +
        path + " '" + member + "'";
    std::string out;
    if (FILE* p = ::popen(cmd.c_str(), "r")) {
        char buf[4096];
        for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
        ::pclose(p);
    }
    std::filesystem::remove(path);
    return out;
}

#define REQUIRE_PYTHON3() \
    if (!has_python3()) GTEST_SKIP() << "python3 not found: cannot unzip to check contents"

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

// The value of attribute `name` in the first element that starts with `start`, or "".
std::string attr(const std::string& xml, const std::string& start, const std::string& name) {
    std::size_t at = xml.find(start);
    if (at == std::string::npos) return "";
    std::size_t end = xml.find('>', at);
    std::size_t key = xml.find(" " + name + "=\"", at);
    if (key == std::string::npos || key > end) return "";
    key += name.size() + 3;
    return xml.substr(key, xml.find('"', key) - key);
}

Sheet members() {
    Sheet s;
    s.name = "会员";
    s.columns = {
        {"姓名", 12, false, {}}, {"身份证号", 22, true, {}}, {"性别", 8, false, {"男", "女"}}};
    s.rows = {{"张三", kId, "男"}, {"李四", "0012", "女"}};
    return s;
}

TEST(XlsxWriter, ContentType) {
    EXPECT_EQ(content_type(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
}

TEST(XlsxWriter, IsAZipWithTheWorkbookParts) {
    std::string bytes = write_workbook({members()});
    ASSERT_GE(bytes.size(), 4u);
    EXPECT_EQ(bytes.substr(0, 4), std::string("PK\x03\x04", 4));
    // Member names are stored uncompressed in the local and central directory headers.
    EXPECT_TRUE(contains(bytes, "xl/worksheets/sheet1.xml"));
    EXPECT_TRUE(contains(bytes, "xl/sharedStrings.xml"));
    EXPECT_TRUE(contains(bytes, "xl/styles.xml"));
    EXPECT_FALSE(contains(bytes, "xl/worksheets/sheet2.xml"));
}

TEST(XlsxWriter, ChineseTextAndIdNumbersAreStrings) {
    REQUIRE_PYTHON3();
    std::string bytes = write_workbook({members()});
    std::string strings = unzip(bytes, "xl/sharedStrings.xml");
    for (const char* s : {"姓名", "身份证号", "张三", "李四", "男", "女", "0012"}) {
        EXPECT_TRUE(contains(strings, std::string("<t>") + s + "</t>")) << s;
    }
    EXPECT_TRUE(contains(strings, "<t>" + kId + "</t>"));
    std::string sheet = unzip(bytes, "xl/worksheets/sheet1.xml");
    // B2 is a shared string (t="s"), not a number cell holding 6.10424199001011E+17.
    EXPECT_EQ(attr(sheet, "<c r=\"B2\"", "t"), "s") << sheet;
    EXPECT_FALSE(contains(sheet, "E+17"));
    std::string workbook = unzip(bytes, "xl/workbook.xml");
    EXPECT_TRUE(contains(workbook, "name=\"会员\""));
}

TEST(XlsxWriter, TextColumnIsFormattedAsText) {
    REQUIRE_PYTHON3();
    std::string bytes = write_workbook({members()});
    std::string styles = unzip(bytes, "xl/styles.xml");
    // "@" is Excel's built-in number format 49.
    EXPECT_TRUE(contains(styles, "numFmtId=\"49\"")) << styles;
    std::string sheet = unzip(bytes, "xl/worksheets/sheet1.xml");
    // Column B carries the text style so that typed-in values stay text too; so do its cells.
    std::string style = attr(sheet, "<col min=\"2\"", "style");
    ASSERT_FALSE(style.empty()) << sheet;
    EXPECT_TRUE(contains(styles, "<xf numFmtId=\"49\""));
    EXPECT_EQ(attr(sheet, "<c r=\"B2\"", "s"), style);
    EXPECT_EQ(attr(sheet, "<c r=\"B3\"", "s"), style);
    EXPECT_EQ(attr(sheet, "<col min=\"1\"", "style"), "");
    EXPECT_EQ(attr(sheet, "<col min=\"2\"", "width"), "22.7109375");
    EXPECT_EQ(attr(sheet, "<c r=\"A2\"", "s"), "");
}

TEST(XlsxWriter, HeaderIsBoldOnALightFillAndFrozen) {
    REQUIRE_PYTHON3();
    std::string bytes = write_workbook({members()});
    std::string styles = unzip(bytes, "xl/styles.xml");
    EXPECT_TRUE(contains(styles, "<b/>"));
    EXPECT_TRUE(contains(styles, "<patternFill patternType=\"solid\"><fgColor rgb=\"FFDDEBF7\"/>"))
        << styles;
    std::string sheet = unzip(bytes, "xl/worksheets/sheet1.xml");
    std::string header = attr(sheet, "<c r=\"A1\"", "s");
    EXPECT_FALSE(header.empty());
    EXPECT_EQ(attr(sheet, "<c r=\"C1\"", "s"), header);
    EXPECT_TRUE(contains(sheet, "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\""));

    Sheet unfrozen = members();
    unfrozen.freeze_header = false;
    EXPECT_FALSE(contains(unzip(write_workbook({unfrozen}), "xl/worksheets/sheet1.xml"), "<pane"));
}

TEST(XlsxWriter, DropDownListCoversRowsTwoToTheEnd) {
    REQUIRE_PYTHON3();
    std::string sheet = unzip(write_workbook({members()}), "xl/worksheets/sheet1.xml");
    EXPECT_TRUE(contains(sheet, "<dataValidations count=\"1\">")) << sheet;
    EXPECT_TRUE(contains(sheet, "type=\"list\""));
    EXPECT_TRUE(contains(sheet, "sqref=\"C2:C1048576\""));
    EXPECT_TRUE(contains(sheet, "<formula1>\"男,女\"</formula1>"));
}

TEST(XlsxWriter, LenientDropDownOnlyInformsStrictOneStops) {
    REQUIRE_PYTHON3();
    Sheet s;
    s.name = "Roster";
    s.columns = {{"职业", 14, false, {"快递员", "其他"}}, {"学历", 14, false, {"本科", "大专"}}};
    s.columns[0].choices_strict = false;
    std::string sheet = unzip(write_workbook({s}), "xl/worksheets/sheet1.xml");
    EXPECT_TRUE(contains(sheet, "<dataValidations count=\"2\">")) << sheet;
    EXPECT_TRUE(contains(sheet, "errorStyle=\"information\"")) << sheet;
    // The strict one keeps Excel's default style (stop), which is written without the attribute.
    const auto first = sheet.find("<dataValidation ");
    const auto second = sheet.find("<dataValidation ", first + 1);
    ASSERT_NE(second, std::string::npos) << sheet;
    EXPECT_EQ(sheet.find("errorStyle", second), std::string::npos) << sheet;
}

TEST(XlsxWriter, LongOrCommaChoicesGoToAHiddenSheet) {
    REQUIRE_PYTHON3();
    Sheet s;
    s.name = "Units";
    std::vector<std::string> many;
    for (int i = 0; i < 60; ++i) many.push_back("第" + std::to_string(i) + "工会");
    s.columns = {{"Unit", 20, false, many}, {"Note", 20, false, {"a,b", "c"}}};
    std::string bytes = write_workbook({s});
    std::string workbook = unzip(bytes, "xl/workbook.xml");
    EXPECT_TRUE(contains(workbook, "<sheet name=\"Lists\" sheetId=\"2\" state=\"hidden\""))
        << workbook;
    std::string sheet = unzip(bytes, "xl/worksheets/sheet1.xml");
    EXPECT_TRUE(contains(sheet, "<formula1>'Lists'!$A$1:$A$60</formula1>")) << sheet;
    EXPECT_TRUE(contains(sheet, "<formula1>'Lists'!$B$1:$B$2</formula1>"));
    std::string strings = unzip(bytes, "xl/sharedStrings.xml");
    EXPECT_TRUE(contains(strings, "<t>第59工会</t>"));
    EXPECT_TRUE(contains(strings, "<t>a,b</t>"));
}

TEST(XlsxWriter, TwoSheetsOneWithABadName) {
    REQUIRE_PYTHON3();
    Sheet second;
    second.name = "2024/01 [汇总]: 会员*名单?";
    second.columns = {{"A", 14, false, {}}};
    second.rows = {{"x"}};
    std::string bytes = write_workbook({members(), second});
    EXPECT_TRUE(contains(bytes, "xl/worksheets/sheet2.xml"));
    std::string workbook = unzip(bytes, "xl/workbook.xml");
    EXPECT_TRUE(contains(workbook, "name=\"会员\" sheetId=\"1\"")) << workbook;
    EXPECT_TRUE(contains(workbook, "name=\"2024_01 _汇总__ 会员_名单_\" sheetId=\"2\""));
}

TEST(XlsxWriter, EmptyRowsAndCells) {
    REQUIRE_PYTHON3();
    Sheet s;
    s.name = "Sparse";
    s.columns = {{"A", 14, false, {}}, {"B", 14, true, {}}};
    s.rows = {{}, {"", "1"}, {"x", "", "extra"}};
    std::string sheet = unzip(write_workbook({s}), "xl/worksheets/sheet1.xml");
    EXPECT_FALSE(contains(sheet, "<row r=\"2\""));  // an empty row writes nothing
    EXPECT_FALSE(contains(sheet, "r=\"A3\""));
    EXPECT_EQ(attr(sheet, "<c r=\"B3\"", "s"), attr(sheet, "<col min=\"2\"", "style")) << sheet;
    EXPECT_TRUE(contains(sheet, "<c r=\"C4\" t=\"s\">"));  // beyond the columns: no format
}

TEST(XlsxWriter, SheetWithoutRowsOrColumns) {
    std::string bytes = write_workbook({Sheet{}});
    EXPECT_EQ(bytes.substr(0, 4), std::string("PK\x03\x04", 4));
    EXPECT_TRUE(contains(bytes, "xl/worksheets/sheet1.xml"));
}

TEST(XlsxWriter, NoSheetsGivesOneEmptySheet) {
    std::string bytes = write_workbook({});
    EXPECT_TRUE(contains(bytes, "xl/worksheets/sheet1.xml"));
    EXPECT_FALSE(contains(bytes, "xl/worksheets/sheet2.xml"));
}

TEST(XlsxWriter, TooLongCellThrowsWithLibxlsxwritersMessage) {
    Sheet s;
    s.columns = {{"A", 14, false, {}}};
    s.rows = {{std::string(40000, 'x')}};
    try {
        write_workbook({s});
        FAIL() << "expected std::runtime_error";
    } catch (const std::runtime_error& e) {
        EXPECT_TRUE(contains(e.what(), "32,767")) << e.what();
        EXPECT_TRUE(contains(e.what(), "row 2 of 'Sheet'")) << e.what();
    }
}

}  // namespace
}  // namespace gh::xlsx

TEST(XlsxClip, CutsByCharactersAndMarksTheCut) {
    EXPECT_EQ(gh::xlsx::clip("张三", 2), "张三");
    EXPECT_EQ(gh::xlsx::clip("张三丰", 2), std::string("张三") + gh::xlsx::kClipMark);
    EXPECT_EQ(gh::xlsx::clip(std::string(33000, 'A'), 200),
              std::string(200, 'A') + gh::xlsx::kClipMark);
    EXPECT_EQ(gh::xlsx::clip("", 0), "");
    // A cut cell is writable: 33,000 characters are not.
    gh::xlsx::Sheet sheet;
    sheet.columns = {gh::xlsx::Column{"姓名", 12, false, {}}};
    sheet.rows = {{std::string(33000, 'A')}};
    EXPECT_THROW(gh::xlsx::write_workbook({sheet}), std::runtime_error);
    sheet.rows = {{gh::xlsx::clip(std::string(33000, 'A'), 200)}};
    EXPECT_NO_THROW(gh::xlsx::write_workbook({sheet}));
}
