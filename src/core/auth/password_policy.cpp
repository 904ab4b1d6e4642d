#include "core/auth/password_policy.h"

#include <algorithm>
#include <string>
#include <utility>

namespace gh::auth {

namespace {

constexpr std::string_view kField = "new_password";

gh::Problem problem(std::string code, std::string message) {
    return gh::Problem{std::move(code), std::move(message), std::string(kField)};
}

// Code points of UTF-8 text: every byte that is not a continuation byte (10xxxxxx) starts one.
// Malformed input is counted leniently the same way; it is never shorter than its code points.
std::size_t code_points(std::string_view s) {
    return static_cast<std::size_t>(std::count_if(
        s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

bool ascii_lower(char c) { return c >= 'a' && c <= 'z'; }
bool ascii_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool ascii_digit(char c) { return c >= '0' && c <= '9'; }

std::string to_lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        if (ascii_upper(c)) c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

int character_classes(std::string_view s) {
    bool lower = false, upper = false, digit = false, other = false;
    for (char c : s) {
        if (ascii_lower(c)) {
            lower = true;
        } else if (ascii_upper(c)) {
            upper = true;
        } else if (ascii_digit(c)) {
            digit = true;
        } else {
            other = true;  // ASCII symbols and spaces, and every byte of a non-ASCII character
        }
    }
    return int{lower} + int{upper} + int{digit} + int{other};
}

bool in_common_list(std::string_view lowered) {
    const auto list = detail::common_passwords();
    return std::binary_search(list.begin(), list.end(), lowered);
}

}  // namespace

bool is_common_password(std::string_view password) {
    const std::string lowered = to_lower_ascii(password);
    if (in_common_list(lowered)) return true;
    // Strip trailing ASCII digits and symbols: people append "123" or "!" to satisfy rules.
    std::string_view base = lowered;
    while (!base.empty()) {
        const char c = base.back();
        const bool ascii = static_cast<unsigned char>(c) < 0x80;
        if (!ascii || ascii_lower(c)) break;
        base.remove_suffix(1);
    }
    return !base.empty() && base.size() != lowered.size() && in_common_list(base);
}

std::optional<gh::Problem> check_password_policy(std::string_view password,
                                                 std::string_view username) {
    // Checked first and in bytes: it bounds the work every later rule (and argon2id) does.
    if (password.size() > kPasswordMaxBytes) {
        return problem("password.too_long", "密码过长，最多 128 个字节（约 42 个汉字）");
    }
    if (code_points(password) < kPasswordMinChars) {
        return problem("password.too_short", "密码至少需要 12 个字符");
    }
    if (character_classes(password) < 3) {
        return problem("password.classes",
                       "密码需包含小写字母、大写字母、数字、符号（含汉字）中的至少三类");
    }
    if (code_points(username) >= kUsernameMinCharsForCheck &&
        to_lower_ascii(password).find(to_lower_ascii(username)) != std::string::npos) {
        return problem("password.contains_username", "密码不能包含用户名");
    }
    if (is_common_password(password)) {
        return problem("password.common", "该密码过于常见，很容易被猜到，请换一个");
    }
    return std::nullopt;
}

}  // namespace gh::auth
