// Writes .xlsx workbooks (exports, import templates) with libxlsxwriter. Every cell is written
// as a string, never as a number, so ID numbers, phone numbers and codes with leading zeros come
// back exactly as they went in.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace gh::xlsx {

struct Column {
    std::string header;
    double width = 14;
    // Format the whole column as text (@), e.g. ID numbers, so Excel never turns what a user
    // types there into 6.10424E+17.
    bool text = false;
    // A drop-down list (data validation) for rows 2..max when not empty. Short lists are stored
    // in the validation itself; a list longer than Excel's 255 characters, or with a choice that
    // contains a comma or a quote, goes to a hidden sheet the validation refers to.
    std::vector<std::string> choices;
    // Whether Excel refuses a value not in `choices` (stop) or only informs and keeps it.
    bool choices_strict = true;
};

struct Sheet {
    // Sanitized to Excel's rules: []:*?/\ become '_', at most 31 characters, no leading or
    // trailing apostrophe, not empty ("Sheet"), unique without regard to ASCII case ("Name (2)").
    std::string name;
    std::vector<Column> columns;
    // Rows under the header; a row may be shorter or longer than columns. Empty cells are left
    // blank (text columns keep their format).
    std::vector<std::vector<std::string>> rows;
    bool freeze_header = true;
};

// The .xlsx file's bytes: one worksheet per sheet, in order, the first one active. The header
// row is bold on a light fill. No sheets gives a workbook with one empty "Sheet1". Throws
// std::runtime_error (with libxlsxwriter's error text) on failure, e.g. a cell longer than
// 32767 characters or more rows than Excel allows.
std::string write_workbook(const std::vector<Sheet>& sheets);

// What clip() puts after a cut cell.
inline constexpr const char* kClipMark = "…[已截断]";

// text itself when it has at most max_chars characters (UTF-8 code points), else its first
// max_chars characters followed by kClipMark: for cells that hold what a user typed (import
// reports), so none reaches the 32,767 characters a cell may hold.
std::string clip(std::string_view text, std::size_t max_chars);

// "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
std::string content_type();

// Exposed for tests: the sheet names write_workbook will use for these requested names.
std::vector<std::string> sheet_names(const std::vector<std::string>& requested);

}  // namespace gh::xlsx
