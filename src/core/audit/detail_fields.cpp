#include "core/audit/detail_fields.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <string>

#include "core/audit/audit.h"
#include "core/cn/clear_numbers.h"

namespace gh::audit {

namespace {

// Sorted (checked at compile time): binary search.
constexpr std::array kAllowed = std::to_array<std::string_view>({
    "account_kind",
    "address",
    "amount",
    "balance",
    "by_org",
    "card_no",
    "changes",
    "code",
    "consent_version",
    "count",
    "created",
    "credit_code",
    "day",
    "due_on",
    "duplicates",
    "entry_id",
    "error",
    "event_id",
    "failed_logins",
    "field",
    "fields",
    "file",
    "founded_on",
    "from",
    "from_org_id",
    "from_parent_id",
    "from_path",
    "generation",
    "had_phone",
    "honour_id",
    "imported",
    "industry",
    "into_id",
    "item_id",
    "joined_on",
    "key",
    "kind",
    "limit",
    "locked_until",
    "lookup",
    "max",
    "member_id",
    "members",
    "method",
    "mode",
    "name",
    "new_form",
    "ok",
    "org_id",
    "outcome",
    "permissions",
    "points",
    "q_blind",
    "q_kind",
    "q_masked",
    "reason",
    "reason_chars",
    "redemption_id",
    "rejected",
    "rejected_count",
    "retention_days",
    "retired",
    "retry_after",
    "revealed",
    "roles",
    "round_id",
    "rows",
    "served",
    "sessions",
    "sessions_ended",
    "should_unionize",
    "side",
    "staff_size",
    "station_id",
    "status",
    "stock",
    "stored",
    "theme",
    "title",
    "to",
    "to_org_id",
    "to_parent_id",
    "to_path",
    "transfer_to",
    "type",
    "unlock_at",
    "username",
    "why",
    "window",
    "wish_id",
    "worker_id",
    "year",
});
static_assert(std::is_sorted(kAllowed.begin(), kAllowed.end()), "keep kAllowed sorted");

bool all_digits(std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

nlohmann::json clean_value(const nlohmann::json& v, std::string_view action);

nlohmann::json clean_object(const nlohmann::json& o, std::string_view action) {
    bool is_map = !o.empty();
    for (auto it = o.begin(); it != o.end(); ++it) is_map = is_map && all_digits(it.key());
    nlohmann::json out = nlohmann::json::object();
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (is_map || detail_key_allowed(it.key())) {
            out[it.key()] = clean_value(it.value(), action);
        } else {
            spdlog::warn("audit: detail key \"{}\" of {} is not on the allow-list; stored as {}",
                         sanitize_for_log(it.key()), sanitize_for_log(action), kRedacted);
            out[it.key()] = kRedacted;
        }
    }
    return out;
}

nlohmann::json clean_value(const nlohmann::json& v, std::string_view action) {
    if (v.is_object()) return clean_object(v, action);
    if (v.is_array()) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& x : v) out.push_back(clean_value(x, action));
        return out;
    }
    if (v.is_string()) return cn::mask_clear_numbers(v.get_ref<const std::string&>());
    if (v.is_number_integer()) {
        const std::string digits = v.dump();
        if (!cn::find_clear_numbers(digits).empty()) return cn::mask_clear_numbers(digits);
    }
    return v;
}

}  // namespace

bool detail_key_allowed(std::string_view key) {
    return std::binary_search(kAllowed.begin(), kAllowed.end(), key);
}

nlohmann::json allowed_detail(const nlohmann::json& detail, std::string_view action) {
    return clean_object(detail, action);
}

}  // namespace gh::audit
