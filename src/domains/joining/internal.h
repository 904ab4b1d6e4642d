// Shared by the joining domain's sources; not part of its interface.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/cn/id_number.h"
#include "core/cn/text.h"
#include "core/db/db.h"
#include "domains/joining/joining.h"

namespace gh::joining {

inline constexpr std::string_view kIdContext = "join_application.id_number";
inline constexpr std::string_view kPhoneContext = "join_application.phone";

// The columns JoinService::view reads, in its order; then org_path (21), id_blind (22),
// phone_blind (23), id_enc (4) and phone_enc (5) are for scope, rules and approval.
inline constexpr const char* kColumns =
    "SELECT id, worker_id, org_id, name, id_enc, phone_enc, occupation, employer, new_form, "
    "residence_code, workplace_code, consent_version, consented_at, source, status, "
    "reject_reason, reviewed_by, reviewed_at, member_id, created_at, updated_at, org_path, "
    "id_blind, phone_blind FROM join_applications ";

// One person's details after validation, with the blind indexes the rules compare.
struct Person {
    std::string name;
    cn::IdNumber id;
    std::optional<std::string> phone;
    std::string occupation, employer;
    bool new_form = false;
    db::Blob id_blind;
    std::optional<db::Blob> phone_blind;
};

struct JoinService::Checked {
    Person person;
    std::optional<std::string> residence_code, workplace_code;
    orgs::Org org;
};

// Validates name, ID number, phone (required when phone_required), occupation and employer;
// throws ApiError 422 with the field.
Person validate_person(const pii::Vault& vault, std::string_view name, std::string_view id_number,
                       const std::optional<std::string>& phone, bool phone_required,
                       std::string_view occupation, std::string_view employer, bool new_form);

// 422 join.consent_required / join.consent_version unless the separate consent was given to the
// current text.
void require_consent(bool given, std::string_view version);

using cn::utf8_length;

// "staff:qianxian": how reviewed_by names who acted.
inline std::string actor_label(const Actor& by) { return by.type + ":" + by.name; }

}  // namespace gh::joining
