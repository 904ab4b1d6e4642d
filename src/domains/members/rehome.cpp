// Members follow their org when the tree changes shape: a moved subtree's path copies, and the
// members of a merged or dissolved union. The orgs domain calls these through its hooks, in its
// own transaction, and never reads the members tables itself.
#include "core/time.h"
#include "domains/members/members.h"
#include "domains/members/rollups.h"
#include "domains/members/text.h"

namespace gh::members {

void MemberService::repath(db::Connection& tx, const std::string& old_prefix,
                           const std::string& new_prefix) {
    move_subtree_rollups(tx, old_prefix, new_prefix);
    const db::Params params{new_prefix, static_cast<int64_t>(old_prefix.size() + 1), old_prefix,
                            old_prefix + "\x7f"};
    tx.execute(
        "UPDATE members SET org_path = CAST(? AS TEXT) || substr(org_path, CAST(? AS INTEGER)) "
        "WHERE org_path >= ? AND org_path < ?",
        params);
    tx.execute(
        "UPDATE member_transfers SET from_path = CAST(? AS TEXT) || "
        "substr(from_path, CAST(? AS INTEGER)) WHERE from_path >= ? AND from_path < ?",
        params);
    tx.execute(
        "UPDATE member_transfers SET to_path = CAST(? AS TEXT) || "
        "substr(to_path, CAST(? AS INTEGER)) WHERE to_path >= ? AND to_path < ?",
        params);
}

int64_t MemberService::rehome(db::Connection& tx, const orgs::Org& from, const orgs::Org& to,
                              const Actor& by, std::string_view reason) {
    const std::string now = clock_.now_iso();
    // The rollups first, from the members as they are before the move.
    RollupDelta rollups;
    for (auto r :
         tx.query("SELECT occupation_category, new_form, COUNT(*) FROM members WHERE org_path = ? "
                  "AND org_id = ? AND status IN ('active', 'transferring') "
                  "GROUP BY occupation_category, new_form",
                  {from.path, from.id})) {
        const bool gig = r.get<int64_t>(1) != 0;
        rollups.move({from.path, r.get<std::string>(0), gig}, {to.path, r.get<std::string>(0), gig},
                     this_month(), r.get<int64_t>(2));
    }
    rollups.apply(tx);
    // org_path = the org's own path is an equality on the members_org_path index.
    tx.execute(
        "INSERT INTO member_history (member_id, at, from_status, to_status, org_id, actor, "
        "reason) SELECT id, ?, status, status, ?, ?, ? FROM members WHERE org_path = ? AND "
        "org_id = ? AND status IN ('active', 'transferring')",
        {now, to.id, actor_label(by), std::string(reason), from.path, from.id});
    const int64_t moved = tx.execute(
        "UPDATE members SET org_id = ?, org_path = ?, updated_at = ? WHERE org_path = ? AND "
        "org_id = ? AND status IN ('active', 'transferring')",
        {to.id, to.path, now, from.path, from.id});
    tx.execute(
        "UPDATE member_transfers SET from_org_id = ?, from_path = ? WHERE from_path = ? AND "
        "from_org_id = ? AND status = 'pending'",
        {to.id, to.path, from.path, from.id});
    tx.execute(
        "UPDATE member_transfers SET to_org_id = ?, to_path = ? WHERE to_path = ? AND "
        "to_org_id = ? AND status = 'pending'",
        {to.id, to.path, from.path, from.id});
    return moved;
}

int64_t MemberService::count_active_at(db::Connection& tx, const orgs::Org& org) {
    return tx
        .query(
            "SELECT COUNT(*) FROM members WHERE org_path = ? AND org_id = ? AND "
            "status IN ('active', 'transferring')",
            {org.path, org.id})
        .front()
        .get<int64_t>(0);
}

}  // namespace gh::members
