// A NewMember after validation: what MemberService::insert writes. Shared by create() and the
// bulk import so both take the same path.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/cn/id_number.h"
#include "core/db/db.h"
#include "domains/members/members.h"

namespace gh::members {

// The vault contexts of the sealed columns (seal, view; key rotation in purge.cpp).
inline constexpr std::string_view kIdContext = "member.id_number";
inline constexpr std::string_view kPhoneContext = "member.phone";

struct MemberService::Prepared {
    std::string name;
    cn::IdNumber id;
    std::optional<std::string> phone;
    std::string occupation;
    bool new_form = false;
    std::string joined_on;
    db::Blob id_blind;
    Profile profile;  // codes only
    // Sealed for the bulk path (MemberService::seal): what insert_batch writes besides the above.
    db::Blob id_enc;
    db::Value phone_enc, phone_blind;  // NULL without a phone
    std::string birth_date, initials, pinyin;
    size_t row = 0;  // the row number in the imported file
};

}  // namespace gh::members
