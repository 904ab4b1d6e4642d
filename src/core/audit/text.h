// Internal text helpers of gh_audit: UTF-8 decoding shared by storage and log sanitising.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace gh::audit::text {

// One UTF-8 sequence at s[pos]: its code point and length, or cp = -1 and len = 1 when the byte
// there does not start a valid, shortest-form sequence (surrogates and > U+10FFFF are invalid).
struct Decoded {
    long cp;
    size_t len;
};
Decoded decode_utf8(std::string_view s, size_t pos);

// s with every invalid UTF-8 byte and every NUL replaced by U+FFFD.
std::string valid_utf8(std::string_view s);

}  // namespace gh::audit::text
