#include "core/cn/phone.h"

#include "core/cn/normalize.h"

namespace gh::cn {

namespace {

// Separators people put between digit groups; removing them cannot turn a wrong number into a
// different valid one, because only digits remain and their order is kept.
bool is_separator(char c) { return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')'; }

}  // namespace

Result<std::string> parse_phone(std::string_view raw, std::string_view field) {
    const std::string folded = fold_to_ascii(raw).text;
    if (folded.empty()) return Problem{"phone.format", "手机号不能为空", std::string(field)};

    std::string s;
    for (char c : folded) {
        if (!is_separator(c)) s += c;
    }
    std::string_view v = s;
    if (v.starts_with("+86")) {
        v.remove_prefix(3);
    } else if (v.starts_with("0086")) {
        v.remove_prefix(4);
    } else if (v.starts_with("86") && v.size() == 13) {
        // Bare "86": only a prefix when 11 digits follow; no valid 11-digit number starts "86".
        v.remove_prefix(2);
    }
    if (v.size() != 11 || !all_digits(v) || v[0] != '1' || v[1] < '3') {
        return Problem{"phone.format", "手机号格式不正确：应为 11 位中国大陆手机号，以 13-19 开头",
                       std::string(field)};
    }
    return std::string(v);
}

std::string mask_phone(std::string_view raw) {
    const auto phone = parse_phone(raw);
    if (!phone) return std::string(fold_to_ascii(raw).text.size(), '*');
    return phone->substr(0, 3) + "****" + phone->substr(7);
}

}  // namespace gh::cn
