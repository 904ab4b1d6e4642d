// Small helpers shared by the member registry's sources.
#pragma once

#include <fmt/format.h>

#include <charconv>
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/auth/principal.h"
#include "core/cn/text.h"

namespace gh::members {

// The columns MemberService::view reads, in its order; org_path (14) is for the scope check.
inline constexpr const char* kMemberColumns =
    "SELECT id, org_id, name, id_enc, phone_enc, birth_date, gender, occupation, new_form, "
    "card_no, joined_on, status, created_at, updated_at, org_path, ethnicity, education, "
    "political_status, occupation_category, employer_name, employer_id, migrant_worker, "
    "model_worker, hardship FROM members ";

using cn::trim;
using cn::utf8_length;

inline std::string iso_date(std::chrono::year_month_day d) {
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()),
                       static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
}

// "2026-11-01" → the same text when it names a real day, else nullopt.
inline std::optional<std::string> parse_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    auto num = [&](size_t at, size_t len) {
        int v = -1;
        auto [p, ec] = std::from_chars(s.data() + at, s.data() + at + len, v);
        return (ec == std::errc() && p == s.data() + at + len) ? v : -1;
    };
    int y = num(0, 4), m = num(5, 2), d = num(8, 2);
    if (y < 0 || m < 0 || d < 0) return std::nullopt;
    std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(m),
                                    std::chrono::day(d)};
    if (!ymd.ok()) return std::nullopt;
    return iso_date(ymd);
}

// "staff:qianxian": how history rows and transfers name who acted.
inline std::string actor_label(const auth::Actor& by) { return by.type + ":" + by.name; }

}  // namespace gh::members
