// The layout rules of docs/ARCHITECTURE.md as code: a checker over a source tree, so the
// architecture test can run it on src/ (no violation allowed) and on small trees built to
// break each rule (each must be caught).
#pragma once

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace gh::arch {

struct Violation {
    std::string rule;  // "foreign-table", "internal-header", "core-includes-domain", …
    std::string file;  // relative to the tree's root
    int line = 0;
    std::string detail;
};

// The tables each domain's migrations create: domain → tables ("core" holds core/'s own).
std::map<std::string, std::set<std::string>> owned_tables(const std::filesystem::path& src);

// Every violation under `src` (a tree shaped like src/: core/, domains/<name>/):
//   foreign-table         a domain's source names another domain's (or core's) table in SQL
//   internal-header       a domain includes another domain's header other than <domain>.h
//   core-includes-domain  a file under core/ includes domains/
//   auth-includes-http    a file under core/auth/ includes core/http/
std::vector<Violation> check_tree(const std::filesystem::path& src);

// The error codes a source file answers literally: ApiError(status, "code", …),
// ApiError::too_many("code", …), Problem{"code", …}.
std::set<std::string> error_codes_in(const std::filesystem::path& dir);

}  // namespace gh::arch
