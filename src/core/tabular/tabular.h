// Streaming readers for the rosters cadres upload: .xlsx workbooks and CSV files (UTF-8, UTF-8
// with a BOM, or GB18030/GBK as saved by Excel on Chinese Windows). Rows are read one at a time;
// only an xlsx workbook's shared strings table is held in memory.
#pragma once

#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace gh::tabular {

// Every failure (unreadable file, malformed CSV or workbook, size limits) is a TabularError
// whose what() is a Chinese message fit to show to the user, e.g. "第 12 行引号不匹配".
class TabularError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct Row {
    // 1-based row number in the file, as Excel shows it (a CSV record spanning several lines
    // because of a quoted newline counts as one row).
    size_t number = 0;
    // UTF-8. A blank CSV line gives a row with no cells; an xlsx row has its cells placed by
    // column (missing cells are empty strings) and no trailing empty cells.
    std::vector<std::string> cells;
};

class RowReader {
public:
    virtual ~RowReader();
    // The next row into out; false at the end. Throws TabularError.
    virtual bool next(Row& out) = 0;
};

// RFC 4180 CSV; the delimiter (',' '\t' or ';') is detected from the first line. Encoding: a
// UTF-8 BOM is stripped; a file whose first 64 KiB are not valid UTF-8 is decoded as GB18030;
// a later line that is not valid UTF-8 is decoded as GB18030 on its own.
std::unique_ptr<RowReader> open_csv(const std::string& path);

// Sheet sheet_index (0-based, in workbook order) of an .xlsx workbook. Numbers are returned
// exactly as stored ("6.10424199001011E+17"), booleans as "TRUE"/"FALSE". Xlsx rows that are
// absent from the sheet are not returned (Row::number skips them).
std::unique_ptr<RowReader> open_xlsx(const std::string& path, size_t sheet_index = 0);

// By content: a zip ("PK\x03\x04") is read as xlsx (first sheet), anything else as CSV.
std::unique_ptr<RowReader> open_any(const std::string& path);

}  // namespace gh::tabular
