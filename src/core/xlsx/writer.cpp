#include "core/xlsx/writer.h"

#include <xlsxwriter.h>

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string_view>

namespace gh::xlsx {
namespace {

constexpr std::size_t kMaxSheetName = 31;  // Excel counts characters, not bytes
constexpr std::size_t kMaxInlineList = 255;

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

// Keeps at most `max` UTF-8 code points (a continuation byte never starts one).
std::string utf8_prefix(std::string_view s, std::size_t max) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && count++ == max) {
            return std::string(s.substr(0, i));
        }
    }
    return std::string(s);
}

std::string base_name(std::string_view requested) {
    std::string name;
    for (char c : requested) {
        bool bad = std::string_view("[]:*?/\\").find(c) != std::string_view::npos ||
                   static_cast<unsigned char>(c) < 0x20;
        name += bad ? '_' : c;
    }
    // Excel rejects a name that starts or ends with an apostrophe.
    while (!name.empty() && name.front() == '\'') name.erase(0, 1);
    while (!name.empty() && name.back() == '\'') name.pop_back();
    name = utf8_prefix(name, kMaxSheetName);
    while (!name.empty() && name.back() == '\'') name.pop_back();
    return name.empty() ? "Sheet" : name;
}

// Adds `name` to `taken` (lower-cased), suffixed " (2)", " (3)"… when already taken. "History"
// is reserved by Excel.
std::string unique_name(const std::string& name, std::vector<std::string>& taken) {
    auto used = [&](const std::string& n) {
        std::string key = lower_ascii(n);
        return key == "history" || std::find(taken.begin(), taken.end(), key) != taken.end();
    };
    std::string result = name;
    for (int n = 2; used(result); ++n) {
        std::string suffix = " (" + std::to_string(n) + ")";
        result = utf8_prefix(name, kMaxSheetName - suffix.size()) + suffix;
    }
    taken.push_back(lower_ascii(result));
    return result;
}

[[noreturn]] void fail(const std::string& what, lxw_error err) {
    throw std::runtime_error("xlsx: " + what + ": " + lxw_strerror(err));
}

void check(lxw_error err, const std::string& what) {
    if (err != LXW_NO_ERROR) fail(what, err);
}

// A private temp file, removed when this goes out of scope.
class TempFile {
public:
    TempFile() {
        std::string pattern = (std::filesystem::temp_directory_path() / "gh-xlsx-XXXXXX").string();
        int fd = ::mkstemp(pattern.data());
        if (fd < 0) throw std::runtime_error("xlsx: cannot create a temporary file");
        ::close(fd);
        path_ = pattern;
    }
    ~TempFile() { ::unlink(path_.c_str()); }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

// Owns the workbook until it is closed; an abandoned one is closed (and its file discarded).
class Workbook {
public:
    explicit Workbook(const std::string& path) : wb_(workbook_new(path.c_str())) {
        if (wb_ == nullptr) throw std::runtime_error("xlsx: cannot create the workbook");
    }
    ~Workbook() {
        if (wb_ != nullptr) workbook_close(wb_);
    }
    Workbook(const Workbook&) = delete;
    Workbook& operator=(const Workbook&) = delete;
    lxw_workbook* get() const { return wb_; }
    void close() {
        lxw_error err = workbook_close(wb_);
        wb_ = nullptr;
        check(err, "cannot write the workbook");
    }

private:
    lxw_workbook* wb_;
};

bool fits_inline(const std::vector<std::string>& choices) {
    std::size_t length = 0;
    for (const auto& c : choices) {
        if (c.find_first_of(",\"") != std::string::npos) return false;
        length += c.size() + 1;
    }
    return length - 1 <= kMaxInlineList;
}

// Writes the choices that cannot go inline into the hidden sheet, one column per list.
struct ListSheet {
    ListSheet(lxw_workbook* w, std::vector<std::string>& t) : wb(w), taken(t) {}

    lxw_workbook* wb;
    std::vector<std::string>& taken;
    lxw_worksheet* ws = nullptr;
    std::string name;
    lxw_col_t next_col = 0;

