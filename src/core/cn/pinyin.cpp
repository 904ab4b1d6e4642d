// Name → pinyin through the generated table (see pinyin.h).
#include "core/cn/pinyin.h"

#include <algorithm>
#include <cstring>
#include <vector>

namespace gh::cn {

namespace {

// Decodes one UTF-8 character at s[i]; answers its code point and advances i. Invalid bytes
// decode as U+FFFD, one byte at a time.
std::uint32_t next_cp(std::string_view s, std::size_t& i) {
    const auto b = static_cast<unsigned char>(s[i]);
    std::size_t len = b < 0x80         ? 1
                      : (b >> 5) == 6  ? 2
                      : (b >> 4) == 14 ? 3
                      : (b >> 3) == 30 ? 4
                                       : 0;
    if (len == 0 || i + len > s.size()) {
        ++i;
        return 0xFFFD;
    }
    std::uint32_t cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
    for (std::size_t k = 1; k < len; ++k) {
        const auto c = static_cast<unsigned char>(s[i + k]);
        if ((c & 0xC0) != 0x80) {
            ++i;
            return 0xFFFD;
        }
        cp = (cp << 6) | (c & 0x3F);
    }
    i += len;
    return cp;
}

// The syllables of a name, in order (ASCII letters/digits as one-character "syllables").
std::vector<std::string_view> syllables(std::string_view s) {
    const auto& d = detail::pinyin_data();
    std::vector<std::string_view> out;
    std::size_t i = 0;
    // A leading compound surname, read as a whole.
    for (std::size_t k = 0; k < d.compound_count; ++k) {
        const std::string_view han = d.compounds[k].han;
        if (s.starts_with(han)) {
            out.emplace_back(d.syllables[d.compounds[k].first]);
            out.emplace_back(d.syllables[d.compounds[k].second]);
            i = han.size();
            break;
        }
    }
    bool first_han = out.empty();
    static const char* const kAscii[] = {
        "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "b", "c", "d", "e", "f", "g", "h",
        "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "w", "x", "y", "z"};
    while (i < s.size()) {
        const std::uint32_t cp = next_cp(s, i);
        if (cp >= '0' && cp <= '9') {
            out.emplace_back(kAscii[cp - '0']);
        } else if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) {
            out.emplace_back(kAscii[10 + ((cp | 0x20) - 'a')]);
        } else if (cp >= d.first && cp - d.first < d.reading_count) {
            std::uint16_t syl = d.readings[cp - d.first];
            if (first_han) {
                auto end = d.surnames + d.surname_count;
                auto it = std::lower_bound(
                    d.surnames, end, cp,
                    [](const detail::SurnameReading& r, std::uint32_t c) { return r.cp < c; });
                if (it != end && it->cp == cp) syl = it->syllable;
            }
            first_han = false;
            if (syl != 0) out.emplace_back(d.syllables[syl]);
        }
    }
    return out;
}

}  // namespace

std::string name_initials(std::string_view utf8) {
    std::string out;
    for (auto syl : syllables(utf8)) out += syl.front();
    return out;
}

std::string name_pinyin(std::string_view utf8) {
    std::string out;
    for (auto syl : syllables(utf8)) out += syl;
    return out;
}

bool looks_like_pinyin(std::string_view q) {
    return !q.empty() && std::all_of(q.begin(), q.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    });
}

}  // namespace gh::cn
