// Test helper: a file under the temporary directory, removed when the test ends.
#pragma once

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>

#include <vector>

#include "core/tabular/tabular.h"

namespace gh::tabular::test {

// Every row a reader gives, in order.
inline std::vector<Row> read_all(RowReader& reader) {
    std::vector<Row> rows;
    Row row;
    while (reader.next(row)) rows.push_back(row);
    return rows;
}

class TempFile {
public:
    explicit TempFile(const std::string& suffix) {
        static std::atomic<int> counter{0};
        path_ =
            (std::filesystem::temp_directory_path() / ("gh_tabular_" + std::to_string(::getpid()) +
                                                       "_" + std::to_string(counter++) + suffix))
                .string();
    }
    TempFile(const std::string& suffix, const std::string& bytes) : TempFile(suffix) {
        write(bytes);
    }
    ~TempFile() {
        std::error_code ec;
        std::filesystem::remove(path_, ec);
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;

    void write(const std::string& bytes) const {
        std::ofstream out(path_, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    }
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

}  // namespace gh::tabular::test
