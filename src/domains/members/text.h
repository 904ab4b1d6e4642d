// Small helpers shared by the member registry's sources.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/auth/principal.h"

namespace gh::members {

// The columns MemberService::view reads, in its order; org_path (14) is for the scope check.
inline constexpr const char* kMemberColumns =
    "SELECT id, org_id, name, id_enc, phone_enc, birth_date, gender, occupation, new_form, "
    "card_no, joined_on, status, created_at, updated_at, org_path, ethnicity, education, "
    "political_status, occupation_category, employer_name, employer_id, migrant_worker, "
    "model_worker, hardship FROM members ";

inline size_t utf8_length(std::string_view s) {
    size_t n = 0;
    for (unsigned char ch : s) n += (ch & 0xC0) != 0x80;
    return n;
}

inline std::string trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return std::string(s);
}

// "staff:qianxian": how history rows and transfers name who acted.
inline std::string actor_label(const auth::Actor& by) { return by.type + ":" + by.name; }

}  // namespace gh::members
