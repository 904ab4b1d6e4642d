// RosterReader reads a roster a chunk at a time: the header once, then at most `max` data rows
// per call, row numbers continuing across chunks, blank rows skipped, in-file duplicates caught
// across chunks; roster_cells reads the refused rows' cells again for the report.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/cn/id_number.h"
#include "core/xlsx/writer.h"
#include "domains/members/roster.h"

namespace {

using gh::members::ImportRow;
using gh::members::RosterReader;
using gh::members::RowProblem;

std::string temp_path(const std::string& name) {
    return (std::filesystem::temp_directory_path() /
            ("gh_roster_" + std::to_string(::getpid()) + "_" + name))
        .string();
}

struct File {
    std::string path;
    File(const std::string& name, const std::string& bytes) : path(temp_path(name)) {
        std::ofstream(path, std::ios::binary) << bytes;
    }
    ~File() { std::filesystem::remove(path); }
};

std::string id_of(int i) {
    char first17[18];
    std::snprintf(first17, sizeof first17, "610424198101%02d%03d", 1 + i / 900, 100 + i % 900);
    return gh::cn::make_id_number(first17);
}

// 2,600 people with a blank line after every 1,000th; person 2,100 repeats person 5.
std::vector<std::vector<std::string>> people() {
    std::vector<std::vector<std::string>> rows;
    for (int i = 0; i < 2600; ++i) {
        rows.push_back({"职工" + std::to_string(i), i == 2100 ? id_of(5) : id_of(i)});
        if (i % 1000 == 999) rows.push_back({"", ""});
    }
    return rows;
}

struct Read {
    std::vector<size_t> chunk_sizes;
    std::vector<size_t> numbers;  // every row's number, valid or refused, in the order given
    std::vector<RowProblem> rejected;
};

Read read_in_chunks(const std::string& path) {
    RosterReader reader(path);
    Read out;
    std::vector<ImportRow> rows;
    std::vector<RowProblem> rejected;
    while (reader.next(rows, rejected, 1000)) {
        out.chunk_sizes.push_back(rows.size() + rejected.size());
        std::vector<size_t> chunk;
        for (const auto& r : rows) chunk.push_back(r.row);
        for (const auto& r : rejected) chunk.push_back(r.row);
        std::sort(chunk.begin(), chunk.end());
        out.numbers.insert(out.numbers.end(), chunk.begin(), chunk.end());
        out.rejected.insert(out.rejected.end(), rejected.begin(), rejected.end());
    }
    EXPECT_FALSE(reader.next(rows, rejected, 1000));
    EXPECT_TRUE(rows.empty() && rejected.empty());
    return out;
}

void expect_chunks(const Read& got) {
    EXPECT_EQ(got.chunk_sizes, (std::vector<size_t>{1000, 1000, 600}));
    // Row 1 is the header; a blank row follows each 1,000th person (rows 1002 and 2003).
    std::vector<size_t> want;
    for (size_t n = 2; n <= 2603; ++n) {
        if (n != 1002 && n != 2003) want.push_back(n);
    }
    ASSERT_EQ(got.numbers.size(), want.size());
    for (size_t i = 0; i < want.size(); ++i) ASSERT_EQ(got.numbers[i], want[i]) << "at " << i;
    ASSERT_EQ(got.rejected.size(), 1u);
    // Person 2,100 is on row 2100 + 2 + 2 blank rows, in the third chunk; person 5 on row 7.
    EXPECT_EQ(got.rejected[0].row, 2104u);
    EXPECT_EQ(got.rejected[0].field, "id_number");
    EXPECT_NE(got.rejected[0].message.find("第 7 行"), std::string::npos);
}

TEST(RosterReader, ACsvIsReadInChunksAndRowNumbersContinue) {
    std::string text = "姓名,身份证号\n";
    for (const auto& r : people()) text += r[0] + "," + r[1] + "\n";
    File file("chunks.csv", text);
    expect_chunks(read_in_chunks(file.path));

    auto cells =
        gh::members::roster_cells(file.path, {{2104, "id_number", "x", ""}, {7, "", "", ""}});
    ASSERT_EQ(cells.size(), 2u);
    EXPECT_EQ(cells.at(2104), std::make_pair(std::string("职工2100"), id_of(5)));
    EXPECT_EQ(cells.at(7), std::make_pair(std::string("职工5"), id_of(5)));
}

TEST(RosterReader, AWorkbookIsReadInChunksAndRowNumbersContinue) {
    gh::xlsx::Sheet sheet;
    sheet.name = "会员名册";
    sheet.columns = {gh::xlsx::Column{"姓名", 12, false, {}},
                     gh::xlsx::Column{"身份证号", 22, true, {}}};
    sheet.rows = people();
    File file("chunks.xlsx", gh::xlsx::write_workbook({sheet}));
    expect_chunks(read_in_chunks(file.path));
}

TEST(RosterReader, TheHeaderIsCheckedWhenOpened) {
    File file("noheader.csv", "甲,乙\n1,2\n");
    EXPECT_THROW(RosterReader reader(file.path), std::runtime_error);
    File empty("empty.csv", "\n\n");
    EXPECT_THROW(RosterReader reader(empty.path), std::runtime_error);
}

}  // namespace
