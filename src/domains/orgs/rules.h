// The rules an org's fields obey, each a small named check with its own code and message. Each
// throws ApiError 422 naming the field, or answers the normalized value.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gh::orgs::rules {

std::string name(std::string_view raw);
bool known_type(std::string_view t);
void type(std::string_view t);
void division_code(std::string_view code);
// GB 32100 with a valid check character, registered by a trade union ("81…"); normalized.
std::string credit_code(std::string_view raw);
void industry(std::string_view section);
void address(std::string_view a);
// Both or neither, and inside the GCJ-02 area (mainland China and its rough box).
void coordinates(std::optional<double> lat, std::optional<double> lng);
void chair_name(std::string_view n);
// A real calendar date, YYYY-MM-DD, not after today.
void founded_on(std::string_view d);
void honour(std::string_view title, int64_t year, std::string_view granted_by);

}  // namespace gh::orgs::rules
