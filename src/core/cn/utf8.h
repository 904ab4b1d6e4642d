// Decoding UTF-8 one sequence at a time: shared by the text rules (core/cn/text_rules.h) and the
// audit log's UTF-8 repair and log sanitising (core/audit/text.h).
#pragma once

#include <cstddef>
#include <string_view>

namespace gh::cn {

// One UTF-8 sequence at s[pos]: its code point and length, or cp = -1 and len = 1 when the byte
// there does not start a valid, shortest-form sequence (surrogates and > U+10FFFF are invalid).
struct Utf8Sequence {
    long cp;
    size_t len;
};
Utf8Sequence decode_utf8(std::string_view s, size_t pos);

}  // namespace gh::cn
