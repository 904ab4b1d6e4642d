// Streaming readers for the rosters cadres upload: .xlsx workbooks and CSV files (UTF-8, UTF-8
// with a BOM, or GB18030/GBK as saved by Excel on Chinese Windows). Rows are read one at a time;
// only an xlsx workbook's shared strings table is held in memory (capped by ReadLimits).
#pragma once

#include <cstddef>
#include <cstdint>
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

// A roster with more rows than its limit (RowLimit): the reader stopped at the first row over it,
// without reading (or, for an .xlsx sheet, expanding) the rest of the file.
class TooManyRows : public TabularError {
public:
    explicit TooManyRows(size_t limit);
    size_t limit() const { return limit_; }

private:
    size_t limit_;
};

// How far an .xlsx workbook may expand: its parts are refused (TabularError) when their declared
// or streamed uncompressed size passes these, before they are held or parsed further.
struct ReadLimits {
    uint64_t max_sheet_bytes = uint64_t{2} << 30;             // the sheet's XML, streamed
    uint64_t max_shared_strings_bytes = uint64_t{256} << 20;  // the shared strings XML, held
    size_t max_shared_strings = size_t{64} << 20;             // entries of that table
    // For a roster of at most `rows` data rows (0: the defaults above, for the CLI's unlimited
    // run): sheet XML min(2 GiB, max(64 MiB, rows × 4 KiB)), shared strings XML min(256 MiB,
    // max(16 MiB, rows × 1 KiB)) and min(64 Mi, max(100,000, rows × 20)) entries. For the HTTP
    // default of 50,000 rows: 195.3 MiB, 48.8 MiB and 1,000,000 entries.
    static ReadLimits for_rows(size_t rows);
};

// Counts a roster's rows as a reader hands them over: at most max_data_rows rows with content
// below the header, and at most 2 × max_data_rows + 1,000 rows in all (the header, blank rows),
// so a sheet of millions of blank rows is stopped too. 0: no limit. Throws TooManyRows.
class RowLimit {
public:
    explicit RowLimit(size_t max_data_rows) : max_(max_data_rows) {}
    // Every row read (header and blank ones included): throws past the limit on all rows.
    void read();
    // A row below the header with content: throws past max_data_rows.
    void data();
    size_t max_data_rows() const { return max_; }

private:
    size_t max_;
    size_t all_ = 0;
    size_t data_ = 0;
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
std::unique_ptr<RowReader> open_xlsx(const std::string& path, size_t sheet_index = 0,
                                     const ReadLimits& limits = {});

// By content: a zip ("PK\x03\x04") is read as xlsx (first sheet), anything else as CSV.
std::unique_ptr<RowReader> open_any(const std::string& path, const ReadLimits& limits = {});

// The number with thousands separators, as messages show limits: 50000 → "50,000".
std::string grouped(size_t n);

}  // namespace gh::tabular
