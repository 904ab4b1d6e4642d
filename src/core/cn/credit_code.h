// Unified social credit codes (GB 32100-2015): 18 characters from a 31-character alphabet
// (digits and capitals without I, O, Z, S, V, which are too easily misread), the last one a
// MOD 31 check character. A trade union's code starts with "81" (registration authority 8 =
// trade unions, organization type 1 = the union itself).
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace gh::cn {

struct CreditCode {
    std::string value;                // normalized: 18 upper-case ASCII characters
    char registration_authority = 0;  // 1st character, e.g. '9' market regulator, '8' unions
    char org_type = 0;                // 2nd character, meaning depends on the authority
    std::string region_code;          // characters 3-8: where it was registered (GB/T 2260)
    bool had_fullwidth = false;

    bool is_trade_union() const { return registration_authority == '8'; }
};

// Problem codes: credit_code.format, credit_code.checksum. Full-width characters and lower case
// are accepted and normalized.
Result<CreditCode> parse_credit_code(std::string_view raw, std::string_view field = "credit_code");

// The check character for 17 characters of the code alphabet (upper case).
// Throws std::invalid_argument otherwise.
char credit_code_check_char(std::string_view first17);

// first17 + its check character; for generating fictitious demo and test codes.
std::string make_credit_code(std::string_view first17);

}  // namespace gh::cn
