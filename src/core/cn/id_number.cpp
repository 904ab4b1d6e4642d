#include "core/cn/id_number.h"

#include <array>
#include <stdexcept>

#include "core/cn/normalize.h"

namespace gh::cn {

namespace {

using std::chrono::year_month_day;

Problem problem(std::string code, std::string message, std::string_view field) {
    return Problem{std::move(code), std::move(message), std::string(field)};
}

// Province-level codes of GB/T 2260 plus 71 (Taiwan), 81/82 (Hong Kong/Macao residence permits)
// and 91 (reserved for foreign permanent residents). Only these two digits are checked: county
// codes are renamed and merged over the years, and an ID keeps the code it was issued with.
bool is_province_code(int p) {
    return (p >= 11 && p <= 15) || (p >= 21 && p <= 23) || (p >= 31 && p <= 37) ||
           (p >= 41 && p <= 46) || (p >= 50 && p <= 54) || (p >= 61 && p <= 65) || p == 71 ||
           p == 81 || p == 82 || p == 91;
}

int digits_to_int(std::string_view s) {
    int v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
}

// Excel shows an 18-digit number as "6.10424E+17" once the cell is numeric. Matches
// mantissa [.fraction] e|E [+|-] exponent and nothing else.
bool looks_scientific(std::string_view s) {
    std::size_t i = 0;
    auto digits = [&] {
        const std::size_t start = i;
        while (i < s.size() && is_ascii_digit(s[i])) ++i;
        return i > start;
    };
    if (!digits()) return false;
    if (i < s.size() && s[i] == '.') {
        ++i;
        if (!digits()) return false;
    }
    if (i >= s.size() || (s[i] != 'e' && s[i] != 'E')) return false;
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    return digits() && i == s.size();
}

// "610424199001011234.0": the number went through a float column (Excel, pandas) on its way here.
bool looks_float_suffixed(std::string_view s) {
    const auto dot = s.find('.');
    if (dot == std::string_view::npos || dot < 15 || dot > 18) return false;
    const auto tail = s.substr(dot + 1);
    return all_digits(s.substr(0, dot)) && !tail.empty() &&
           tail.find_first_not_of('0') == std::string_view::npos;
}

// yyyymmdd must be a real calendar date between 1900-01-01 and today.
Result<year_month_day> parse_birth_date(std::string_view yyyymmdd, year_month_day today,
                                        std::string_view field) {
    using namespace std::chrono;
    const year_month_day birth{year{digits_to_int(yyyymmdd.substr(0, 4))},
                               month{static_cast<unsigned>(digits_to_int(yyyymmdd.substr(4, 2)))},
                               day{static_cast<unsigned>(digits_to_int(yyyymmdd.substr(6, 2)))}};
    const std::string shown = "身份证号中的出生日期 " + std::string(yyyymmdd);
    if (!birth.ok()) return problem("id_number.birth_date", shown + " 不是一个真实的日期", field);
    if (birth < year{1900} / January / 1) {
        return problem("id_number.birth_date", shown + " 早于 1900 年，请核对", field);
    }
    if (birth > today) return problem("id_number.birth_date", shown + " 晚于今天，请核对", field);
    return birth;
}

}  // namespace

year_month_day today_in_china() {
    using namespace std::chrono;
    return year_month_day{floor<days>(system_clock::now() + hours{8})};
}

char id_number_check_char(std::string_view first17) {
    if (first17.size() != 17 || !all_digits(first17)) {
        throw std::invalid_argument("id_number_check_char: need exactly 17 ASCII digits");
    }
    // Weight of position i (from the left) is 2^(17-i) mod 11.
    static constexpr std::array<int, 17> kWeights{7, 9, 10, 5,  8, 4, 2, 1, 6,
                                                  3, 7, 9,  10, 5, 8, 4, 2};
    int sum = 0;
    for (std::size_t i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
    const int check = (12 - sum % 11) % 11;
    return check == 10 ? 'X' : static_cast<char>('0' + check);
}

std::string make_id_number(std::string_view first17) {
    const char check = id_number_check_char(first17);
    std::string id(first17);
    id += check;
    return id;
}

Result<IdNumber> parse_id_number(std::string_view raw, std::string_view field,
                                 std::optional<year_month_day> today) {
    using namespace std::chrono;
    Folded folded = fold_to_ascii(raw);
    std::string& s = folded.text;
    if (s.empty()) return problem("id_number.format", "身份证号不能为空", field);

    if (looks_scientific(s)) {
        return problem("id_number.excel_scientific",
                       "身份证号被 Excel 转成了科学计数法（如 6.10424E+17），后几位已经丢失。"
                       "请把这一列的单元格格式设为“文本”，再重新填写完整的身份证号",
                       field);
    }
    if (looks_float_suffixed(s)) {
        return problem("id_number.excel_scientific",
                       "身份证号被当成数字处理过（末尾多了“.0”），后几位可能已经改变。"
                       "请把这一列的单元格格式设为“文本”，再重新填写完整的身份证号",
                       field);
    }
    if (s.size() == 15 && all_digits(s)) {
        return problem("id_number.legacy_15",
                       "这是 15 位的旧版身份证号，已停止使用，请填写 18 位的身份证号", field);
    }
    if (s.back() == 'x') s.back() = 'X';
    if (s.size() != 18 || !all_digits(std::string_view(s).substr(0, 17)) ||
        !(is_ascii_digit(s[17]) || s[17] == 'X')) {
        return problem("id_number.format",
                       "身份证号格式不正确：应为 18 位，前 17 位是数字，最后一位是数字或 X", field);
    }
    if (!is_province_code(digits_to_int(std::string_view(s).substr(0, 2)))) {
        return problem("id_number.region",
                       "身份证号前两位不是有效的省级行政区划代码，请核对是否输错", field);
    }

    const auto birth =
        parse_birth_date(std::string_view(s).substr(6, 8), today.value_or(today_in_china()), field);
    if (!birth) return birth.problem();

    if (id_number_check_char(std::string_view(s).substr(0, 17)) != s[17]) {
        std::string message = "身份证号校验位错误，请核对是否输错";
        // Excel keeps 15 significant digits, so a number-formatted ID ends in "000".
        if (s.ends_with("000")) message += "；如果是从 Excel 导入，请把这一列设为“文本”格式后重填";
        return problem("id_number.checksum", std::move(message), field);
    }

    IdNumber id;
    id.birth_date = *birth;
    id.gender = ((s[16] - '0') % 2 == 1) ? 'M' : 'F';
    id.region_code = s.substr(0, 6);
    id.had_fullwidth = folded.had_fullwidth;
    id.value = std::move(s);
    return id;
}

std::string mask_id_number(std::string_view id) {
    const std::string s = fold_to_ascii(id).text;
    if (s.size() < 11) return std::string(s.size(), '*');
    return s.substr(0, 6) + std::string(s.size() - 10, '*') + s.substr(s.size() - 4);
}

}  // namespace gh::cn
