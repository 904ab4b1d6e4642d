#include "core/cn/normalize.h"

#include <algorithm>

namespace gh::cn {

namespace {

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

unsigned char byte(std::string_view s, std::size_t i) { return static_cast<unsigned char>(s[i]); }

}  // namespace

Folded fold_to_ascii(std::string_view raw) {
    Folded out;
    out.text.reserve(raw.size());
    std::size_t i = 0;
    while (i < raw.size()) {
        const unsigned char b0 = byte(raw, i);
        if (b0 == 0xC2 && i + 1 < raw.size() && byte(raw, i + 1) == 0xA0) {  // U+00A0
            out.text += ' ';
            i += 2;
            continue;
        }
        if ((b0 == 0xE2 || b0 == 0xE3 || b0 == 0xEF) && i + 2 < raw.size()) {
            const unsigned char b1 = byte(raw, i + 1);
            const unsigned char b2 = byte(raw, i + 2);
            // Decode the three-byte sequence; continuation bytes are checked so that a malformed
            // sequence is copied through untouched (and later rejected by the caller's rules).
            if ((b1 & 0xC0) == 0x80 && (b2 & 0xC0) == 0x80) {
                const unsigned cp = ((b0 & 0x0Fu) << 12) | ((b1 & 0x3Fu) << 6) | (b2 & 0x3Fu);
                if (cp >= 0xFF01 && cp <= 0xFF5E) {
                    out.text += static_cast<char>(cp - 0xFF01 + 0x21);
                    out.had_fullwidth = true;
                    i += 3;
                    continue;
                }
                if (cp == 0xFFE5) {  // ￥ -> ¥, so money parsing knows one yen sign only
                    out.text += "\xC2\xA5";
                    out.had_fullwidth = true;
                    i += 3;
                    continue;
                }
                if (cp == 0x3000) {
                    out.text += ' ';
                    i += 3;
                    continue;
                }
                if (cp == 0xFEFF || cp == 0x200B) {
                    i += 3;
                    continue;
                }
            }
        }
        out.text += static_cast<char>(b0);
        ++i;
    }
    const auto first = std::find_if_not(out.text.begin(), out.text.end(), is_space);
    const auto last = std::find_if_not(out.text.rbegin(), out.text.rend(), is_space).base();
    out.text = (first < last) ? std::string(first, last) : std::string();
    return out;
}

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), is_ascii_digit);
}

}  // namespace gh::cn
