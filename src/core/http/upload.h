// What the roster import routes share (POST /api/v1/members/import, /api/v1/employers/import):
// the raw file as the body, ?mode=, a roster that cannot be read, the refused rows as JSON and
// files to download. Each domain names its own error codes and messages in an UploadRules.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "core/error.h"
#include "core/http/message.h"
#include "core/tabular/import_mode.h"
#include "core/tabular/tabular.h"

namespace gh::http {

struct UploadRules {
    std::size_t max_bytes = 5 * 1024 * 1024;
    ApiError missing;                // the body is empty
    ApiError too_large;              // the body is longer than max_bytes
    ApiError bad_mode;               // ?mode= is neither all-or-nothing nor good-rows
    std::string unreadable_code;     // 422 with this code on "file": not a readable roster
    std::string too_many_rows_code;  // 413 with this code on "file": more rows than allowed
};

// How much an uploaded roster may hold, and how much of its refusals are answered and kept
// (Config's [import] section; docs/SECURITY.md).
struct ImportLimits {
    // Data rows per upload ([import] max_rows): the reader stops at the first row past it.
    std::size_t max_rows = 50000;
    // Refused rows in the kept .xlsx report ([import] report_rows); then one row saying how
    // many more were left out.
    std::size_t report_rows = 10000;
    // Refused rows in the answer's "rejected" (and the members' "rejected_rows"); the rest are
    // counted in "rejected_count" (and listed in the report). Fixed: the console's correction
    // table is built for it.
    static constexpr std::size_t kShownRows = 1000;
};

// ?mode=, all-or-nothing when absent; rules.bad_mode for anything else.
tabular::ImportMode import_mode(const Request& req, const UploadRules& rules);

// rules.missing for an empty body, rules.too_large beyond rules.max_bytes.
void check_upload(const Request& req, const UploadRules& rules);

// 422 rules.unreadable_code on "file": a reader's error (its Chinese message), or a roster
// without its header row (the reader's own message).
ApiError unreadable(const UploadRules& rules, const tabular::TabularError& e);
ApiError unreadable(const UploadRules& rules, const std::runtime_error& e);

// 413 rules.too_many_rows_code on "file", with {"limit": e.limit()}.
ApiError too_many_rows(const UploadRules& rules, const tabular::TooManyRows& e);

// A reader's error as the answer: too_many_rows for TooManyRows, else unreadable.
ApiError reading_error(const UploadRules& rules, const tabular::TabularError& e);

// Runs read() (opening or reading the uploaded roster), its failures answered as unreadable
// (more rows than allowed as too_many_rows).
template <class Read>
auto reading_upload(const UploadRules& rules, Read&& read) -> decltype(read()) {
    try {
        return std::forward<Read>(read)();
    } catch (const ApiError&) {
        throw;
    } catch (const tabular::TooManyRows& e) {
        throw too_many_rows(rules, e);
    } catch (const tabular::TabularError& e) {
        throw unreadable(rules, e);
    } catch (const std::runtime_error& e) {  // no header row
        throw unreadable(rules, e);
    }
}

// [{"row","column","field","reason"[,"code"]}] of the first ImportLimits::kShownRows refused
// rows (sorted by row); column_of names a field's column; "code" when the refusal has one.
template <class Problems, class ColumnOf>
nlohmann::json rejected_json(const Problems& rejected, ColumnOf&& column_of) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& row : rejected) {
        if (out.size() >= ImportLimits::kShownRows) break;
        nlohmann::json item = {{"row", row.row},
                               {"column", column_of(row.field)},
                               {"field", row.field},
                               {"reason", row.message}};
        if (!row.code.empty()) item["code"] = row.code;
        out.push_back(std::move(item));
    }
    return out;
}

// A file to download as file_name (an .xlsx: xlsx::content_type()).
Response attachment(std::string bytes, std::string content_type, const std::string& file_name);

}  // namespace gh::http
