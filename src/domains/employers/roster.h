// Reading an employer roster (.xlsx or CSV in UTF-8/GB18030) into import rows, and the import
// template. Shared by `gonghui import employers` and POST /api/v1/employers/import.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "domains/employers/employers.h"

namespace gh::employers {

// GB/T 4754-2017 sections: {"C", "制造业"}, A to T.
const std::vector<std::pair<std::string, std::string>>& industry_sections();

// The header of a RowProblem field ("credit_code" → "统一社会信用代码"); the field when unknown.
std::string column_of(const std::string& field);

struct Roster {
    std::vector<ImportRow> rows;
    std::vector<RowProblem> rejected;
};

// The header row names the columns (单位名称 and 统一社会信用代码 required; 职工人数, 行业门类,
// 地址 optional), blank rows are skipped. Refused here: a staff size that is not a whole number,
// an industry that is neither a letter A–T nor a section's name ("C", "C 制造业", "制造业"), a
// credit code seen earlier in the file. Throws tabular::TabularError, and std::runtime_error
// (Chinese message) when there is no header with the two required columns. At most max_rows
// data rows (0: none), counted as members::RosterReader counts them (tabular::RowLimit, the
// .xlsx caps of ReadLimits::for_rows): tabular::TooManyRows at the first row past it.
Roster read_roster(const std::string& path, size_t max_rows = 0);

// The template as .xlsx bytes: the Chinese header, 行业门类 as a drop-down of "C 制造业" labels,
// the credit-code column formatted as text, and a sheet explaining the columns.
std::string template_workbook();

}  // namespace gh::employers
