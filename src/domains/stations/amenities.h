// The documented lists a station's data is written in: its amenities (设施) and the items of
// the 六有/八有 standard (checklist). Each has a stable code (stored, and accepted in the API)
// and the Chinese name the console, the phone page, the import files and the feeds show.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gh::stations {

struct Term {
    std::string_view code;
    std::string_view name;
};

const std::vector<Term>& amenity_terms();    // 空调, 热水, 微波炉, 充电 …
const std::vector<Term>& checklist_terms();  // 统一标识, 固定场所, 服务设备 …

// A code or a Chinese name (case-insensitive for ASCII: "wifi", "Wi-Fi") → the code.
std::optional<std::string> amenity_code(std::string_view code_or_name);
std::optional<std::string> checklist_code(std::string_view code_or_name);
std::string amenity_name(std::string_view code);
std::string checklist_name(std::string_view code);

// "微波炉、充电,热水" → its parts (separators 、 , ， ; and spaces), each trimmed, none empty.
std::vector<std::string> split_list(std::string_view text);

}  // namespace gh::stations
