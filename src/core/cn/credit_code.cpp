#include "core/cn/credit_code.h"

#include <stdexcept>

#include "core/cn/normalize.h"

namespace gh::cn {

namespace {

// Index in this string is the character's numeric value in the check computation.
constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

int value_of(char c) {
    const auto pos = kAlphabet.find(c);
    return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

char to_upper_ascii(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c; }

Problem problem(std::string code, std::string message, std::string_view field) {
    return Problem{std::move(code), std::move(message), std::string(field)};
}

}  // namespace

char credit_code_check_char(std::string_view first17) {
    if (first17.size() != 17) {
        throw std::invalid_argument("credit_code_check_char: need exactly 17 characters");
    }
    int sum = 0;
    int weight = 1;  // 3^i mod 31 for position i counted from 0
    for (char c : first17) {
        const int v = value_of(c);
        if (v < 0) throw std::invalid_argument("credit_code_check_char: character not allowed");
        sum += v * weight;
        weight = weight * 3 % 31;
    }
    return kAlphabet[static_cast<std::size_t>((31 - sum % 31) % 31)];
}

std::string make_credit_code(std::string_view first17) {
    const char check = credit_code_check_char(first17);
    std::string code(first17);
    code += check;
    return code;
}

Result<CreditCode> parse_credit_code(std::string_view raw, std::string_view field) {
    Folded folded = fold_to_ascii(raw);
    std::string& s = folded.text;
    if (s.empty()) return problem("credit_code.format", "统一社会信用代码不能为空", field);
    for (char& c : s) c = to_upper_ascii(c);

    if (s.size() != 18) {
        return problem("credit_code.format", "统一社会信用代码应为 18 位", field);
    }
    for (char c : s) {
        if (value_of(c) < 0) {
            return problem("credit_code.format",
                           "统一社会信用代码只能包含数字和大写字母（不含 I、O、Z、S、V）", field);
        }
    }
    if (credit_code_check_char(std::string_view(s).substr(0, 17)) != s[17]) {
        return problem("credit_code.checksum", "统一社会信用代码校验位错误，请核对是否输错", field);
    }

    CreditCode code;
    code.registration_authority = s[0];
    code.org_type = s[1];
    code.region_code = s.substr(2, 6);
    code.had_fullwidth = folded.had_fullwidth;
    code.value = std::move(s);
    return code;
}

}  // namespace gh::cn
