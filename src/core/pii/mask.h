// Masks for showing personal data to people who may see that a value exists but not what it is
// (lists, logs, exports without the "view PII" permission). Each keeps just enough to tell rows
// apart and never shows a whole value, even a mistyped one.
#pragma once

#include <string>
#include <string_view>

namespace gh::pii {

// "610424********123X" (gh::cn::mask_id_number).
std::string mask_id_number(std::string_view id);

// "138****5678" (gh::cn::mask_phone).
std::string mask_phone(std::string_view phone);

// Keeps the first character and puts one '*' per remaining character: 张三 → 张*,
// 欧阳娜娜 → 欧***, Alice → A****. Counts UTF-8 code points, not bytes; surrounding ASCII
// whitespace is dropped. A one-character name becomes "*"; invalid UTF-8 bytes count as one
// character each, and a name that starts with one is masked entirely.
std::string mask_name(std::string_view utf8);

}  // namespace gh::pii
