#include "core/pii/mask.h"

#include "core/cn/id_number.h"
#include "core/cn/phone.h"

namespace gh::pii {

std::string mask_id_number(std::string_view id) { return gh::cn::mask_id_number(id); }

std::string mask_phone(std::string_view phone) { return gh::cn::mask_phone(phone); }

namespace {

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Length of the well-formed UTF-8 sequence starting at s[i], or 0 when it is not one
// (overlong forms, surrogates and values above U+10FFFF included).
std::size_t sequence_length(std::string_view s, std::size_t i) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = 0;
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF)
        n = 2;
    else if (c >= 0xE0 && c <= 0xEF)
        n = 3;
    else if (c >= 0xF0 && c <= 0xF4)
        n = 4;
    else
        return 0;
    if (i + n > s.size()) return 0;
    for (std::size_t k = 1; k < n; ++k) {
        if (!is_continuation(static_cast<unsigned char>(s[i + k]))) return 0;
    }
    const auto c1 = static_cast<unsigned char>(s[i + 1]);
    if (c == 0xE0 && c1 < 0xA0) return 0;   // overlong
    if (c == 0xED && c1 >= 0xA0) return 0;  // UTF-16 surrogate
    if (c == 0xF0 && c1 < 0x90) return 0;   // overlong
    if (c == 0xF4 && c1 >= 0x90) return 0;  // above U+10FFFF
    return n;
}

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

}  // namespace

std::string mask_name(std::string_view utf8) {
    while (!utf8.empty() && is_space(utf8.front())) utf8.remove_prefix(1);
    while (!utf8.empty() && is_space(utf8.back())) utf8.remove_suffix(1);
    std::string out;
    bool first = true;
    for (std::size_t i = 0; i < utf8.size();) {
        const std::size_t n = sequence_length(utf8, i);
        const bool keep = first && n != 0 && i + n < utf8.size();
        if (keep)
            out.append(utf8.substr(i, n));
        else
            out.push_back('*');
        i += n == 0 ? 1 : n;
        first = false;
    }
    return out;
}

}  // namespace gh::pii