    std::string add(const std::vector<std::string>& choices) {
        if (ws == nullptr) {
            name = unique_name("Lists", taken);
            ws = workbook_add_worksheet(wb, name.c_str());
            if (ws == nullptr) throw std::runtime_error("xlsx: cannot add the list sheet");
            worksheet_hide(ws);
        }
        lxw_col_t col = next_col++;
        for (std::size_t r = 0; r < choices.size(); ++r) {
            check(worksheet_write_string(ws, static_cast<lxw_row_t>(r), col, choices[r].c_str(),
                                         nullptr),
                  "cannot write a drop-down choice");
        }
        char range[LXW_MAX_CELL_RANGE_LENGTH];
        lxw_rowcol_to_range_abs(range, 0, col, static_cast<lxw_row_t>(choices.size() - 1), col);
        return "='" + name + "'!" + range;
    }
};

void add_choices(lxw_worksheet* ws, lxw_col_t col, const std::vector<std::string>& choices,
                 bool strict, ListSheet& lists) {
    lxw_data_validation v{};
    v.error_type = strict ? LXW_VALIDATION_ERROR_TYPE_STOP : LXW_VALIDATION_ERROR_TYPE_INFORMATION;
    std::vector<const char*> items;
    std::string formula;
    if (fits_inline(choices)) {
        for (const auto& c : choices) items.push_back(c.c_str());
        items.push_back(nullptr);
        v.validate = LXW_VALIDATION_TYPE_LIST;
        v.value_list = const_cast<char**>(items.data());  // read only by libxlsxwriter
    } else {
        formula = lists.add(choices);
        v.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
        v.value_formula = formula.data();
    }
    check(worksheet_data_validation_range(ws, 1, col, LXW_ROW_MAX - 1, col, &v),
          "cannot add a drop-down list");
}

void write_sheet(lxw_worksheet* ws, const std::string& name, const Sheet& sheet, lxw_format* header,
                 lxw_format* text, ListSheet& lists) {
    const auto& cols = sheet.columns;
    for (std::size_t c = 0; c < cols.size(); ++c) {
        auto col = static_cast<lxw_col_t>(c);
        check(worksheet_set_column(ws, col, col, cols[c].width, cols[c].text ? text : nullptr),
              "cannot set column width");
        check(worksheet_write_string(ws, 0, col, cols[c].header.c_str(), header),
              "cannot write a header cell");
        if (!cols[c].choices.empty())
            add_choices(ws, col, cols[c].choices, cols[c].choices_strict, lists);
    }
    if (sheet.rows.size() >= LXW_ROW_MAX) {
        throw std::runtime_error("xlsx: sheet '" + name + "' has too many rows");
    }
    for (std::size_t r = 0; r < sheet.rows.size(); ++r) {
        const auto& row = sheet.rows[r];
        for (std::size_t c = 0; c < row.size(); ++c) {
            if (row[c].empty()) continue;
            lxw_format* fmt = c < cols.size() && cols[c].text ? text : nullptr;
            check(worksheet_write_string(ws, static_cast<lxw_row_t>(r + 1),
                                         static_cast<lxw_col_t>(c), row[c].c_str(), fmt),
                  "cannot write row " + std::to_string(r + 2) + " of '" + name + "'");
        }
    }
    if (sheet.freeze_header) worksheet_freeze_panes(ws, 1, 0);
}

std::string read_all(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("xlsx: cannot read back the workbook");
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

std::vector<std::string> sheet_names(const std::vector<std::string>& requested) {
    std::vector<std::string> taken;
    std::vector<std::string> names;
    for (const auto& r : requested) names.push_back(unique_name(base_name(r), taken));
    return names;
}

std::string write_workbook(const std::vector<Sheet>& sheets) {
    TempFile file;
    {
        Workbook wb(file.path());
        lxw_format* header = workbook_add_format(wb.get());
        format_set_bold(header);
        format_set_pattern(header, LXW_PATTERN_SOLID);
        format_set_bg_color(header, 0xDDEBF7);
        lxw_format* text = workbook_add_format(wb.get());
        format_set_num_format_index(text, 49);  // Excel's built-in "@"

        std::vector<std::string> requested;
        for (const auto& s : sheets) requested.push_back(s.name);
        if (requested.empty()) requested.push_back("Sheet1");
        std::vector<std::string> names = sheet_names(requested);
        std::vector<std::string> taken;
        for (const auto& n : names) taken.push_back(lower_ascii(n));

        ListSheet lists{wb.get(), taken};
        std::vector<lxw_worksheet*> worksheets;
        for (const auto& n : names) {
            lxw_worksheet* ws = workbook_add_worksheet(wb.get(), n.c_str());
            if (ws == nullptr) throw std::runtime_error("xlsx: cannot add sheet '" + n + "'");
            worksheets.push_back(ws);
        }
        for (std::size_t i = 0; i < sheets.size(); ++i) {
            write_sheet(worksheets[i], names[i], sheets[i], header, text, lists);
        }
        wb.close();
    }
    return read_all(file.path());
}

std::string clip(std::string_view text, std::size_t max_chars) {
    std::size_t chars = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;  // continuation
        if (chars++ == max_chars) return std::string(text.substr(0, i)) + kClipMark;
    }
    return std::string(text);
}

std::string content_type() {
    return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}

}  // namespace gh::xlsx
