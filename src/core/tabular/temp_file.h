// Uploaded bytes in a private temporary file (owner read/write only) for the row readers, which
// read from a path; removed when the object goes away.
#pragma once

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "core/auth/token.h"

namespace gh::tabular {

class TempFile {
public:
    explicit TempFile(const std::string& bytes)
        : path_(std::filesystem::temp_directory_path() /
                ("gonghui-upload-" + auth::random_token())) {
        std::ofstream out(path_, std::ios::binary | std::ios::trunc);
        std::filesystem::permissions(
            path_, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (!out.flush()) throw std::runtime_error("cannot write a temporary file");
    }
    ~TempFile() {
        std::error_code ec;
        std::filesystem::remove(path_, ec);
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    std::string path() const { return path_.string(); }

private:
    std::filesystem::path path_;
};

}  // namespace gh::tabular
