// Finding ID numbers and mobile phone numbers written out in clear inside any text or bytes: the
// audit log masks them before a row is stored (a value typed into the wrong field, a username
// that is a phone number), and the tests scan every database, its WAL and the server log for them.
//
// A candidate is a maximal run of ASCII digits (an ID number may end in X or x):
// - an ID number: 17 digits and its GB 11643 check character, with a plausible birth date
//   (year 1900–2099, month 01–12, day 01–31);
// - a phone: 11 digits 1[3-9]…, optionally after 86 (13 digits in the run).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gh::cn {

struct ClearNumber {
    enum Kind { id_number, phone } kind;
    size_t offset = 0;  // byte offset of the number in the scanned text
    std::string value;  // the number as found (without a leading 86)
};

// Every clear number in `bytes`. With `hex_boundaries`, a run next to a letter a-f/A-F is not
// taken: in dumps, hashes and hex-encoded blobs are hex text, and a run of digits inside one is
// not a number anybody typed.
std::vector<ClearNumber> find_clear_numbers(std::string_view bytes, bool hex_boundaries = false);

// `text` with every clear number replaced by its mask (610424********7017, 139****0720).
std::string mask_clear_numbers(std::string_view text);

}  // namespace gh::cn
