// Xlsx reader: the workbook and its relationships locate the sheet, the shared strings table is
// loaded into memory (within ReadLimits), then the sheet XML is streamed through expat a chunk at
// a time, one row per feed.
#include <algorithm>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/tabular/tabular.h"
#include "core/tabular/xlsx_archive.h"

namespace gh::tabular {

namespace {

using detail::attribute;

constexpr uint64_t kMaxSmallPartBytes = uint64_t{4} << 20;  // workbook.xml, its rels
constexpr size_t kMaxSheets = 1000;                         // <sheet> / <Relationship> entries
constexpr size_t kMaxColumns = 16384;                       // Excel's XFD
constexpr size_t kMaxRows = 1048576;                        // Excel's last row
constexpr size_t kMaxCellBytes = 1 << 20;
constexpr size_t kMaxRowBytes = 16 << 20;

// Sheet relationship ids in workbook order.
class WorkbookHandler : public detail::XmlHandler {
public:
    std::vector<std::string> sheet_ids;
    void on_start(std::string_view name, const char** attrs) override {
        if (name != "sheet") return;
        if (sheet_ids.size() >= kMaxSheets) throw TabularError("工作簿中的工作表过多");
        const char* id = attribute(attrs, "id");
        sheet_ids.emplace_back(id ? id : "");
    }
    void on_end(std::string_view) override {}
    void on_text(std::string_view) override {}
};

// Relationship id -> target, and the shared strings target if any.
class RelsHandler : public detail::XmlHandler {
public:
    std::map<std::string, std::string> targets;
    std::string shared_strings;
    void on_start(std::string_view name, const char** attrs) override {
        if (name != "Relationship") return;
        const char* id = attribute(attrs, "Id");
        const char* target = attribute(attrs, "Target");
        const char* type = attribute(attrs, "Type");
        if (!id || !target) return;
        if (targets.size() >= kMaxSheets) throw TabularError("工作簿关系过多");
        targets[id] = target;
        if (type && std::string_view(type).ends_with("/sharedStrings")) shared_strings = target;
    }
    void on_end(std::string_view) override {}
    void on_text(std::string_view) override {}
};

// A relationship target relative to xl/ (or absolute from the package root) as a zip name.
std::string part_name(const std::string& target) {
    if (target.starts_with("/")) return target.substr(1);
    return "xl/" + target;
}

// <si> items; the text of each is its <t> or its rich-text runs' <t>s concatenated, without
// phonetic runs (<rPh>).
// The table kept back to back in one buffer: a workbook of a million rows has millions of short
// strings, which as std::strings would cost ~60 bytes each besides their text.
struct SharedStrings {
    std::string text;
    std::vector<uint32_t> starts;  // string i is text[starts[i], starts[i + 1] or the end)
    size_t size() const { return starts.size(); }
    std::string_view at(size_t i) const {
        const size_t end = i + 1 < starts.size() ? starts[i + 1] : text.size();
        return std::string_view(text).substr(starts[i], end - starts[i]);
    }
};

class SharedStringsHandler : public detail::XmlHandler {
public:
    explicit SharedStringsHandler(size_t max_strings) : max_strings_(max_strings) {}
    SharedStrings strings;
    void on_start(std::string_view name, const char**) override {
        if (name == "si") {
            if (strings.starts.size() >= max_strings_) {
                throw TabularError("Excel 文件过大或已损坏（共享字符串表超过 " +
                                   grouped(max_strings_) + " 项）");
            }
            // The part is at most ReadLimits::max_shared_strings_bytes (256 MiB), so its text fits
            // 32-bit offsets.
            strings.starts.push_back(static_cast<uint32_t>(strings.text.size()));
            in_si_ = true;
        } else if (name == "rPh") {
            ++phonetic_;
        } else if (name == "t" && in_si_ && phonetic_ == 0) {
            in_t_ = true;
        }
    }
    void on_end(std::string_view name) override {
        if (name == "si") {
            in_si_ = false;
        } else if (name == "rPh") {
            --phonetic_;
        } else if (name == "t") {
            in_t_ = false;
        }
    }
    void on_text(std::string_view text) override {
        if (in_t_) strings.text.append(text);
    }

private:
    size_t max_strings_;
    bool in_si_ = false;
    bool in_t_ = false;
    int phonetic_ = 0;
};

std::string row_message(size_t row, const std::string& what) {
    return "第 " + std::to_string(row) + " 行" + what;
}

// 0-based column of a cell reference such as "C12"; throws when out of Excel's range.
size_t column_of(std::string_view ref, size_t row) {
    size_t col = 0;
    size_t letters = 0;
    for (char c : ref) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        if (c < 'A' || c > 'Z') break;
        col = col * 26 + static_cast<size_t>(c - 'A' + 1);
        if (++letters > 3 || col > kMaxColumns) {
            throw TabularError(row_message(row, "的单元格位置无效：" + std::string(ref)));
        }
    }
    if (letters == 0) throw TabularError(row_message(row, "的单元格位置无效：" + std::string(ref)));
    return col - 1;
}

size_t row_of(std::string_view text) {
    size_t n = 0;
    for (char c : text) {
        if (c < '0' || c > '9' || n > kMaxRows)
            throw TabularError("工作表的行号无效：" + std::string(text));
        n = n * 10 + static_cast<size_t>(c - '0');
    }
    if (n == 0 || n > kMaxRows) throw TabularError("工作表的行号无效：" + std::string(text));
    return n;
}

class SheetReader : public RowReader, private detail::XmlHandler {
public:
    SheetReader(std::unique_ptr<detail::Archive> archive, const std::string& sheet,
                SharedStrings shared, uint64_t max_sheet_bytes)
        : archive_(std::move(archive)),
          shared_(std::move(shared)),
          stream_(*archive_, sheet, max_sheet_bytes, *this, "工作表") {}

