// CSV reader: a byte-level RFC 4180 state machine over a fixed buffer. The delimiter, quote and
// line-break bytes are all below 0x30, which never occur inside a GB18030 multi-byte character,
// so splitting before decoding is safe for both encodings.
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/tabular/encoding.h"
#include "core/tabular/tabular.h"

namespace gh::tabular {

namespace {

constexpr size_t kBufferSize = 64 * 1024;
// A record longer than this is refused, so an unbalanced quote in a huge file cannot make the
// reader hold the rest of the file in memory.
constexpr size_t kMaxRecordBytes = 8 * 1024 * 1024;

struct FileCloser {
    void operator()(std::FILE* f) const { std::fclose(f); }
};

std::string row_message(size_t row, const char* what) {
    return "第 " + std::to_string(row) + " 行" + what;
}

class CsvReader : public RowReader {
public:
    explicit CsvReader(const std::string& path) : file_(std::fopen(path.c_str(), "rb")) {
        if (!file_) throw TabularError("无法打开文件：" + path);
        buffer_.resize(kBufferSize);
        fill();
        detect();
    }

    bool next(Row& out) override {
        out.cells.clear();
        if (!read_record(out.cells)) return false;
        out.number = ++row_;
        decode(out);
        return true;
    }

private:
    // Reads more bytes into the buffer; false at the end of the file.
    bool fill() {
        if (eof_) return false;
        end_ = std::fread(buffer_.data(), 1, buffer_.size(), file_.get());
        pos_ = 0;
        if (end_ == 0) {
            if (std::ferror(file_.get())) throw TabularError("读取文件失败");
            eof_ = true;
            return false;
        }
        return true;
    }

    // Encoding and delimiter from the first buffer (up to 64 KiB).
    void detect() {
        std::string_view sample(buffer_.data(), end_);
        if (sample.starts_with("\xEF\xBB\xBF")) {
            pos_ = 3;
            sample.remove_prefix(3);
        } else if (sample.starts_with("\xFF\xFE") || sample.starts_with("\xFE\xFF")) {
            throw TabularError("不支持 UTF-16 编码的文本文件，请另存为 CSV（UTF-8 或 GBK）");
        } else if (!detail::is_valid_utf8(sample, end_ == buffer_.size())) {
            gb18030_ = true;
        }
        size_t counts[3] = {0, 0, 0};
        const char candidates[3] = {',', '\t', ';'};
        bool quoted = false;
        for (char c : sample) {
            if (c == '"') quoted = !quoted;
            if (quoted) continue;
            if (c == '\n' || c == '\r') break;
            for (size_t k = 0; k < 3; ++k) counts[k] += c == candidates[k] ? 1 : 0;
        }
        size_t best = 0;
        for (size_t k = 1; k < 3; ++k) {
            if (counts[k] > counts[best]) best = k;
        }
        delimiter_ = candidates[best];
    }

    // Splits the next record into raw cells; false when the file has no more records.
    bool read_record(std::vector<std::string>& cells) {
        enum class State { FieldStart, Unquoted, Quoted, QuoteInQuoted };
        State state = State::FieldStart;
        bool any = false;  // the record has at least one field (a blank line has none)
        size_t bytes = 0;
        std::string field;
        while (true) {
            if (pos_ == end_ && !fill()) break;
            const char c = buffer_[pos_++];
            if (skip_lf_) {
                skip_lf_ = false;
                if (c == '\n') continue;
            }
            if (++bytes > kMaxRecordBytes) {
                throw TabularError(row_message(row_ + 1, "过长，可能是引号不匹配"));
            }
            if (state == State::Quoted) {
                if (c == '"') {
                    state = State::QuoteInQuoted;
                } else {
                    field.push_back(c);
                }
                continue;
            }
            if (state == State::QuoteInQuoted && c == '"') {
                field.push_back('"');
                state = State::Quoted;
                continue;
            }
            if (c == delimiter_) {
                cells.push_back(std::move(field));
                field.clear();
                any = true;
                state = State::FieldStart;
            } else if (c == '\n' || c == '\r') {
                skip_lf_ = c == '\r';
                if (any || state != State::FieldStart) cells.push_back(std::move(field));
                return true;
            } else if (c == '"' && state == State::FieldStart) {
                state = State::Quoted;
            } else {
                // Text after a closing quote or a stray quote in an unquoted field is kept as is.
                field.push_back(c);
                state = State::Unquoted;
            }
        }
        if (state == State::Quoted) throw TabularError(row_message(row_ + 1, "引号不匹配"));
        if (bytes == 0) return false;
        if (any || state != State::FieldStart) cells.push_back(std::move(field));
        return true;
    }

    void decode(Row& row) {
        bool gb = gb18030_;
        if (!gb) {
            for (const auto& cell : row.cells) {
                if (!detail::is_valid_utf8(cell)) {
                    gb = true;
                    break;
                }
            }
        }
        if (!gb) return;
        if (!decoder_) decoder_ = std::make_unique<detail::Gb18030Decoder>();
        std::string utf8;
        for (auto& cell : row.cells) {
            bool ascii = true;
            for (char c : cell) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
            if (ascii) continue;
            if (!decoder_->decode(cell, utf8)) {
                throw TabularError(
                    row_message(row.number, "的文字编码无法识别（应为 UTF-8 或 GBK）"));
            }
            cell.swap(utf8);
        }
    }

    std::unique_ptr<std::FILE, FileCloser> file_;
    std::vector<char> buffer_;
    size_t pos_ = 0;
    size_t end_ = 0;
    bool eof_ = false;
    bool skip_lf_ = false;
    bool gb18030_ = false;
    char delimiter_ = ',';
    size_t row_ = 0;
    std::unique_ptr<detail::Gb18030Decoder> decoder_;
};

}  // namespace

std::unique_ptr<RowReader> open_csv(const std::string& path) {
    return std::make_unique<CsvReader>(path);
}

}  // namespace gh::tabular
