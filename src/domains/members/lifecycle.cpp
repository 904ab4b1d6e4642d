// The end of a membership (退会, 除名, 去世) and the history every status change leaves.
#include "core/auth/audit_record.h"
#include "core/error.h"
#include "core/time.h"
#include "domains/members/members.h"
#include "domains/members/rollups.h"
#include "domains/members/status_rules.h"
#include "domains/members/text.h"

namespace gh::members {

void MemberService::write_history(db::Connection& tx, int64_t member_id, const std::string& at,
                                  const std::string& from, const std::string& to, int64_t org_id,
                                  const Actor& by, std::string_view reason) {
    tx.execute(
        "INSERT INTO member_history (member_id, at, from_status, to_status, org_id, actor, "
        "reason) VALUES (?, ?, ?, ?, ?, ?, ?)",
        {member_id, at, from, to, org_id, actor_label(by), std::string(reason)});
}

Member MemberService::change_status(const Actor& by, const Principal& p, int64_t id,
                                    std::string_view to_status, std::string_view reason_in) {
    const std::string to(to_status);
    if (!is_ending(to)) {
        throw ApiError(422, "member.status",
                       "状态只能是 left（退会）、expelled（除名）或 deceased（去世）", "status");
    }
    const std::string reason = trim(reason_in);
    if (reason.empty() || utf8_length(reason) > 500) {
        throw ApiError(422, "member.reason", "原因不能为空且不超过 500 个字", "reason");
    }
    auto c = pool_.acquire();
    return db::in_transaction(*c, [&](db::Connection& tx) {
        const std::string select = std::string(kMemberColumns) + "WHERE id = ?";
        auto rs = tx.query(select, {id});
        if (rs.empty() || !p.scope().contains(rs.front().get<std::string>(14))) {
            throw ApiError(404, "member.not_found", "会员不存在");
        }
        const std::string from = rs.front().get<std::string>(11);
        const int64_t org_id = rs.front().get<int64_t>(1);
        require_active(from);
        const std::string now = clock_.now_iso();
        // The status in the WHERE makes a concurrent change lose here rather than overwrite.
        if (tx.execute("UPDATE members SET status = ?, active_blind = NULL, updated_at = ? "
                       "WHERE id = ? AND status = 'active'",
                       {to, now, id}) != 1) {
            require_active(tx.query("SELECT status FROM members WHERE id = ?", {id})
                               .front()
                               .get<std::string>(0));
            throw ApiError(409, "member.not_active", "会员关系已终止，不能再变更状态");
        }
        write_history(tx, id, now, from, to, org_id, by, reason);
        const auto& row = rs.front();
        RollupDelta d;
        d.leave({row.get<std::string>(14), row.get<std::string>(18), row.get<int64_t>(8) != 0},
                this_month());
        d.apply(tx);
        auth::record(audit_, tx, by, "member.status", "member", std::to_string(id),
                     {{"from", from}, {"to", to}});
        return view(tx.query(select, {id}).front(), Reveal::none);
    });
}

std::optional<std::vector<HistoryEntry>> MemberService::history(const Principal& p, int64_t id) {
    auto c = pool_.acquire();
    auto rs = c->query("SELECT org_path FROM members WHERE id = ?", {id});
    if (rs.empty() || !p.scope().contains(rs.front().get<std::string>(0))) return std::nullopt;
    std::vector<HistoryEntry> out;
    for (auto r : c->query("SELECT id, at, from_status, to_status, org_id, actor, reason FROM "
                           "member_history WHERE member_id = ? ORDER BY id",
                           {id})) {
        HistoryEntry h;
        h.id = r.get<int64_t>(0);
        h.at = r.get<std::string>(1);
        h.from_status = r.get_opt<std::string>(2);
        h.to_status = r.get<std::string>(3);
        h.org_id = r.get<int64_t>(4);
        h.actor = r.get<std::string>(5);
        h.reason = r.get<std::string>(6);
        out.push_back(std::move(h));
    }
    return out;
}

}  // namespace gh::members