    // Rows completed before a parse error are returned first, then the error is thrown.
    bool next(Row& out) override {
        while (ready_.empty()) {
            if (pending_) {
                const TabularError error = *pending_;
                pending_.reset();
                throw error;
            }
            try {
                if (!stream_.feed()) return false;
            } catch (const TabularError& e) {
                pending_ = e;
            }
        }
        out = std::move(ready_.front());
        ready_.pop_front();
        return true;
    }

private:
    void on_start(std::string_view name, const char** attrs) override {
        if (name == "row") {
            const char* r = attribute(attrs, "r");
            row_.number = r ? row_of(r) : row_.number + 1;
            row_.cells.clear();
            next_col_ = 0;
            row_bytes_ = 0;
            in_row_ = true;
        } else if (name == "c" && in_row_) {
            const char* r = attribute(attrs, "r");
            col_ = r ? column_of(r, row_.number) : next_col_;
            if (col_ >= kMaxColumns) throw TabularError(row_message(row_.number, "的列数超过上限"));
            const char* t = attribute(attrs, "t");
            type_ = t ? t : "n";
            value_.clear();
            in_cell_ = true;
        } else if (in_cell_ && (name == "v" || (name == "t" && in_is_ && phonetic_ == 0))) {
            in_text_ = true;
        } else if (name == "is") {
            in_is_ = true;
        } else if (name == "rPh") {
            ++phonetic_;
        }
    }

    void on_end(std::string_view name) override {
        if (name == "v" || name == "t") {
            in_text_ = false;
        } else if (name == "is") {
            in_is_ = false;
        } else if (name == "rPh") {
            --phonetic_;
        } else if (name == "c" && in_cell_) {
            in_cell_ = false;
            next_col_ = col_ + 1;
            store_cell();
        } else if (name == "row" && in_row_) {
            in_row_ = false;
            while (!row_.cells.empty() && row_.cells.back().empty()) row_.cells.pop_back();
            ready_.push_back(row_);
            row_bytes_ = 0;
            stream_.suspend();  // one row at a time, however small the rows are
        }
    }

