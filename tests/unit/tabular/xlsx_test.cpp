#include <gtest/gtest.h>
#include <zip.h>

#include <string>
#include <utility>
#include <vector>

#include "core/tabular/tabular.h"
#include "core/xlsx/writer.h"
#include "temp_file.h"

namespace gh::tabular {
namespace {

using test::TempFile;
using Cells = std::vector<std::string>;

using test::read_all;

// A zip holding the given entries, built with libzip (the writer never produces these shapes).
void write_zip(const std::string& path,
               const std::vector<std::pair<std::string, std::string>>& entries) {
    int error = 0;
    zip_t* zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    ASSERT_NE(zip, nullptr);
    for (const auto& [name, data] : entries) {
        zip_source_t* source = zip_source_buffer(zip, data.data(), data.size(), 0);
        ASSERT_NE(source, nullptr);
        ASSERT_GE(zip_file_add(zip, name.c_str(), source, ZIP_FL_ENC_UTF_8), 0);
    }
    ASSERT_EQ(zip_close(zip), 0);
}

const char* const kWorkbook =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" )"
    R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)"
    R"(<sheets><sheet name="花名册" sheetId="1" r:id="rId1"/></sheets></workbook>)";
const char* const kRels =
    R"(<?xml version="1.0" encoding="UTF-8"?>)"
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/)"
    R"(relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>)";

std::string sheet_xml(const std::string& rows) {
    return R"(<?xml version="1.0" encoding="UTF-8"?>)"
           R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
           "<sheetData>" +
           rows + "</sheetData></worksheet>";
}

TEST(Xlsx, RoundTripsTheProjectsOwnWorkbooks) {
    xlsx::Sheet members;
    members.name = "会员";
    for (const char* header : {"姓名", "身份证号", "电话", "籍贯"}) {
        xlsx::Column column;
        column.header = header;
        column.text = column.header == "身份证号";
        members.columns.push_back(column);
    }
    members.rows = {{"张三", "610424199001011234", "", "乾县"},
                    {"李四", "61042419900101123X", "13800000000"},
                    {"王五"}};
    xlsx::Sheet orgs;
    orgs.name = "组织";
    orgs.columns.emplace_back();
    orgs.columns.back().header = "名称";
    orgs.rows = {{"乾县总工会"}};
    TempFile file(".xlsx", xlsx::write_workbook({members, orgs}));

    auto rows = read_all(*open_xlsx(file.path()));
    ASSERT_EQ(rows.size(), 4u);
    EXPECT_EQ(rows[0].number, 1u);
    EXPECT_EQ(rows[0].cells, (Cells{"姓名", "身份证号", "电话", "籍贯"}));
    EXPECT_EQ(rows[1].number, 2u);
    EXPECT_EQ(rows[1].cells, (Cells{"张三", "610424199001011234", "", "乾县"}));
    EXPECT_EQ(rows[2].cells, (Cells{"李四", "61042419900101123X", "13800000000"}));
    EXPECT_EQ(rows[3].number, 4u);
    EXPECT_EQ(rows[3].cells, (Cells{"王五"}));

    auto second = read_all(*open_xlsx(file.path(), 1));
    ASSERT_EQ(second.size(), 2u);
    EXPECT_EQ(second[1].cells, (Cells{"乾县总工会"}));
    EXPECT_THROW(open_xlsx(file.path(), 2), TabularError);

    auto any = read_all(*open_any(file.path()));
    EXPECT_EQ(any.size(), 4u);
}

TEST(Xlsx, StreamsManyRows) {
    xlsx::Sheet sheet;
    sheet.columns.resize(2);
    sheet.columns[0].header = "序号";
    sheet.columns[1].header = "姓名";
    for (int i = 1; i <= 20000; ++i) sheet.rows.push_back({std::to_string(i), "成员"});
    TempFile file(".xlsx", xlsx::write_workbook({sheet}));
    auto reader = open_xlsx(file.path());
    Row row;
    size_t count = 0;
    std::string last;
    while (reader->next(row)) {
        ++count;
        ASSERT_EQ(row.number, count);
        last = row.cells.at(0);
    }
    EXPECT_EQ(count, 20001u);
    EXPECT_EQ(last, "20000");
}

