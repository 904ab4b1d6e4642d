#include <gtest/gtest.h>
#include <iconv.h>

#include <fstream>
#include <string>
#include <vector>

#include "core/tabular/tabular.h"
#include "temp_file.h"

namespace gh::tabular {
namespace {

using test::TempFile;
using Cells = std::vector<std::string>;

using test::read_all;

std::vector<Row> read_csv(const std::string& bytes) {
    TempFile file(".csv", bytes);
    auto reader = open_csv(file.path());
    return read_all(*reader);
}

// UTF-8 text as GB18030 bytes, the way Excel on Chinese Windows saves a CSV.
std::string to_gb18030(const std::string& utf8) {
    iconv_t cd = iconv_open("GB18030", "UTF-8");
    std::string out(utf8.size() * 2 + 8, '\0');
    char* src = const_cast<char*>(utf8.data());
    size_t src_left = utf8.size();
    char* dst = out.data();
    size_t dst_left = out.size();
    iconv(cd, &src, &src_left, &dst, &dst_left);
    iconv_close(cd);
    out.resize(out.size() - dst_left);
    return out;
}

TEST(Csv, StripsUtf8BomAndReadsCrlf) {
    auto rows = read_csv("\xEF\xBB\xBF姓名,身份证号\r\n张三,610424199001011234\r\n");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].number, 1u);
    EXPECT_EQ(rows[0].cells, (Cells{"姓名", "身份证号"}));
    EXPECT_EQ(rows[1].number, 2u);
    EXPECT_EQ(rows[1].cells, (Cells{"张三", "610424199001011234"}));
}

TEST(Csv, DecodesGb18030) {
    EXPECT_EQ(to_gb18030("张三"), "\xD5\xC5\xC8\xFD");
    auto rows = read_csv("\xD5\xC5\xC8\xFD," + to_gb18030("乾县") + "\r\n" +
                         to_gb18030("李四,咸阳市") + "\r\n");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].cells, (Cells{"张三", "乾县"}));
    EXPECT_EQ(rows[1].cells, (Cells{"李四", "咸阳市"}));
}

TEST(Csv, DecodesALaterGb18030LineOnItsOwn) {
    std::string bytes = "name,city\n";
    while (bytes.size() < 70000) bytes += "abc,def\n";
    const size_t ascii_rows = 1 + (bytes.size() - 10) / 8;
    bytes += "\xD5\xC5\xC8\xFD," + to_gb18030("乾县") + "\n";
    bytes += "王五,西安\n";
    auto rows = read_csv(bytes);
    ASSERT_EQ(rows.size(), ascii_rows + 2);
    EXPECT_EQ(rows[ascii_rows].cells, (Cells{"张三", "乾县"}));
    EXPECT_EQ(rows[ascii_rows].number, ascii_rows + 1);
    EXPECT_EQ(rows[ascii_rows + 1].cells, (Cells{"王五", "西安"}));
}

TEST(Csv, QuotedFieldsWithDelimitersQuotesAndNewlines) {
    auto rows = read_csv("\"a,b\",\"line1\nline2\",\"say \"\"hi\"\"\"\nx,,\"\"\n");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].cells, (Cells{"a,b", "line1\nline2", "say \"hi\""}));
    EXPECT_EQ(rows[1].number, 2u);
    EXPECT_EQ(rows[1].cells, (Cells{"x", "", ""}));
}

TEST(Csv, BlankLinesKeepRowNumbers) {
    auto rows = read_csv("a,b\r\n\r\nc,d\n\n\ne,f");
    ASSERT_EQ(rows.size(), 6u);
    EXPECT_EQ(rows[1].number, 2u);
    EXPECT_TRUE(rows[1].cells.empty());
    EXPECT_EQ(rows[2].number, 3u);
    EXPECT_EQ(rows[2].cells, (Cells{"c", "d"}));
    EXPECT_TRUE(rows[4].cells.empty());
    EXPECT_EQ(rows[5].number, 6u);
    EXPECT_EQ(rows[5].cells, (Cells{"e", "f"}));
}

TEST(Csv, DetectsTabAndSemicolonDelimiters) {
    auto tabs = read_csv("姓名\t电话\t备注\n张三\t13800000000\ta,b\n");
    ASSERT_EQ(tabs.size(), 2u);
    EXPECT_EQ(tabs[1].cells, (Cells{"张三", "13800000000", "a,b"}));
    auto semis = read_csv("a;b;c\n1,5;2;3\n");
    ASSERT_EQ(semis.size(), 2u);
    EXPECT_EQ(semis[1].cells, (Cells{"1,5", "2", "3"}));
}

TEST(Csv, EmptyFileHasNoRows) { EXPECT_TRUE(read_csv("").empty()); }

TEST(Csv, UnterminatedQuoteNamesTheRow) {
    try {
        read_csv("a,b\nc,d\ne,\"f\ng,h\n");
        FAIL() << "expected TabularError";
    } catch (const TabularError& e) {
        EXPECT_EQ(std::string(e.what()), "第 3 行引号不匹配");
    }
}

TEST(Csv, MissingFileAndUtf16AreErrors) {
    EXPECT_THROW(open_csv("/nonexistent/roster.csv"), TabularError);
    TempFile utf16(".txt", std::string("\xFF\xFE"
                                       "a\0b\0",
                                       6));
    EXPECT_THROW(open_csv(utf16.path()), TabularError);
}

TEST(Csv, OpenAnyReadsCsv) {
    TempFile file(".csv", "x,y\n");
    auto reader = open_any(file.path());
    Row row;
    ASSERT_TRUE(reader->next(row));
    EXPECT_EQ(row.cells, (Cells{"x", "y"}));
    EXPECT_FALSE(reader->next(row));
}

TEST(Csv, StreamsTwoHundredThousandRows) {
    TempFile file(".csv");
    {
        std::ofstream out(file.path(), std::ios::binary);
        out << "姓名,身份证号,电话\r\n";
        for (int i = 1; i < 200000; ++i) {
            out << "成员" << i << ",6104241990" << (100000 + i) << ",1380000" << i << "\r\n";
        }
    }
    auto reader = open_csv(file.path());
    Row row;
    size_t count = 0;
    size_t last = 0;
    std::string last_name;
    while (reader->next(row)) {
        ++count;
        last = row.number;
        ASSERT_EQ(row.cells.size(), 3u);
        last_name = row.cells[0];
    }
    EXPECT_EQ(count, 200000u);
    EXPECT_EQ(last, 200000u);
    EXPECT_EQ(last_name, "成员199999");
}

}  // namespace
}  // namespace gh::tabular
