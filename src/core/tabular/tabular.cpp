#include "core/tabular/tabular.h"

#include <cstdio>
#include <cstring>

namespace gh::tabular {

RowReader::~RowReader() = default;

std::unique_ptr<RowReader> open_any(const std::string& path) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) throw TabularError("无法打开文件：" + path);
    char magic[4] = {0, 0, 0, 0};
    const size_t n = std::fread(magic, 1, sizeof magic, f);
    std::fclose(f);
    if (n == 4 && std::memcmp(magic, "PK\x03\x04", 4) == 0) return open_xlsx(path);
    if (n == 4 && std::memcmp(magic, "\xD0\xCF\x11\xE0", 4) == 0) {
        throw TabularError("不支持旧版 Excel（.xls）文件，请另存为 .xlsx 或 CSV");
    }
    return open_csv(path);
}

}  // namespace gh::tabular
