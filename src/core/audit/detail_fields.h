// The allow-list of what an audit row's detail may name: field names whose values are not
// personal data (ids, counts, codes, org names, the names of changed fields), or are masked
// before they are stored. A detail key not on the list is stored as "[redacted]" and logged as a
// warning naming the action and the key (never the value), so a new audit row that puts a search
// text, an ID number or a phone into its detail shows up in the test logs instead of in the
// database. Add a key here only for a value that is never PII.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

namespace gh::audit {

// The value stored for a key that is not on the list.
inline constexpr std::string_view kRedacted = "[redacted]";

bool detail_key_allowed(std::string_view key);

// `detail` made storable: keys checked against the list at every level (an object whose keys
// are all digits — counts per org id — is taken as a map), every string value passed through
// cn::mask_clear_numbers, and an integer that reads as an ID number or a phone masked too.
nlohmann::json allowed_detail(const nlohmann::json& detail, std::string_view action);

}  // namespace gh::audit
