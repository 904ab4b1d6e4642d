// The real-name member registry (会员实名制): who is a member of which union. Owns `members` and
// `member_history`. ID numbers and phones are stored only encrypted by the PII vault, with a
// blind index for exact search and for the rule "one active membership per person nationwide",
// which the database itself enforces (members.active_blind is UNIQUE). Answers mask both unless
// the caller holds pii.read and asks; such a reveal is audited.
//
// Card number (会员证号): "GH" + the org id padded to 6 digits + the member id padded to 8,
// e.g. GH00001200000345. Both ids are unique, so the card number is too, and it is known only
// after the insert (the row is written with a random placeholder, then set).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/audit/audit.h"
#include "core/auth/principal.h"
#include "core/db/pool.h"
#include "core/pii/vault.h"
#include "domains/orgs/orgs.h"

namespace gh::members {

using auth::Actor;
using auth::Principal;

struct NewMember {
    int64_t org_id = 0;
    std::string name;
    std::string id_number;
    std::optional<std::string> phone;
    std::string occupation;
    bool new_form = false;
    std::optional<std::string> joined_on;  // YYYY-MM-DD; today in China when absent
};

// A member as answered: id_number and phone masked unless revealed.
struct Member {
    int64_t id = 0;
    int64_t org_id = 0;
    std::string name;
    std::string id_number;
    std::optional<std::string> phone;
    std::string birth_date, gender, occupation;
    bool new_form = false;
    std::string card_no, joined_on, status, created_at, updated_at;
};

// Which value a caller asks to see in full.
enum class Reveal { none, id_number, phone };

struct MemberPage {
    std::vector<Member> items;
    std::optional<int64_t> next_cursor;
    int64_t total = 0;
};

struct MemberQuery {
    std::string q;                  // name prefix, card number, or an exact ID number or phone
    std::optional<int64_t> org_id;  // narrows the scope to that org's subtree
    int64_t after_id = 0;
    int limit = 50;
};

class MemberService {
public:
    MemberService(db::Pool& pool, orgs::OrgService& orgs, audit::AuditLog& audit,
                  const pii::Vault& vault);

    // Validates, registers and audits (member.create) in one transaction. Throws ApiError: 422
    // for bad input or an org outside the caller's scope, 409 member.already_active when the
    // person already holds an active membership anywhere.
    Member create(const Actor& by, const Principal& p, const NewMember& m);

    // Scoped: nullopt when missing or outside the scope. Reveals only with pii.read, and then
    // records pii.reveal.
    std::optional<Member> get(const Actor& by, const Principal& p, int64_t id, Reveal reveal);

    // Keyset by id within the caller's scope; answers masked values only.
    MemberPage list(const Principal& p, const MemberQuery& q);

private:
    Member view(const db::Row& r, Reveal reveal) const;
    [[noreturn]] void already_active(db::Connection& c, const Principal& p,
                                     const db::Blob& id_blind);

    db::Pool& pool_;
    orgs::OrgService& orgs_;
    audit::AuditLog& audit_;
    const pii::Vault& vault_;
};

}  // namespace gh::members
