// Text clean-up shared by the cn validators. Data typed on Chinese keyboards or pasted from Excel
// arrives with full-width digits, ideographic spaces and invisible marks; each validator first
// folds them to plain ASCII so that its own rules only have to talk about ASCII.
#pragma once

#include <string>
#include <string_view>

namespace gh::cn {

struct Folded {
    std::string text;
    bool had_fullwidth = false;  // some U+FF01..U+FF5E or U+FFE5 character was converted
};

// Maps the full-width forms U+FF01..U+FF5E to ASCII 0x21..0x7E and U+FFE5 (full-width yen) to
// U+00A5; maps U+3000 (ideographic space) and U+00A0 (no-break space) to ' '; drops U+FEFF (a BOM
// that Excel leaves in the first CSV cell) and U+200B (zero-width space). Everything else, valid
// UTF-8 or not, is copied unchanged, then leading and trailing ASCII whitespace is trimmed.
Folded fold_to_ascii(std::string_view raw);

// True for '0'..'9' only (std::isdigit depends on the locale and takes int).
constexpr bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

// True when s is non-empty and every byte is an ASCII digit.
bool all_digits(std::string_view s);

}  // namespace gh::cn
