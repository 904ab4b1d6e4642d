// The rules that decide whether a membership's status may change. A membership changes only
// while active; each other status has its own rule, answered 409 with that rule's code.
#pragma once

#include <algorithm>
#include <array>
#include <string_view>

#include "core/error.h"

namespace gh::members {

// The statuses a cadre may end an active membership with.
inline constexpr std::array<std::string_view, 3> kEndings = {"left", "expelled", "deceased"};

inline bool is_ending(std::string_view s) {
    return std::find(kEndings.begin(), kEndings.end(), s) != kEndings.end();
}

// A rule forbidding any change from some statuses.
struct StatusRule {
    bool (*applies)(std::string_view from);
    std::string_view code;
    std::string_view message;
};

// Rule "in transfer": the transfer must be accepted, declined or cancelled first.
inline bool in_transfer(std::string_view s) { return s == "transferring"; }
// Rule "not active": a membership that ended (or moved away) stays as it ended.
inline bool ended(std::string_view s) { return s == "transferred" || is_ending(s); }

inline constexpr std::array<StatusRule, 2> kStatusRules = {{
    {in_transfer, "member.in_transfer", "转接中的会员不能变更状态"},
    {ended, "member.not_active", "会员关系已终止，不能再变更状态"},
}};

// Throws the first rule that forbids leaving `from` (409); returns when `from` is active.
inline void require_active(std::string_view from) {
    for (const auto& rule : kStatusRules) {
        if (rule.applies(from)) {
            throw ApiError(409, std::string(rule.code), std::string(rule.message));
        }
    }
}

}  // namespace gh::members
