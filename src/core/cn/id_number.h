// Citizen identity numbers (GB 11643-1999, 18 characters). Parsing is forgiving about how the
// number was typed (full-width digits, lowercase x, surrounding spaces) and strict about what it
// says (province, birth date, check digit), and it names the usual Excel accidents precisely so an
// importer can tell people how to fix their spreadsheet.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace gh::cn {

struct IdNumber {
    std::string value;  // normalized: 17 ASCII digits then a digit or 'X'
    std::chrono::year_month_day birth_date;
    char gender = 'M';        // 'M' or 'F', from the parity of the 17th digit
    std::string region_code;  // first 6 digits, as issued (may no longer exist in GB/T 2260)
    bool had_fullwidth = false;
};

// Today's date in China (UTC+8, no daylight saving since 1991), independent of the server's zone.
std::chrono::year_month_day today_in_china();

// Problem codes: id_number.format, id_number.excel_scientific, id_number.legacy_15,
// id_number.region, id_number.birth_date, id_number.checksum. `today` bounds the birth date
// (defaults to today_in_china()).
Result<IdNumber> parse_id_number(std::string_view raw, std::string_view field = "id_number",
                                 std::optional<std::chrono::year_month_day> today = std::nullopt);

// "610424********123X": first 6 and last 4 kept. The input is folded like parse_id_number does;
// anything shorter than 11 characters is masked entirely so a typo never leaks a whole number.
std::string mask_id_number(std::string_view id);

// ISO 7064 MOD 11-2 check character ('0'..'9' or 'X') for 17 ASCII digits.
// Throws std::invalid_argument otherwise.
char id_number_check_char(std::string_view first17);

// first17 + its check character; for generating fictitious demo and test numbers.
std::string make_id_number(std::string_view first17);

}  // namespace gh::cn
