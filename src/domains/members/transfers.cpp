// Transfers of a membership between unions (会员关系转接): either side requests — the giving side
// for a member in its scope, the receiving side for a person by ID number — and the other side
// accepts (the member moves, card number kept) or declines; the requesting side may cancel while
// pending. Every step is one transaction with its history and audit rows.
#include <fmt/format.h>

#include <map>

#include "core/auth/audit_record.h"
#include "core/cn/id_number.h"
#include "core/error.h"
#include "core/pii/mask.h"
#include "core/time.h"
#include "domains/members/members.h"
#include "domains/members/rollups.h"
#include "domains/members/status_rules.h"
#include "domains/members/text.h"

namespace gh::members {

namespace {

constexpr const char* kTransferColumns =
    "SELECT t.id, t.member_id, m.name, m.card_no, t.from_org_id, t.to_org_id, t.status, "
    "t.requested_by, t.requested_at, t.decided_by, t.decided_at, t.reason, t.requested_by_side, "
    "t.from_path "
    "FROM member_transfers t JOIN members m ON m.id = t.member_id ";

Transfer transfer_view(const db::Row& r) {
    Transfer t;
    t.id = r.get<int64_t>(0);
    t.member_id = r.get<int64_t>(1);
    t.member_name = r.get<std::string>(2);
    t.card_no = r.get<std::string>(3);
    t.from_org_id = r.get<int64_t>(4);
    t.to_org_id = r.get<int64_t>(5);
    t.status = r.get<std::string>(6);
    t.requested_by = r.get<std::string>(7);
    t.requested_at = r.get<std::string>(8);
    t.decided_by = r.get_opt<std::string>(9);
    t.decided_at = r.get_opt<std::string>(10);
    t.reason = r.get<std::string>(11);
    t.requested_by_side = r.get<std::string>(12);
    t.from_path = r.get<std::string>(13);
    return t;
}

// A receiving-side requester typed only the ID number: until the member is theirs it sees the
// name masked, unless its scope also holds the giving org (who may read the member anyway).
Transfer shielded(const auth::Scope& scope, Transfer t) {
    if (t.requested_by_side == "to" && t.status != "accepted" && !scope.contains(t.from_path)) {
        t.member_name = pii::mask_name(t.member_name);
    }
    return t;
}

ApiError in_transfer() { return ApiError(409, "member.in_transfer", "转接中的会员不能变更状态"); }

const char* decision_name(Decision d) {
    switch (d) {
        case Decision::accept:
            return "accept";
        case Decision::decline:
            return "decline";
        case Decision::cancel:
            return "cancel";
    }
    return "cancel";
}

const char* decided_status(Decision d) {
    switch (d) {
        case Decision::accept:
            return "accepted";
        case Decision::decline:
            return "declined";
        case Decision::cancel:
            return "cancelled";
    }
    return "cancelled";
}

}  // namespace

Transfer MemberService::load_transfer(db::Connection& c, int64_t id) {
    return transfer_view(c.query(std::string(kTransferColumns) + "WHERE t.id = ?", {id}).front());
}

Transfer MemberService::open_transfer(db::Connection& tx, const Actor& by, int64_t member_id,
                                      int64_t from_org, const std::string& from_path,
                                      const orgs::Org& target, const std::string& reason,
                                      const std::string& side) {
    const std::string now = clock_.now_iso();
    // Only one request can move the member out of 'active'; the others change no row.
    if (side == "from" && tx.execute("UPDATE members SET status = 'transferring', updated_at = ? "
                                     "WHERE id = ? AND status = 'active'",
                                     {now, member_id}) != 1) {
        require_active(tx.query("SELECT status FROM members WHERE id = ?", {member_id})
                           .front()
                           .get<std::string>(0));
        throw in_transfer();
    }
    const int64_t tid =
        tx.query(
              "INSERT INTO member_transfers (member_id, from_org_id, from_path, to_org_id, "
              "to_path, status, requested_by, requested_at, reason, requested_by_side, "
              "requested_by_id) VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?) RETURNING id",
              {member_id, from_org, from_path, target.id, target.path, actor_label(by), now, reason,
               side, by.type == "staff" && by.id ? db::Value(*by.id) : db::Value(nullptr)})
            .front()
            .get<int64_t>(0);
    if (side == "from") {
        write_history(
            tx, member_id, now, "active", "transferring", from_org, by,
            fmt::format("transfer #{} requested{}{}", tid, reason.empty() ? "" : ": ", reason));
    }
    auth::record(audit_, tx, by, "member.transfer.request", "member_transfer", std::to_string(tid),
                 {{"member_id", member_id},
                  {"from_org_id", from_org},
                  {"to_org_id", target.id},
                  {"side", side}});
    return load_transfer(tx, tid);
}

Transfer MemberService::request_transfer(const Actor& by, const Principal& p, int64_t member_id,
                                         int64_t to_org_id, std::string_view reason_in) {
    const std::string reason = trim(reason_in);
    if (utf8_length(reason) > 500) {
        throw ApiError(422, "transfer.reason", "转接原因不超过 500 个字", "reason");
    }
    auto c = pool_.acquire();
    try {
        return db::in_transaction(*c, [&](db::Connection& tx) {
            auto rs =
                tx.query("SELECT org_id, org_path, status FROM members WHERE id = ?", {member_id});
            if (rs.empty() || !p.scope().contains(rs.front().get<std::string>(1))) {
                throw ApiError(404, "member.not_found", "会员不存在");
            }
            const int64_t from_org = rs.front().get<int64_t>(0);
            const std::string from_path = rs.front().get<std::string>(1);
            // The target may lie outside the caller's scope: transfers cross counties.
            auto target = orgs_.find(tx, to_org_id);
            if (!target) throw ApiError(422, "transfer.org", "转入工会不存在", "to_org_id");
            if (target->id == from_org) {
                throw ApiError(422, "transfer.same_org", "转入工会与会员现所在工会相同",
                               "to_org_id");
            }
            require_active(rs.front().get<std::string>(2));
            return open_transfer(tx, by, member_id, from_org, from_path, *target, reason, "from");
        });
    } catch (const db::DbError& e) {
        // The partial UNIQUE index on pending transfers: a second request lost the race.
        if (e.kind() == db::DbError::Kind::unique &&
            e.constraint().find("member_transfers") != std::string::npos) {
            throw in_transfer();
        }
        throw;
    }
}

void MemberService::request_transfer_by_id(const Actor& by, const Principal& p,
                                           std::string_view id_number, int64_t to_org_id,
                                           std::string_view reason_in) {
    const std::string reason = trim(reason_in);
    if (utf8_length(reason) > 500) {
        throw ApiError(422, "transfer.reason", "转接原因不超过 500 个字", "reason");
    }
    auto id = cn::parse_id_number(id_number, "id_number");
    if (!id) throw ApiError::from(id.problem(), 422);
    const db::Blob blind{vault_.blind_index("id_number", id->value)};
    const auth::Scope scope = p.scope();
    auto c = pool_.acquire();
    // Nothing stored (nobody holds the number, or the holder cannot be asked for now): the
    // same answer as a stored request; only the audit row tells them apart.
    auto unmatched = [&](db::Connection& tx, const orgs::Org& target, const char* why) {
        auth::record(audit_, tx, by, "member.transfer.request", "member_transfer", "",
                     {{"to_org_id", target.id}, {"side", "to"}, {"stored", false}, {"why", why}});
    };
    try {
        db::in_transaction(*c, [&](db::Connection& tx) {
            // The receiving org must be the caller's own: one asks only for one's own union.
            auto target = orgs_.find(tx, to_org_id);
            if (!target || !scope.contains(target->path)) {
                throw ApiError(422, "transfer.org", "转入工会不存在", "to_org_id");
            }
            require_active_org(*target);
            auto rs = tx.query(
                "SELECT id, org_id, org_path, status FROM members WHERE active_blind = ?", {blind});
            if (rs.empty()) return unmatched(tx, *target, "no_member");
            const auto m = rs.front();
            const int64_t member_id = m.get<int64_t>(0), from_org = m.get<int64_t>(1);
            const std::string from_path = m.get<std::string>(2);
            // The caller may read its own scope's members anyway: telling it is no leak.
            if (scope.contains(from_path)) {
                throw ApiError(422, "transfer.same_scope",
                               "此人已是本单位管辖范围内的会员，无需申请转接", "id_number");
            }
            if (m.get<std::string>(3) != "active") return unmatched(tx, *target, "not_active");
            if (!tx.query("SELECT 1 FROM member_transfers WHERE member_id = ? AND "
                          "status = 'pending'",
                          {member_id})
                     .empty()) {
                return unmatched(tx, *target, "pending");
            }
            open_transfer(tx, by, member_id, from_org, from_path, *target, reason, "to");
        });
    } catch (const db::DbError& e) {
        // The partial UNIQUE index on pending transfers: a concurrent request won the race.
        // Answered like any other request (the winner's is stored; this one is not).
        if (e.kind() != db::DbError::Kind::unique ||
            e.constraint().find("member_transfers") == std::string::npos) {
            throw;
        }
    }
}

Transfer MemberService::decide_transfer(const Actor& by, const Principal& p, int64_t transfer_id,
                                        Decision d) {
    auto c = pool_.acquire();
    return db::in_transaction(*c, [&](db::Connection& tx) {
        auto rs = tx.query(
            "SELECT member_id, from_org_id, from_path, to_org_id, to_path, status, "
            "requested_by_side, requested_by_id FROM member_transfers WHERE id = ?",
            {transfer_id});
        // The side that did not request accepts or declines; the requesting side cancels.
        // Requested by the giving side (from_path, 2): the receiving side (to_path, 4) decides.
        const bool by_receiver = !rs.empty() && rs.front().get<std::string>(6) == "to";
        const size_t requester_path = by_receiver ? 4 : 2, decider_path = by_receiver ? 2 : 4;
        const size_t side_path = d == Decision::cancel ? requester_path : decider_path;
        if (rs.empty() || !p.scope().contains(rs.front().get<std::string>(side_path))) {
            throw ApiError(404, "transfer.not_found", "转接申请不存在");
        }
        // A pending request by ID number is not the requester's to see (transfers()), so not
        // to cancel either: ids are sequential, and a 200 would say the number matched.
        if (by_receiver && d == Decision::cancel && rs.front().get<std::string>(5) == "pending" &&
            !p.scope().contains(rs.front().get<std::string>(2))) {
            throw ApiError(404, "transfer.not_found", "转接申请不存在");
        }
        const auto row = rs.front();
        const int64_t member_id = row.get<int64_t>(0);
        const int64_t from_org = row.get<int64_t>(1), to_org = row.get<int64_t>(3);
        const ApiError not_pending(409, "transfer.not_pending", "该转接申请已处理，不能再变更");
        if (row.get<std::string>(5) != "pending") throw not_pending;
        const std::string now = clock_.now_iso();
        const std::string status = decided_status(d);
        if (tx.execute("UPDATE member_transfers SET status = ?, decided_by = ?, decided_at = ? "
                       "WHERE id = ? AND status = 'pending'",
                       {status, actor_label(by), now, transfer_id}) != 1) {
            throw not_pending;
        }
        const nlohmann::json detail = {
            {"member_id", member_id}, {"from_org_id", from_org}, {"to_org_id", to_org}};
        // The requester hears of an answer they did not give themselves.
        if (auto requester = row.get_opt<int64_t>(7);
            requester && notices_ && d != Decision::cancel) {
            auto target = orgs_.find(tx, to_org);
            const bool yes = d == Decision::accept;
            notices_->post(tx, {notices::Recipient::staff(*requester),
                                yes ? "transfer.accepted" : "transfer.declined",
                                yes ? "会员转接已完成" : "会员转接未被接收",
                                "转接申请 #" + std::to_string(transfer_id) + "（转入" +
                                    (target ? target->name : std::string("目标工会")) + "）" +
                                    (yes ? "已办理完成。" : "未被接收。"),
                                ""});
        }
        // Asked for by the receiving side, the member was left as it was: declined or
        // cancelled, nothing changes on it; accepted, it must still be active.
        const bool marked = !by_receiver;
        if (!marked && d != Decision::accept) {
            auth::record(audit_, tx, by, std::string("member.transfer.") + decision_name(d),
                         "member_transfer", std::to_string(transfer_id), detail);
            return shielded(p.scope(), load_transfer(tx, transfer_id));
        }
        if (!marked) {
            // Checked before the rollups; the guarded UPDATE below still decides a race.
            require_active(tx.query("SELECT status FROM members WHERE id = ?", {member_id})
                               .front()
                               .get<std::string>(0));
        }
        const std::string was = marked ? "transferring" : "active";
        // Accepted: the member moves to the target org. Otherwise it stays where it was.
        const int64_t org_id = d == Decision::accept ? to_org : from_org;
        auto org = orgs_.find(tx, org_id);
        const std::string path = org ? org->path : row.get<std::string>(org_id == to_org ? 4 : 2);
        auto before =
            tx.query("SELECT org_path, occupation_category, new_form FROM members WHERE id = ?",
                     {member_id});
        if (d == Decision::accept && !before.empty()) {
            const auto b = before.front();
            const bool gig = b.get<int64_t>(2) != 0;
            RollupDelta rollups;
            rollups.move({b.get<std::string>(0), b.get<std::string>(1), gig},
                         {path, b.get<std::string>(1), gig}, this_month());
            rollups.apply(tx);
        }
        if (tx.execute("UPDATE members SET org_id = ?, org_path = ?, status = 'active', "
                       "updated_at = ? WHERE id = ? AND status = ?",
                       {org_id, path, now, member_id, was}) != 1) {
            if (!marked) {  // its status changed since the check: that status's own rule
                require_active(tx.query("SELECT status FROM members WHERE id = ?", {member_id})
                                   .front()
                                   .get<std::string>(0));
            }
            throw std::runtime_error("member of a pending transfer changed under it");
        }
        write_history(tx, member_id, now, was, "active", org_id, by,
                      fmt::format("transfer #{} {}", transfer_id, status));
        auth::record(audit_, tx, by, std::string("member.transfer.") + decision_name(d),
                     "member_transfer", std::to_string(transfer_id), detail);
        return shielded(p.scope(), load_transfer(tx, transfer_id));
    });
}

TransferPage MemberService::transfers(const Principal& p, const TransferQuery& q) {
    TransferPage page;
    const auth::Scope scope = p.scope();
    if (scope.root_path.empty()) return page;  // a scope that contains nothing
    const char* column = q.incoming ? "t.to_path" : "t.from_path";
    // A request the receiving side made by ID number stays out of its own list while pending:
    // that a row appeared would tell it the number is someone's membership before the giving
    // side has seen the request (unless its scope holds the giving org too).
    std::string where = fmt::format(
        "WHERE {0} >= ? AND {0} < ? AND t.id > ? AND (t.requested_by_side <> 'to' OR "
        "t.status <> 'pending' OR (t.from_path >= ? AND t.from_path < ?))",
        column);
    db::Params params = {scope.root_path, scope.upper_bound(), q.after_id, scope.root_path,
                         scope.upper_bound()};
    if (q.status) {
        where += " AND t.status = ?";
        params.push_back(*q.status);
    }
    params.push_back(int64_t{q.limit});
    auto c = pool_.acquire();
    // Both ends by name: the other side often lies outside the caller's scope, so the console
    // cannot name it from its own org list (an org's name is not personal data).
    std::map<int64_t, std::optional<std::string>> names;
    auto name_of = [&](int64_t id) {
        auto [it, fresh] = names.try_emplace(id);
        if (fresh) {
            if (auto o = orgs_.find(*c, id)) it->second = o->name;
        }
        return it->second;
    };
    for (auto r :
         c->query(std::string(kTransferColumns) + where + " ORDER BY t.id LIMIT ?", params)) {
        Transfer t = shielded(scope, transfer_view(r));
        t.from_org_name = name_of(t.from_org_id);
        t.to_org_name = name_of(t.to_org_id);
        page.items.push_back(std::move(t));
    }
    if (!page.items.empty() && page.items.size() == static_cast<size_t>(q.limit)) {
        page.next_cursor = page.items.back().id;
    }
    return page;
}

}  // namespace gh::members
