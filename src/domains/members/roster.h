// Reading a member roster (.xlsx or CSV) into import rows, and writing the report of rejected
// rows. Shared by `gonghui import members` and POST /api/v1/members/import, so both read files
// the same way; the template (GET /api/v1/members/import-template) uses the same columns.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "domains/members/members.h"

namespace gh::members {

struct RosterColumn {
    std::string header;  // Chinese, as in the template
    std::string field;   // the NewMember / Profile field it fills, as named in RowProblem::field
};

// The template's columns, in order: 姓名, 身份证号, 手机号, 职业, 工作单位, 入会日期, then 民族,
// 学历, 政治面貌, 农民工, 劳模, 困难职工.
const std::vector<RosterColumn>& roster_columns();

// The header of a RowProblem field ("id_number" → "身份证号"); the field itself when unknown.
std::string column_of(const std::string& field);

// A roster cell longer than this (in characters) refuses its row (member.import_cell_too_long):
// no template column takes more than 100, and the report writer's cells end at 32,767.
inline constexpr size_t kMaxCellChars = 500;
// Cells of the report and of the answer's rejected_rows are cut to this many characters and
// marked (xlsx::kClipMark), so a refused over-long cell never makes either large.
inline constexpr size_t kShownCellChars = 200;

struct Roster {
    std::vector<ImportRow> rows;
    std::vector<RowProblem> rejected;
    std::map<size_t, std::pair<std::string, std::string>> cells;  // row → 姓名, 身份证号 as read
};

// Reads the roster at `path` a chunk at a time (by content: xlsx or CSV in UTF-8/GB18030): the
// header row names the columns, blank rows are skipped, a row with a bad ID number, a bad date, a
// bad yes/no flag or an ID seen earlier in the file is rejected here. Holds one row of the file
// at a time plus the in-file duplicate check (about 40 bytes per ID number read). A cell of a
// template column longer than kMaxCellChars refuses its row.
class RosterReader {
public:
    // Opens the file and reads up to its header row. Throws tabular::TabularError, and
    // std::runtime_error (Chinese message) when the header lacks 姓名 or 身份证号 or is missing.
    // max_rows (0: none): tabular::RowLimit, checked as the rows are read (tabular::TooManyRows
    // from next() at the first row past it), and the .xlsx caps of ReadLimits::for_rows.
    explicit RosterReader(const std::string& path, size_t max_rows = 0);
    ~RosterReader();
    RosterReader(const RosterReader&) = delete;
    RosterReader& operator=(const RosterReader&) = delete;

    // The next up to `max` non-blank data rows of the file, in order: the valid ones into rows,
    // the refused ones into rejected (both cleared first). False at the end of the file (both
    // then empty). Throws tabular::TabularError for a malformed file.
    bool next(std::vector<ImportRow>& rows, std::vector<RowProblem>& rejected, size_t max);

    // Called for every data row read, with its 姓名 and 身份证号 as read; may be empty.
    std::function<void(size_t row, const std::string& name, const std::string& id)> on_cells;

private:
    struct State;
    std::unique_ptr<State> s_;
};

// Reads the whole file once, keeping nothing, so that a malformed file (a broken quote, a
// corrupt workbook part-way through) fails before an import writes anything, as it did when the
// roster was read whole first. Throws tabular::TabularError, tabular::TooManyRows past max_rows
// (0: none; counted as RosterReader counts them), as soon as the row past it is read.
void check_readable(const std::string& path, size_t max_rows = 0);

// The whole roster in memory (RosterReader to the end, every row's cells kept): for the small
// files of the ceremony sheet, at most max_rows data rows. Throws as RosterReader.
Roster read_roster(const std::string& path, size_t max_rows = 0);

// 姓名 and 身份证号 as read of the given rows of the roster at `path` (read again), for the
// report of a streamed import. Throws as RosterReader.
std::map<size_t, std::pair<std::string, std::string>> roster_cells(
    const std::string& path, const std::vector<RowProblem>& rows);

// The report of rejected rows as .xlsx bytes: 行号, 姓名, 身份证号 (as read), 列, 原因; every
// cell cut to kShownCellChars and marked. At most max_rows rows (0: Excel's 1,048,574), then one
// row saying how many more were refused and left out.
std::string report_workbook(const std::vector<RowProblem>& rejected, const Roster& roster,
                            size_t max_rows = 0);

// The import template as .xlsx bytes: the header row, drop-downs for the coded columns, the ID
// and phone columns formatted as text, and a second sheet explaining the columns.
std::string template_workbook();

}  // namespace gh::members
