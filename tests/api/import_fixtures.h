// What the roster import tests share (import_test, member_exchange_test, employer_import_test):
// a scratch folder for the files, text as Excel on Chinese Windows saves it (GB18030), full-width
// digits, the CLI's JSON counts, a raw upload as the console sends it, and an .xlsx answer read
// back (its rows, or one entry of the zip).
#pragma once

#include <iconv.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/tabular/tabular.h"
#include "staff_session.h"
#include "test_env.h"

namespace gh::test::roster {

inline std::string to_gb18030(const std::string& utf8) {
    iconv_t cd = iconv_open("GB18030", "UTF-8");
    if (cd == reinterpret_cast<iconv_t>(-1)) throw std::runtime_error("iconv_open");
    std::string out(utf8.size() * 4 + 16, '\0');
    char* in = const_cast<char*>(utf8.data());
    size_t in_left = utf8.size();
    char* to = out.data();
    size_t out_left = out.size();
    const size_t rc = iconv(cd, &in, &in_left, &to, &out_left);
    iconv_close(cd);
    if (rc == static_cast<size_t>(-1)) throw std::runtime_error("iconv");
    out.resize(out.size() - out_left);
    return out;
}

// "６１０４８２…": the same digits, full width.
inline std::string full_width(const std::string& ascii) {
    std::string out;
    for (char ch : ascii) {
        if (ch >= '0' && ch <= '9') {
            const unsigned cp = 0xFF10 + static_cast<unsigned>(ch - '0');
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += ch;
        }
    }
    return out;
}

// A fresh folder under the system's temporary one, named after prefix and this process.
inline std::filesystem::path scratch_dir(const std::string& prefix) {
    auto dir = std::filesystem::temp_directory_path() / (prefix + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    return dir;
}

inline std::string write_file(const std::filesystem::path& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
    return path.string();
}

// The JSON object `gonghui import … --json` prints last.
inline nlohmann::json cli_counts(const RunResult& r) {
    const auto at = r.output.rfind("{\"");
    if (at == std::string::npos) {
        ADD_FAILURE() << r.output;
        return nlohmann::json::object();
    }
    return nlohmann::json::parse(r.output.substr(at, r.output.find('}', at) - at + 1));
}

// POST target (path and query) with the file's bytes as the raw body.
inline HttpResponse upload(StaffSession& s, const std::string& target, const std::string& bytes) {
    return s.client().request("POST", target, bytes,
                              {{"Cookie", s.cookie()},
                               {"X-CSRF-Token", s.csrf()},
                               {"Content-Type", "application/octet-stream"}});
}

// Every row of the .xlsx at path (first sheet).
inline std::vector<std::vector<std::string>> xlsx_rows(const std::string& path) {
    auto reader = gh::tabular::open_xlsx(path);
    gh::tabular::Row row;
    std::vector<std::vector<std::string>> out;
    while (reader->next(row)) out.push_back(row.cells);
    return out;
}

// One entry of the .xlsx at path, through python3's zipfile.
inline std::string zip_entry(const std::string& path, const std::string& entry) {
    const std::string cmd =
        "python3 -c \"import sys,zipfile;sys.stdout.write(zipfile.ZipFile("
        "sys.argv[1]).read(sys.argv[2]).decode())\" " +
        path + " " + entry;
    std::string out;
    if (FILE* f = popen(cmd.c_str(), "r")) {
        char buf[4096];
        size_t n;
        while ((n = fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
        pclose(f);
    }
    return out;
}

}  // namespace gh::test::roster
