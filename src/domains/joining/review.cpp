// The cadre's side of joining: the review queue of the subtree, approving (the member is created
// in the same transaction), rejecting with a reason, and approving a batch all or nothing.
#include <set>

#include "core/auth/audit_record.h"
#include "core/cn/text.h"
#include "core/error.h"
#include "core/time.h"
#include "domains/joining/internal.h"

namespace gh::joining {

namespace {

ApiError not_found() { return ApiError(404, "join.not_found", "入会申请不存在"); }
ApiError not_pending() { return ApiError(409, "join.not_pending", "该申请已审核，不能重复审核"); }

}  // namespace

ApplicationPage JoinService::list(const Principal& p, const ApplicationQuery& q) {
    ApplicationPage page;
    auth::Scope scope = p.scope();
    if (scope.root_path.empty()) return page;
    auto c = pool_.acquire();
    if (q.org_id) {
        auto org = orgs_.find_in_scope(*c, scope, *q.org_id);
        if (!org) throw ApiError(404, "org.not_found", "组织不存在");
        scope = auth::Scope{org->path};
    }
    std::string where = "WHERE org_path >= ? AND org_path < ?";
    db::Params params = {scope.root_path, scope.upper_bound()};
    if (q.status) {
        where += " AND status = ?";
        params.push_back(*q.status);
    }
    page.total =
        c->query("SELECT COUNT(*) FROM join_applications " + where, params).front().get<int64_t>(0);
    params.push_back(q.after_id);
    params.push_back(int64_t{q.limit});
    for (auto r :
         c->query(std::string(kColumns) + where + " AND id > ? ORDER BY id LIMIT ?", params)) {
        page.items.push_back(view(*c, r));
    }
    if (!page.items.empty() && page.items.size() == static_cast<size_t>(q.limit)) {
        page.next_cursor = page.items.back().id;
    }
    return page;
}

std::optional<Application> JoinService::get(const Principal& p, int64_t id) {
    auto c = pool_.acquire();
    auto rs = c->query(std::string(kColumns) + "WHERE id = ?", {id});
    if (rs.empty() || !p.scope().contains(rs.front().get<std::string>(21))) return std::nullopt;
    return view(*c, rs.front());
}

Application JoinService::approve_in(db::Connection& tx, const Actor& by, const Principal& p,
                                    int64_t id) {
    auto rs = tx.query(std::string(kColumns) + "WHERE id = ?", {id});
    if (rs.empty() || !p.scope().contains(rs.front().get<std::string>(21))) throw not_found();
    const auto row = rs.front();
    if (row.get<std::string>(14) != "pending") throw not_pending();
    Person person;
    person.id_blind = row.get<db::Blob>(22);
    if (!row.is_null(23)) person.phone_blind = row.get<db::Blob>(23);
    // One phone, one person: refused while another person's membership has it. Only members
    // count here — applications are received unchecked (they must not tell whose number it
    // is), so a pending one would let anybody block a number; under the phone's lock the
    // first approval wins and the next sees its member.
    if (person.phone_blind) {
        lock_phones(tx, {*person.phone_blind});
        if (members_.phone_used_by_other(tx, *person.phone_blind, person.id_blind)) {
            throw ApiError(409, "member.phone_taken",
                           "该手机号已被他人使用；如号码已易主，请联系县级总工会释放", "phone");
        }
    }
    auto org = orgs_.find(tx, row.get<int64_t>(2));
    if (!org) throw std::runtime_error("join application of a missing org");
    members::NewMember m;
    m.org_id = org->id;
    m.name = row.get<std::string>(3);
    m.id_number = vault_.decrypt(row.get<db::Blob>(4).bytes, kIdContext);
    if (!row.is_null(5)) m.phone = vault_.decrypt(row.get<db::Blob>(5).bytes, kPhoneContext);
    m.occupation = row.get<std::string>(6);
    m.new_form = row.get<int64_t>(8) != 0;
    const members::Member member = members_.create_in(tx, by, p, *org, m);
    const std::string now = clock_.now_iso();
    if (tx.execute("UPDATE join_applications SET status = 'approved', member_id = ?, "
                   "reviewed_by = ?, reviewed_at = ?, updated_at = ? "
                   "WHERE id = ? AND status = 'pending'",
                   {member.id, actor_label(by), now, now, id}) != 1) {
        throw not_pending();
    }
    auth::record(audit_, tx, by, "join.approve", "join_application", std::to_string(id),
                 {{"member_id", member.id}, {"org_id", org->id}, {"card_no", member.card_no}});
    tell_worker(tx, row.get_opt<int64_t>(1), m.phone, "join.approved", "入会申请已通过",
                "您加入" + org->name + "的申请已通过，会员证号 " + member.card_no +
                    "。可在“我的会员证”查看电子会员证。",
                "/m/card");
    return load(tx, id);
}

Application JoinService::approve(const Actor& by, const Principal& p, int64_t id) {
    auto c = pool_.acquire();
    try {
        auto out =
            db::in_transaction(*c, [&](db::Connection& tx) { return approve_in(tx, by, p, id); });
        sms_.kick();
        return out;
    } catch (const db::DbError& e) {
        // Another approval of the same person committed first (PostgreSQL: the UNIQUE index
        // on active_blind decided it).
        if (!members::MemberService::is_already_active(e)) throw;
        auto rs = c->query("SELECT id_blind FROM join_applications WHERE id = ?", {id});
        members_.explain_already_active(*c, p, rs.front().get<db::Blob>(0));
    }
}

void JoinService::tell_worker(db::Connection& tx, std::optional<int64_t> worker_id,
                              const std::optional<std::string>& phone, std::string_view event,
                              const std::string& title, const std::string& body,
                              std::string_view link) {
    if (worker_id) {
        notices_.post(tx, {notices::Recipient::worker(*worker_id), std::string(event), title, body,
                           std::string(link)});
    }
    if (phone) sms_.queue_status(tx, *phone, event, title + "：" + body);
}

Application JoinService::reject(const Actor& by, const Principal& p, int64_t id,
                                std::string_view reason_in) {
    const std::string reason = cn::trim_lines(reason_in);
    if (reason.empty() || utf8_length(reason) > 500) {
        throw ApiError(422, "join.reason", "请填写不予通过的原因（不超过 500 字）", "reason");
    }
    auto c = pool_.acquire();
    auto out = db::in_transaction(*c, [&](db::Connection& tx) {
        auto rs = tx.query(
            "SELECT org_path, status, worker_id, phone_enc, org_id FROM join_applications "
            "WHERE id = ?",
            {id});
        if (rs.empty() || !p.scope().contains(rs.front().get<std::string>(0))) throw not_found();
        if (rs.front().get<std::string>(1) != "pending") throw not_pending();
        const std::string now = clock_.now_iso();
        if (tx.execute("UPDATE join_applications SET status = 'rejected', reject_reason = ?, "
                       "reviewed_by = ?, reviewed_at = ?, updated_at = ? "
                       "WHERE id = ? AND status = 'pending'",
                       {reason, actor_label(by), now, now, id}) != 1) {
            throw not_pending();
        }
        auth::record(audit_, tx, by, "join.reject", "join_application", std::to_string(id),
                     {{"reason_chars", utf8_length(reason)}});  // free text: kept out
        const auto& r = rs.front();
        std::optional<std::string> phone;
        if (!r.is_null(3)) phone = vault_.decrypt(r.get<db::Blob>(3).bytes, kPhoneContext);
        auto org = orgs_.find(tx, r.get<int64_t>(4));
        tell_worker(tx, r.get_opt<int64_t>(2), phone, "join.rejected", "入会申请未通过",
                    "您加入" + (org ? org->name : std::string("工会")) + "的申请未通过，原因：" +
                        reason + "。修改后可重新提交。",
                    "/m/join");
        return load(tx, id);
    });
    sms_.kick();
    return out;
}

std::vector<Application> JoinService::batch_approve(const Actor& by, const Principal& p,
                                                    const std::vector<int64_t>& ids) {
    if (ids.empty() || ids.size() > 500) {
        throw ApiError(422, "join.batch_size", "请选择 1 到 500 份申请", "ids");
    }
    if (std::set<int64_t>(ids.begin(), ids.end()).size() != ids.size()) {
        throw ApiError(422, "join.batch_duplicate", "同一份申请不能重复选择", "ids");
    }
    auto c = pool_.acquire();
    try {
        return db::in_transaction(*c, [&](db::Connection& tx) {
            // Every phone of the batch is locked first, in one order (lock_phones).
            std::string in = "?";
            db::Params params{ids.front()};
            for (size_t i = 1; i < ids.size(); ++i) {
                in += ",?";
                params.emplace_back(ids[i]);
            }
            std::vector<db::Blob> phones;
            for (const auto& r :
                 tx.query("SELECT phone_blind FROM join_applications WHERE id IN (" + in +
                              ") AND phone_blind IS NOT NULL",
                          params)) {
                phones.push_back(r.get<db::Blob>(0));
            }
            lock_phones(tx, std::move(phones));
            std::vector<Application> done;
            nlohmann::json problems = nlohmann::json::array();
            for (int64_t id : ids) {
                // Each check fails before any statement of its own does, so on PostgreSQL the
                // transaction stays usable and every problem is reported at once.
                try {
                    done.push_back(approve_in(tx, by, p, id));
                } catch (const ApiError& e) {
                    problems.push_back({{"id", id}, {"code", e.code()}, {"message", e.message()}});
                }
            }
            if (!problems.empty()) {
                throw ApiError(
                    409, "join.batch_refused",
                    "有 " + std::to_string(problems.size()) + " 份申请不能通过，本批未作任何变更",
                    "ids", {{"problems", problems}});
            }
            auth::record(audit_, tx, by, "join.batch_approve", "org", std::to_string(p.org_id),
                         {{"count", done.size()}});
            return done;
        });
    } catch (const db::DbError& e) {
        if (!members::MemberService::is_already_active(e)) throw;
        throw ApiError(409, "member.already_active",
                       "本批中有人已在其他审核中入会，本批未作任何变更，请刷新后重试", "ids");
    }
}

std::optional<Membership> JoinService::member_card(const Principal& p, int64_t member_id) {
    auto c = pool_.acquire();
    auto m = membership_of(*c, member_id);
    if (!m) return std::nullopt;
    auto org = orgs_.find_in_scope(*c, p.scope(), m->org_id);
    if (!org) return std::nullopt;
    return m;
}

}  // namespace gh::joining
