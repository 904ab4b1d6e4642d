#include "core/cn/money.h"

#include <limits>

#include "core/cn/normalize.h"

namespace gh::cn {

namespace {

constexpr std::string_view kYen = "\xC2\xA5";  // ¥; fold_to_ascii maps full-width ￥ to it
constexpr std::string_view kYuan = "元";
constexpr std::string_view kWan = "万";
constexpr std::string_view kYi = "亿";

void trim_spaces(std::string_view& v) {
    while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
    while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
}

bool take_prefix(std::string_view& v, std::string_view p) {
    if (!v.starts_with(p)) return false;
    v.remove_prefix(p.size());
    trim_spaces(v);
    return true;
}

bool take_suffix(std::string_view& v, std::string_view p) {
    if (!v.ends_with(p)) return false;
    v.remove_suffix(p.size());
    trim_spaces(v);
    return true;
}

// Integer part with optional thousands separators that must sit every three digits, so that a
// typo like "1,30.5" is rejected instead of silently read as 130.5.
bool strip_grouping(std::string_view in, std::string& out) {
    if (in.find(',') == std::string_view::npos) {
        out.assign(in);
        return all_digits(in);
    }
    std::size_t group = 0;
    bool first = true;
    for (char c : in) {
        if (c == ',') {
            if (group == 0 || group > 3 || (!first && group != 3)) return false;
            first = false;
            group = 0;
        } else if (is_ascii_digit(c)) {
            out += c;
            ++group;
        } else {
            return false;
        }
    }
    return group == 3;
}

}  // namespace

Result<std::int64_t> parse_money_fen(std::string_view raw, std::string_view field,
                                     MoneyOptions options) {
    auto fail = [&](const char* code, std::string message) {
        return Problem{code, std::move(message), std::string(field)};
    };
    const std::string folded = fold_to_ascii(raw).text;
    std::string_view v = folded;
    if (v.empty()) return fail("money.format", "金额不能为空");

    // Sign and currency symbol in either order: "-¥12" and "¥-12" are both common.
    bool negative = false;
    bool sign_seen = false;
    auto take_sign = [&] {
        if (sign_seen) return;
        if (take_prefix(v, "-")) {
            negative = sign_seen = true;
        } else if (take_prefix(v, "+")) {
            sign_seen = true;
        }
    };
    take_sign();
    take_prefix(v, kYen);
    take_sign();

    take_suffix(v, kYuan);
    int scale = 2;  // power of ten from yuan to fen, raised by the unit
    if (take_suffix(v, kWan)) {
        scale += 4;
    } else if (take_suffix(v, kYi)) {
        scale += 8;
    }

    const auto dot = v.find('.');
    const std::string_view int_part = v.substr(0, dot);
    const std::string_view frac = dot == std::string_view::npos ? "" : v.substr(dot + 1);
    std::string digits;
    const std::string format_message =
        "金额格式不正确，应为类似 1300.50、1,300.50元 或 61.18万 的数字";
    if (!strip_grouping(int_part, digits)) return fail("money.format", format_message);
    if (dot != std::string_view::npos && !all_digits(frac)) {
        return fail("money.format", format_message);
    }
    digits += frac;

    // Move the decimal point `scale` places right; digits that would fall below one fen must be 0.
    int shift = scale - static_cast<int>(frac.size());
    while (shift < 0) {
        if (digits.back() != '0') {
            return fail("money.precision", "金额最多精确到分（元后两位小数）");
        }
        digits.pop_back();
        ++shift;
    }
    if (negative && !options.allow_negative && digits.find_first_not_of('0') != std::string::npos) {
        return fail("money.negative", "金额不能为负数");
    }
    digits.append(static_cast<std::size_t>(shift), '0');

    constexpr auto kMax = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    std::uint64_t fen = 0;
    for (char c : digits) {
        const auto d = static_cast<std::uint64_t>(c - '0');
        if (fen > (kMax - d) / 10) return fail("money.range", "金额超出可以处理的范围");
        fen = fen * 10 + d;
    }
    // Symmetric range (INT64_MIN is left out) so that negating never overflows.
    const auto value = static_cast<std::int64_t>(fen);
    return negative ? -value : value;
}

std::string format_fen(std::int64_t fen) {
    // Work on the magnitude as unsigned so that INT64_MIN formats too.
    const std::uint64_t mag =
        fen < 0 ? 0 - static_cast<std::uint64_t>(fen) : static_cast<std::uint64_t>(fen);
    const std::string yuan = std::to_string(mag / 100);
    std::string out;
    if (fen < 0) out += '-';
    for (std::size_t i = 0; i < yuan.size(); ++i) {
        if (i > 0 && (yuan.size() - i) % 3 == 0) out += ',';
        out += yuan[i];
    }
    const auto cents = static_cast<unsigned>(mag % 100);
    out += '.';
    out += static_cast<char>('0' + cents / 10);
    out += static_cast<char>('0' + cents % 10);
    return out;
}

std::string format_fen_yuan(std::int64_t fen) { return format_fen(fen) + std::string(kYuan); }

}  // namespace gh::cn