    void on_text(std::string_view text) override {
        if (!in_text_) return;
        if (value_.size() + text.size() > kMaxCellBytes) {
            throw TabularError(row_message(row_.number, "的单元格内容过长"));
        }
        row_bytes_ += text.size();
        if (row_bytes_ > kMaxRowBytes) throw TabularError(row_message(row_.number, "的内容过多"));
        value_.append(text);
    }

    void store_cell() {
        std::string cell;
        if (type_ == "s") {
            size_t index = 0;
            bool ok = !value_.empty();
            for (char c : value_) {
                ok = ok && c >= '0' && c <= '9' && index <= shared_.size();
                if (ok) index = index * 10 + static_cast<size_t>(c - '0');
            }
            if (!ok || index >= shared_.size()) {
                throw TabularError(row_message(row_.number, "引用了不存在的共享字符串"));
            }
            cell = shared_.at(index);
        } else if (type_ == "b") {
            cell = value_ == "1" ? "TRUE" : value_ == "0" ? "FALSE" : value_;
        } else {
            cell = std::move(value_);  // numbers as written, inline and formula strings, errors
        }
        if (cell.empty()) return;
        if (row_.cells.size() <= col_) row_.cells.resize(col_ + 1);
        row_.cells[col_] = std::move(cell);
    }

    std::unique_ptr<detail::Archive> archive_;
    SharedStrings shared_;
    detail::XmlStream stream_;
    std::deque<Row> ready_;
    std::optional<TabularError> pending_;
    Row row_;
    size_t col_ = 0;
    size_t next_col_ = 0;
    std::string type_;
    std::string value_;
    bool in_row_ = false;
    bool in_cell_ = false;
    bool in_is_ = false;
    bool in_text_ = false;
    int phonetic_ = 0;
    size_t row_bytes_ = 0;
};

}  // namespace

std::unique_ptr<RowReader> open_xlsx(const std::string& path, size_t sheet_index,
                                     const ReadLimits& limits) {
    auto archive = std::make_unique<detail::Archive>(path);
    if (!archive->has("xl/workbook.xml") || !archive->has("xl/_rels/workbook.xml.rels")) {
        throw TabularError("文件不是有效的 Excel 文件");
    }
    WorkbookHandler workbook;
    detail::XmlStream(*archive, "xl/workbook.xml", kMaxSmallPartBytes, workbook, "工作簿").run();
    RelsHandler rels;
    detail::XmlStream(*archive, "xl/_rels/workbook.xml.rels", kMaxSmallPartBytes, rels,
                      "工作簿关系")
        .run();
    if (sheet_index >= workbook.sheet_ids.size()) {
        throw TabularError("工作簿中没有第 " + std::to_string(sheet_index + 1) + " 个工作表");
    }
    const auto target = rels.targets.find(workbook.sheet_ids[sheet_index]);
    if (target == rels.targets.end())
        throw TabularError("文件不是有效的 Excel 文件（找不到工作表）");
    const std::string sheet = part_name(target->second);

    const std::string shared_name =
        rels.shared_strings.empty() ? "xl/sharedStrings.xml" : part_name(rels.shared_strings);
    SharedStringsHandler shared(limits.max_shared_strings);
    if (archive->has(shared_name)) {
        // The text is shorter than its XML: reserved once for the part's declared size (within
        // the cap), it is never copied as it grows, and untouched pages cost no memory.
        const uint64_t declared = archive->size_of(shared_name);
        shared.strings.text.reserve(
            static_cast<size_t>(std::min(declared, limits.max_shared_strings_bytes)));
        detail::XmlStream(*archive, shared_name, limits.max_shared_strings_bytes, shared,
                          "共享字符串表")
            .run();
        shared.strings.starts.shrink_to_fit();
    }
    return std::make_unique<SheetReader>(std::move(archive), sheet, std::move(shared.strings),
                                         limits.max_sheet_bytes);
}

}  // namespace gh::tabular