TEST(Xlsx, HandMadeSheetKeepsNumbersAsWritten) {
    TempFile file(".xlsx");
    const std::string shared =
        R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
        "<si><t>姓名</t></si>"
        "<si><r><t>张</t></r><r><rPr><b/></rPr><t>三</t></r><rPh><t>ZS</t></rPh></si></sst>";
    const std::string rows =
        R"(<row r="1"><c r="A1" t="s"><v>0</v></c>)"
        R"(<c r="C1" t="inlineStr"><is><t>籍贯</t></is></c></row>)"
        R"(<row r="3"><c r="A3" t="s"><v>1</v></c><c r="B3"><v>6.10424199001011E+17</v></c>)"
        R"(<c r="D3" t="b"><v>1</v></c><c r="E3" t="str"><f>A3</f><v>张三</v></c></row>)"
        R"(<row><c><v>610424199001011000</v></c><c t="inlineStr"><is><r><t>乾</t></r>)"
        R"(<r><t>县</t></r></is></c></row>)";
    write_zip(file.path(), {{"xl/workbook.xml", kWorkbook},
                            {"xl/_rels/workbook.xml.rels", kRels},
                            {"xl/sharedStrings.xml", shared},
                            {"xl/worksheets/sheet1.xml", sheet_xml(rows)}});

    auto got = read_all(*open_any(file.path()));
    ASSERT_EQ(got.size(), 3u);
    EXPECT_EQ(got[0].number, 1u);
    EXPECT_EQ(got[0].cells, (Cells{"姓名", "", "籍贯"}));
    EXPECT_EQ(got[1].number, 3u);
    EXPECT_EQ(got[1].cells, (Cells{"张三", "6.10424199001011E+17", "", "TRUE", "张三"}));
    EXPECT_EQ(got[2].number, 4u);
    EXPECT_EQ(got[2].cells, (Cells{"610424199001011000", "乾县"}));
}

TEST(Xlsx, GarbageZipIsAnError) {
    TempFile file(".xlsx", std::string("PK\x03\x04", 4) + "this is not a zip archive at all");
    EXPECT_THROW(open_xlsx(file.path()), TabularError);
    try {
        open_any(file.path());
        FAIL() << "expected TabularError";
    } catch (const TabularError& e) {
        EXPECT_EQ(std::string(e.what()), "文件不是有效的 Excel 文件");
    }
}

TEST(Xlsx, ZipWithoutWorkbookIsAnError) {
    TempFile file(".xlsx");
    write_zip(file.path(), {{"readme.txt", "hello"}});
    EXPECT_THROW(open_xlsx(file.path()), TabularError);
}

TEST(Xlsx, MalformedSheetIsAnError) {
    TempFile file(".xlsx");
    write_zip(file.path(),
              {{"xl/workbook.xml", kWorkbook},
               {"xl/_rels/workbook.xml.rels", kRels},
               {"xl/worksheets/sheet1.xml",
                sheet_xml(R"(<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c>)")}});
    auto reader = open_xlsx(file.path());
    Row row;
    EXPECT_THROW(
        {
            while (reader->next(row)) {
            }
        },
        TabularError);
    EXPECT_FALSE(reader->next(row));
}

TEST(Xlsx, BadReferencesAreErrors) {
    const std::vector<std::string> bad = {
        R"(<row r="1"><c r="A1" t="s"><v>0</v></c></row>)",  // no shared strings at all
        R"(<row r="1"><c r="ZZZZ1"><v>1</v></c></row>)",     // column beyond XFD
        R"(<row r="99999999999999999999"><c><v>1</v></c></row>)",
        "<!DOCTYPE x [<!ENTITY a \"aaaa\">]><x/>",
    };
    for (const auto& rows : bad) {
        TempFile file(".xlsx");
        const std::string xml = rows.starts_with("<!") ? rows : sheet_xml(rows);
        write_zip(file.path(), {{"xl/workbook.xml", kWorkbook},
                                {"xl/_rels/workbook.xml.rels", kRels},
                                {"xl/worksheets/sheet1.xml", xml}});
        auto reader = open_xlsx(file.path());
        Row row;
        EXPECT_THROW(reader->next(row), TabularError) << rows;
    }
}

