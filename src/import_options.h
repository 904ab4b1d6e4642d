// What `gonghui import members` and `gonghui import employers` share: their options (FILE,
// --org, --mode, --report, --json), the mode, the org the rows go into, the operator, and the end
// of a run: the rejected rows on stderr, the summary on a terminal, the JSON counts last and the
// exit code (0 every row went in or was already there, 3 rows were rejected, 1 failure, 2 usage).
#pragma once

#include <cstdint>
#include <exception>
#include <optional>
#include <string>
#include <string_view>

#include "app.h"
#include "core/auth/principal.h"
#include "core/tabular/import_mode.h"
#include "domains/orgs/orgs.h"

namespace CLI {
class App;
}

namespace gh {

struct CliServices;

namespace import_cli {

inline constexpr int kOk = 0, kFailure = 1, kUsage = 2, kRejected = 3;

// FILE, --org (org_help describes it), --mode, --report (when with_report), --max-rows and --json.
void add_options(CLI::App& cmd, ImportOptions& opt, const std::string& org_help, bool with_report);

// --mode; nullopt once the usage error is printed (exit kUsage).
std::optional<tabular::ImportMode> parse_mode(const ImportOptions& opt);

// Prints that FILE cannot be read as a roster (e.what() says why; for tabular::TooManyRows also
// that --max-rows sets the limit); answers kFailure.
int unreadable(const ImportOptions& opt, const std::exception& e);

// ORG, an org id or a division code (its federation created on first use); with holding_pool a
// federation gives way to its holding pool (会员周转库, created on first use). nullopt once
// "no such org" is printed (exit kFailure).
std::optional<orgs::Org> import_org(CliServices& s, const std::string& org, bool holding_pool);

// The operator, acting over the whole tree.
auth::Principal operator_principal();

// One rejected row on stderr.
void print_rejected(size_t row, const std::string& column, const std::string& message);

// The summary on a terminal (already names the rows that were there before: 已在册, 已登记),
// the JSON counts with --json; answers kOk or kRejected.
int summarize(const ImportOptions& opt, int64_t imported, size_t rejected, int64_t duplicates,
              std::string_view already);

// The end of a run: every rejected row (column_of names a field's column), then summarize.
template <class Result, class ColumnOf>
int finish(const ImportOptions& opt, const Result& result, ColumnOf&& column_of,
           std::string_view already) {
    for (const auto& r : result.rejected) print_rejected(r.row, column_of(r.field), r.message);
    return summarize(opt, result.imported, result.rejected.size(), result.duplicates, already);
}

}  // namespace import_cli
}  // namespace gh
