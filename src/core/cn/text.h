// Small text helpers every domain's validation needs: length in characters (UTF-8 code points,
// what a Chinese form's "不超过 500 字" counts) and trimming. One copy, here.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace gh::cn {

// Code points of valid UTF-8 (continuation bytes are not counted).
inline size_t utf8_length(std::string_view s) {
    size_t n = 0;
    for (unsigned char ch : s) n += (ch & 0xC0) != 0x80;
    return n;
}

// Without leading and trailing spaces and tabs (a one-line field as typed or pasted).
inline std::string trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return std::string(s);
}

// Also without leading and trailing line breaks (a multi-line text: a reason, a reply).
inline std::string trim_lines(std::string_view s) {
    auto blank = [](char ch) { return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n'; };
    while (!s.empty() && blank(s.front())) s.remove_prefix(1);
    while (!s.empty() && blank(s.back())) s.remove_suffix(1);
    return std::string(s);
}

}  // namespace gh::cn
