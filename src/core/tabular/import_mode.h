// How a roster import treats refused rows, shared by the member and employer imports, their CLI
// commands (--mode) and their HTTP routes (?mode=).
#pragma once

#include <optional>
#include <string_view>

namespace gh::tabular {

// all_or_nothing: one rejected row and nothing is written. good_rows: the valid rows go in.
enum class ImportMode { all_or_nothing, good_rows };

// "all-or-nothing" or "good-rows"; nullopt for anything else.
inline std::optional<ImportMode> parse_import_mode(std::string_view text) {
    if (text == "all-or-nothing") return ImportMode::all_or_nothing;
    if (text == "good-rows") return ImportMode::good_rows;
    return std::nullopt;
}

}  // namespace gh::tabular
