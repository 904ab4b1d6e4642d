#include "core/cn/text_rules.h"

#include <vector>

#include "core/cn/utf8.h"

namespace gh::cn {

namespace {

// A code point and the byte offset where it starts.
struct Char {
    char32_t cp;
    size_t at;
};

// Decodes UTF-8; false on a malformed sequence (overlong forms, surrogates, > U+10FFFF).
bool decode(std::string_view s, std::vector<Char>& out) {
    for (size_t i = 0; i < s.size();) {
        const auto d = decode_utf8(s, i);
        if (d.cp < 0) return false;
        out.push_back({static_cast<char32_t>(d.cp), i});
        i += d.len;
    }
    return true;
}

bool is_control(char32_t c, bool multiline) {
    if (c < 0x20) return !(multiline && (c == '\t' || c == '\n' || c == '\r'));
    if (c >= 0x7F && c <= 0x9F) return true;
    if (c >= 0x202A && c <= 0x202E) return true;
    if (c >= 0x2066 && c <= 0x2069) return true;
    return c == 0x2028 || c == 0x2029;
}

bool is_invisible(char32_t c) {
    return (c >= 0x200B && c <= 0x200F) || c == 0x2060 || c == 0xFEFF || c == 0x00AD;
}

bool is_space(char32_t c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x00A0 || c == 0x3000 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F;
}

bool is_han(char32_t c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x323AF) || c == 0x3007;
}

bool is_middle_dot(char32_t c) { return c == 0x00B7 || c == 0x2022 || c == 0x2027 || c == 0x30FB; }

bool is_latin_letter(char32_t c) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) return true;
    if (c >= 0x00C0 && c <= 0x024F) return c != 0x00D7 && c != 0x00F7;  // not × ÷
    return false;
}

bool is_latin_joiner(char32_t c) { return c == ' ' || c == '-' || c == '\'' || c == '.'; }

Problem control(std::string_view field) {
    return {"text.control", "不能包含控制字符、换行或改变文字方向的格式字符", std::string(field)};
}

}  // namespace

std::optional<Problem> text_problem(std::string_view s, std::string_view field, bool multiline) {
    std::vector<Char> chars;
    if (!decode(s, chars)) {
        return Problem{"text.encoding", "文本不是有效的 UTF-8", std::string(field)};
    }
    bool visible = false, hidden = false;
    for (const Char& ch : chars) {
        const char32_t c = ch.cp;
        if (is_control(c, multiline)) return control(field);
        if (is_invisible(c) || (c > 0x7F && is_space(c))) {
            hidden = true;
        } else if (!is_space(c)) {
            visible = true;
        }
    }
    if (hidden && !visible) {
        return Problem{"text.invisible", "内容不能只有空白或不可见字符", std::string(field)};
    }
    return std::nullopt;
}

Result<std::string> parse_person_name(std::string_view raw, std::string_view field) {
    if (auto p = text_problem(raw, field)) return *p;
    std::vector<Char> decoded;
    decode(raw, decoded);
    std::vector<char32_t> cps;
    for (const auto& ch : decoded) cps.push_back(ch.cp);
    size_t b = 0, e = cps.size();
    while (b < e && (is_space(cps[b]) || is_invisible(cps[b]))) ++b;
    while (e > b && (is_space(cps[e - 1]) || is_invisible(cps[e - 1]))) --e;
    const size_t n = e - b;
    if (n == 0 || n > 50) {
        return Problem{"name.length", "姓名不能为空且不超过 50 个字", std::string(field)};
    }
    const Problem chars{
        "name.chars",
        "姓名只能包含汉字、间隔号（·）或拉丁字母（少数民族姓名），不能含数字、符号、"
        "控制字符或不可见字符",
        std::string(field)};
    bool han = false, latin = false;
    for (size_t i = b; i < e; ++i) {
        const char32_t c = cps[i];
        if (is_han(c)) {
            han = true;
        } else if (is_latin_letter(c)) {
            latin = true;
        } else if (is_middle_dot(c) || is_latin_joiner(c)) {
            // Only between two letters: no leading, trailing or doubled separators.
            const bool inner =
                i > b && i + 1 < e && !is_middle_dot(cps[i - 1]) && !is_latin_joiner(cps[i - 1]);
            if (!inner) return chars;
        } else {
            return chars;
        }
    }
    if (!han && !latin) return chars;
    // The name as given, without the white space around it (characters b to e).
    const size_t from = decoded[b].at;
    const size_t to = e < decoded.size() ? decoded[e].at : raw.size();
    return std::string(raw.substr(from, to - from));
}

}  // namespace gh::cn
