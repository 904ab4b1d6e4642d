// What joining (入会) needs from the registry: a member created inside the approval's own
// transaction, the one-person-one-phone checks, releasing a stale phone, and a member's own view.
#include "core/auth/audit_record.h"
#include "core/error.h"
#include "core/time.h"
#include "domains/members/members.h"
#include "domains/members/prepared.h"
#include "domains/members/text.h"

namespace gh::members {

Member MemberService::create_in(db::Connection& tx, const Actor& by, const Principal& p,
                                const orgs::Org& org, const NewMember& in) {
    require_active_org(org);
    const Prepared m = prepare(in);
    // Checked first for a clear answer; the UNIQUE index on active_blind still decides a race
    // (on PostgreSQL a failed insert would end the caller's transaction).
    if (is_active(tx, m.id_blind)) already_active(tx, p, m.id_blind);
    const int64_t mid = insert(tx, org, m, by);
    auto row = tx.query(std::string(kMemberColumns) + "WHERE id = ?", {mid}).front();
    Member out = view(row, Reveal::none);
    auth::record(audit_, tx, by, "member.create", "member", std::to_string(mid),
                 {{"org_id", org.id},
                  {"card_no", out.card_no},
                  {"new_form", m.new_form},
                  {"joined_on", m.joined_on}});
    return out;
}

void MemberService::require_active_org(const orgs::Org& org) {
    if (!org.active()) {
        throw ApiError(422, "member.org_inactive", "该工会已撤销或合并，不能再加入会员", "org_id");
    }
}

bool MemberService::is_already_active(const db::DbError& e) {
    return e.kind() == db::DbError::Kind::unique &&
           e.constraint().find("active_blind") != std::string::npos;
}

bool MemberService::is_active(db::Connection& c, const db::Blob& id_blind) {
    return !c.query("SELECT 1 FROM members WHERE active_blind = ?", {id_blind}).empty();
}

bool MemberService::phone_used_by_other(db::Connection& c, const db::Blob& phone_blind,
                                        const db::Blob& id_blind) {
    return !c.query(
                 "SELECT 1 FROM members WHERE phone_blind = ? AND id_blind <> ? "
                 "AND status IN ('active', 'transferring')",
                 {phone_blind, id_blind})
                .empty();
}

Member MemberService::release_phone(const Actor& by, const Principal& p, int64_t id) {
    auto c = pool_.acquire();
    return db::in_transaction(*c, [&](db::Connection& tx) {
        const std::string select = std::string(kMemberColumns) + "WHERE id = ?";
        auto rs = tx.query(select, {id});
        if (rs.empty() || !p.scope().contains(rs.front().get<std::string>(14))) {
            throw ApiError(404, "member.not_found", "会员不存在");
        }
        const bool had = !rs.front().is_null(4);
        tx.execute(
            "UPDATE members SET phone_enc = NULL, phone_blind = NULL, updated_at = ? WHERE id = ?",
            {clock_.now_iso(), id});
        auth::record(audit_, tx, by, "member.phone.release", "member", std::to_string(id),
                     {{"had_phone", had}});
        return view(tx.query(select, {id}).front(), Reveal::none);
    });
}

std::optional<MemberService::CardStatus> MemberService::card_status(db::Connection& c,
                                                                    std::string_view card_no) {
    auto rs =
        c.query("SELECT status, org_id FROM members WHERE card_no = ?", {std::string(card_no)});
    if (rs.empty()) return std::nullopt;
    return CardStatus{rs.front().get<std::string>(0), rs.front().get<int64_t>(1)};
}

std::optional<MemberService::CardHolder> MemberService::card_holder(db::Connection& c,
                                                                    std::string_view card_no) {
    auto rs = c.query("SELECT id, status, occupation_category FROM members WHERE card_no = ?",
                      {std::string(card_no)});
    if (rs.empty()) return std::nullopt;
    return CardHolder{rs.front().get<int64_t>(0), rs.front().get<std::string>(1),
                      rs.front().get<std::string>(2)};
}

std::optional<int64_t> MemberService::current_member_by_card(db::Connection& c,
                                                             std::string_view card_no) {
    auto h = card_holder(c, card_no);
    if (!h || (h->status != "active" && h->status != "transferring")) return std::nullopt;
    return h->member_id;
}

std::optional<Member> MemberService::find_own(db::Connection& c, int64_t id) {
    auto rs = c.query(std::string(kMemberColumns) + "WHERE id = ?", {id});
    if (rs.empty()) return std::nullopt;
    return view(rs.front(), Reveal::none);
}

}  // namespace gh::members
