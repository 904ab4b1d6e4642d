#include "core/tabular/tabular.h"

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace gh::tabular {

RowReader::~RowReader() = default;

std::string grouped(size_t n) {
    std::string digits = std::to_string(n);
    std::string out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
        out.push_back(digits[i]);
    }
    return out;
}

TooManyRows::TooManyRows(size_t limit)
    : TabularError("名册超过 " + grouped(limit) + " 行（不含表头），请分批导入"), limit_(limit) {}

ReadLimits ReadLimits::for_rows(size_t rows) {
    ReadLimits l;
    if (rows == 0) return l;
    const uint64_t n = rows;
    l.max_sheet_bytes = std::min(l.max_sheet_bytes, std::max(uint64_t{64} << 20, n * 4096));
    l.max_shared_strings_bytes =
        std::min(l.max_shared_strings_bytes, std::max(uint64_t{16} << 20, n * 1024));
    l.max_shared_strings = static_cast<size_t>(
        std::min<uint64_t>(l.max_shared_strings, std::max<uint64_t>(100000, n * 20)));
    return l;
}

void RowLimit::read() {
    if (max_ != 0 && ++all_ > 2 * max_ + 1000) throw TooManyRows(max_);
}

void RowLimit::data() {
    if (max_ != 0 && ++data_ > max_) throw TooManyRows(max_);
}

std::unique_ptr<RowReader> open_any(const std::string& path, const ReadLimits& limits) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) throw TabularError("无法打开文件：" + path);
    char magic[4] = {0, 0, 0, 0};
    const size_t n = std::fread(magic, 1, sizeof magic, f);
    std::fclose(f);
    if (n == 4 && std::memcmp(magic, "PK\x03\x04", 4) == 0) return open_xlsx(path, 0, limits);
    if (n == 4 && std::memcmp(magic, "\xD0\xCF\x11\xE0", 4) == 0) {
        throw TabularError("不支持旧版 Excel（.xls）文件，请另存为 .xlsx 或 CSV");
    }
    return open_csv(path);
}

}  // namespace gh::tabular
