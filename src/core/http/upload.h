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
    ApiError missing;             // the body is empty
    ApiError too_large;           // the body is longer than max_bytes
    ApiError bad_mode;            // ?mode= is neither all-or-nothing nor good-rows
    std::string unreadable_code;  // 422 with this code on "file": not a readable roster
};

// ?mode=, all-or-nothing when absent; rules.bad_mode for anything else.
tabular::ImportMode import_mode(const Request& req, const UploadRules& rules);

// rules.missing for an empty body, rules.too_large beyond rules.max_bytes.
void check_upload(const Request& req, const UploadRules& rules);

// 422 rules.unreadable_code on "file": a reader's error (its Chinese message), or a roster
// without its header row (the reader's own message).
ApiError unreadable(const UploadRules& rules, const tabular::TabularError& e);
ApiError unreadable(const UploadRules& rules, const std::runtime_error& e);

// Runs read() (opening or reading the uploaded roster), its failures answered as unreadable.
template <class Read>
auto reading_upload(const UploadRules& rules, Read&& read) -> decltype(read()) {
    try {
        return std::forward<Read>(read)();
    } catch (const ApiError&) {
        throw;
    } catch (const tabular::TabularError& e) {
        throw unreadable(rules, e);
    } catch (const std::runtime_error& e) {  // no header row
        throw unreadable(rules, e);
    }
}

// [{"row","column","field","reason"}] of the refused rows; column_of names a field's column.
template <class Problems, class ColumnOf>
nlohmann::json rejected_json(const Problems& rejected, ColumnOf&& column_of) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& row : rejected) {
        out.push_back({{"row", row.row},
                       {"column", column_of(row.field)},
                       {"field", row.field},
                       {"reason", row.message}});
    }
    return out;
}

// A file to download as file_name (an .xlsx: xlsx::content_type()).
Response attachment(std::string bytes, std::string content_type, const std::string& file_name);

}  // namespace gh::http
