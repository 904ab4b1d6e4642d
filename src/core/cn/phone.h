// Mainland China mobile numbers. People write them with a country prefix, spaces, dashes and
// full-width digits; storage and SMS gateways want the bare 11 digits.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace gh::cn {

// Accepts "13812345678", "+86 138 1234 5678", "86-138-1234-5678", "0086 13812345678",
// "(+86) 138-1234-5678" and full-width forms of these. The result is the 11 digits, which must
// match 1[3-9]xxxxxxxxx. Problem code: phone.format.
Result<std::string> parse_phone(std::string_view raw, std::string_view field = "phone");

// "138****5678". Input that is not a valid mobile number is masked entirely (same length), so a
// mistyped number is never shown in full either.
std::string mask_phone(std::string_view raw);

}  // namespace gh::cn
