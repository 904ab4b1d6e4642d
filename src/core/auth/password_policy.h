// The rules a new password must meet. Each broken rule is reported as a gh::Problem with field
// "new_password", a stable code and a Chinese message; the first broken rule wins, in this order:
//   password.too_long           more than kPasswordMaxBytes bytes
//   password.too_short          fewer than kPasswordMinChars characters (UTF-8 code points)
//   password.classes            fewer than 3 of: lower-case, upper-case, digit, other (symbols,
//                               spaces and any non-ASCII character such as 汉字)
//   password.contains_username  contains the username, ignoring ASCII case (usernames of at
//                               least 3 characters only)
//   password.common             among the 10,000 most common passwords, ignoring ASCII case, as
//                               is or after stripping trailing digits and symbols
//                               ("Password123!" -> "password")
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

#include "core/result.h"

namespace gh::auth {

inline constexpr std::size_t kPasswordMinChars = 12;
inline constexpr std::size_t kPasswordMaxBytes = 128;
inline constexpr std::size_t kUsernameMinCharsForCheck = 3;

std::optional<gh::Problem> check_password_policy(std::string_view password,
                                                 std::string_view username);

// True when `password`, lower-cased (ASCII) and optionally stripped of trailing ASCII digits and
// symbols, is in the common-password list.
bool is_common_password(std::string_view password);

namespace detail {

// Defined in the build-generated common_passwords_data.cpp
// (tools/datagen/gen-common-passwords.mjs): the list, lower-cased, deduplicated and strictly sorted
// by bytes.
std::span<const std::string_view> common_passwords();
// "zxcvbn@<version>": where the list came from.
std::string_view common_passwords_source();

}  // namespace detail

}  // namespace gh::auth