TEST(Limits, ForRowsScalesTheXlsxCapsWithTheRowLimit) {
    const ReadLimits none = ReadLimits::for_rows(0);
    EXPECT_EQ(none.max_sheet_bytes, uint64_t{2} << 30);
    EXPECT_EQ(none.max_shared_strings_bytes, uint64_t{256} << 20);
    const ReadLimits upload = ReadLimits::for_rows(50000);  // the HTTP default
    EXPECT_EQ(upload.max_sheet_bytes, uint64_t{50000} * 4096);
    EXPECT_EQ(upload.max_shared_strings_bytes, uint64_t{50000} * 1024);
    EXPECT_EQ(upload.max_shared_strings, 1000000u);
    const ReadLimits small = ReadLimits::for_rows(5);
    EXPECT_EQ(small.max_sheet_bytes, uint64_t{64} << 20);
    EXPECT_EQ(small.max_shared_strings_bytes, uint64_t{16} << 20);
    EXPECT_EQ(small.max_shared_strings, 100000u);
}

TEST(Limits, RowLimitCountsDataRowsAndAllRows) {
    RowLimit limit(3);
    for (int i = 0; i < 3; ++i) EXPECT_NO_THROW(limit.data());
    try {
        limit.data();
        ADD_FAILURE() << "a fourth data row went through";
    } catch (const TooManyRows& e) {
        EXPECT_EQ(e.limit(), 3u);
        EXPECT_STREQ(e.what(), "名册超过 3 行（不含表头），请分批导入");
    }
    RowLimit all(1);  // 2 × 1 + 1,000 rows in all, blank ones included
    for (int i = 0; i < 1002; ++i) EXPECT_NO_THROW(all.read());
    EXPECT_THROW(all.read(), TooManyRows);
    RowLimit unlimited(0);
    for (int i = 0; i < 5000; ++i) unlimited.data();
    EXPECT_EQ(grouped(50000), "50,000");
    EXPECT_EQ(grouped(1000000), "1,000,000");
    EXPECT_EQ(grouped(999), "999");
}

TEST(Limits, SharedStringsPastTheirCapAreRefused) {
    std::string sst =
        R"(<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)";
    for (int i = 0; i < 11; ++i) sst += "<si><t>a</t></si>";
    sst += "</sst>";
    TempFile file(".xlsx");
    write_zip(file.path(), {{"xl/workbook.xml", kWorkbook},
                            {"xl/_rels/workbook.xml.rels", kRels},
                            {"xl/sharedStrings.xml", sst},
                            {"xl/worksheets/sheet1.xml",
                             sheet_xml(R"(<row r="1"><c r="A1" t="s"><v>10</v></c></row>)")}});
    ReadLimits limits;
    limits.max_shared_strings = 11;
    auto ok = open_xlsx(file.path(), 0, limits);
    EXPECT_EQ(read_all(*ok).at(0).cells, Cells{"a"});
    limits.max_shared_strings = 10;
    try {
        open_xlsx(file.path(), 0, limits);
        ADD_FAILURE() << "eleven shared strings went through a cap of ten";
    } catch (const TabularError& e) {
        EXPECT_NE(std::string(e.what()).find("共享字符串表超过 10 项"), std::string::npos)
            << e.what();
    }
    limits = ReadLimits{};
    limits.max_shared_strings_bytes = sst.size() - 1;
    EXPECT_THROW(open_xlsx(file.path(), 0, limits), TabularError);
    limits = ReadLimits{};
    limits.max_sheet_bytes = 10;
    EXPECT_THROW(open_xlsx(file.path(), 0, limits), TabularError);
}

}  // namespace
}  // namespace gh::tabular
