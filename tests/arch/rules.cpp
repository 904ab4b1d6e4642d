#include "rules.h"

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>

namespace gh::arch {

namespace fs = std::filesystem;

namespace {

std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

bool is_source(const fs::path& p) {
    const auto ext = p.extension().string();
    return ext == ".cpp" || ext == ".h";
}

std::vector<fs::path> sources_under(const fs::path& dir) {
    std::vector<fs::path> out;
    if (!fs::exists(dir)) return out;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
        if (e.is_regular_file() && is_source(e.path())) out.push_back(e.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::set<std::string> tables_in_sql(const fs::path& dir) {
    std::set<std::string> out;
    if (!fs::exists(dir)) return out;
    static const std::regex create(
        R"(CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?([a-z_][a-z0-9_]*))", std::regex::icase);
    for (const auto& e : fs::directory_iterator(dir)) {
        if (e.path().extension() != ".sql") continue;
        const std::string sql = read(e.path());
        for (std::sregex_iterator it(sql.begin(), sql.end(), create), end; it != end; ++it) {
            out.insert((*it)[1]);
        }
    }
    return out;
}

// Lines of a file with the number of each, for reporting.
template <class Fn>
void each_line(const fs::path& file, Fn&& fn) {
    std::istringstream in(read(file));
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) fn(n, line);
}

}  // namespace

std::map<std::string, std::set<std::string>> owned_tables(const fs::path& src) {
    std::map<std::string, std::set<std::string>> out;
    out["core"] = tables_in_sql(src / "core" / "audit" / "migrations");
    out["core"].insert("schema_migrations");
    if (fs::exists(src / "domains")) {
        for (const auto& d : fs::directory_iterator(src / "domains")) {
            if (!d.is_directory()) continue;
            out[d.path().filename().string()] = tables_in_sql(d.path() / "migrations");
        }
    }
    return out;
}

std::vector<Violation> check_tree(const fs::path& src) {
    std::vector<Violation> out;
    const auto owners = owned_tables(src);
    std::map<std::string, std::string> owner_of;
    for (const auto& [domain, tables] : owners) {
        for (const auto& t : tables) owner_of[t] = domain;
    }
    static const std::regex sql(R"(\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\s+([a-z_][a-z0-9_]*))");
    static const std::regex include(R"re(^\s*#\s*include\s+"([^"]+)")re");
    auto rel = [&](const fs::path& p) { return fs::relative(p, src).generic_string(); };

    if (fs::exists(src / "domains")) {
        for (const auto& d : fs::directory_iterator(src / "domains")) {
            if (!d.is_directory()) continue;
            const std::string domain = d.path().filename().string();
            for (const auto& file : sources_under(d.path())) {
                each_line(file, [&](int n, const std::string& line) {
                    for (std::sregex_iterator it(line.begin(), line.end(), sql), end; it != end;
                         ++it) {
                        auto owner = owner_of.find((*it)[1]);
                        if (owner != owner_of.end() && owner->second != domain) {
                            out.push_back(
                                {"foreign-table", rel(file), n,
                                 "table " + owner->first + " belongs to " + owner->second});
                        }
                    }
                    std::smatch m;
                    if (!std::regex_search(line, m, include)) return;
                    const std::string inc = m[1];
                    if (inc.rfind("domains/", 0) != 0) return;
                    const auto slash = inc.find('/', 8);
                    if (slash == std::string::npos) return;
                    const std::string other = inc.substr(8, slash - 8);
                    if (other != domain && inc != "domains/" + other + "/" + other + ".h") {
                        out.push_back(
                            {"internal-header", rel(file), n,
                             inc + ": only domains/" + other + "/" + other + ".h is public"});
                    }
                });
            }
        }
    }
    for (const auto& file : sources_under(src / "core")) {
        const bool in_auth = rel(file).rfind("core/auth/", 0) == 0;
        each_line(file, [&](int n, const std::string& line) {
            std::smatch m;
            if (!std::regex_search(line, m, include)) return;
            const std::string inc = m[1];
            if (inc.rfind("domains/", 0) == 0) {
                out.push_back({"core-includes-domain", rel(file), n, inc});
            }
            if (in_auth && inc.rfind("core/http/", 0) == 0) {
                out.push_back({"auth-includes-http", rel(file), n, inc});
            }
        });
    }
    return out;
}

std::set<std::string> error_codes_in(const fs::path& dir) {
    std::set<std::string> out;
    static const std::regex code(
        R"re((?:ApiError\s*\(\s*[^,()"]+,|too_many\s*\(|Problem\s*\{)\s*"([a-z_]+\.[a-z_.]+)")re");
    for (const auto& file : sources_under(dir)) {
        const std::string text = read(file);
        for (std::sregex_iterator it(text.begin(), text.end(), code), end; it != end; ++it) {
            out.insert((*it)[1]);
        }
    }
    return out;
}

}  // namespace gh::arch
