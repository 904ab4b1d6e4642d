// The inbox: notices per recipient, newest first.
#include <fmt/format.h>

#include "core/auth/audit_record.h"
#include "core/error.h"
#include "domains/notices/notices.h"

namespace gh::notices {

namespace {

const char* kind_text(Recipient::Kind k) {
    return k == Recipient::Kind::worker ? "worker" : "staff";
}

Notice read_row(const db::Row& r) {
    Notice n;
    n.id = r.get<int64_t>(0);
    n.kind = r.get<std::string>(1);
    n.title = r.get<std::string>(2);
    n.body = r.get<std::string>(3);
    n.link = r.get<std::string>(4);
    n.created_at = r.get<std::string>(5);
    n.read_at = r.get_opt<std::string>(6);
    return n;
}

}  // namespace

Recipient Recipient::of(const auth::Principal& p) {
    if (p.kind == "worker") return worker(p.account_id);
    if (p.kind == "staff") return staff(p.account_id);
    throw ApiError(403, "notice.no_inbox", "接口账号没有通知收件箱");
}

int64_t NoticeService::post(db::Connection& tx, const NewNotice& n) {
    return tx
        .query(
            "INSERT INTO notices (recipient_kind, recipient_id, kind, title, body, link, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
            {kind_text(n.to.kind), n.to.id, n.kind, n.title, n.body, n.link, clock_.now_iso()})
        .front()
        .get<int64_t>(0);
}

NoticePage NoticeService::inbox(const Recipient& r, std::optional<int64_t> before_id, int limit) {
    auto c = pool_.acquire();
    NoticePage page;
    auto rows = c->query(
        "SELECT id, kind, title, body, link, created_at, read_at FROM notices "
        "WHERE recipient_kind = ? AND recipient_id = ? AND id < ? ORDER BY id DESC LIMIT ?",
        {kind_text(r.kind), r.id, before_id.value_or(INT64_MAX), int64_t{limit} + 1});
    for (auto row : rows) {
        if (static_cast<int>(page.items.size()) == limit) {
            page.more = true;
            break;
        }
        page.items.push_back(read_row(row));
    }
    page.unread = c->query(
                       "SELECT COUNT(*) FROM notices WHERE recipient_kind = ? AND "
                       "recipient_id = ? AND read_at IS NULL",
                       {kind_text(r.kind), r.id})
                      .front()
                      .get<int64_t>(0);
    return page;
}

int64_t NoticeService::unread(const Recipient& r) {
    auto c = pool_.acquire();
    return c
        ->query(
            "SELECT COUNT(*) FROM notices WHERE recipient_kind = ? AND recipient_id = ? AND "
            "read_at IS NULL",
            {kind_text(r.kind), r.id})
        .front()
        .get<int64_t>(0);
}

void NoticeService::mark_read(const auth::Actor& by, const Recipient& r, int64_t id) {
    auto c = pool_.acquire();
    db::in_transaction(*c, [&](db::Connection& tx) {
        auto found = tx.query(
            "SELECT read_at FROM notices WHERE id = ? AND recipient_kind = ? AND recipient_id = ?",
            {id, kind_text(r.kind), r.id});
        if (found.empty()) throw ApiError(404, "notice.not_found", "通知不存在");
        if (found.front().get_opt<std::string>(0)) return;  // already read: nothing changes
        tx.execute("UPDATE notices SET read_at = ? WHERE id = ? AND read_at IS NULL",
                   {clock_.now_iso(), id});
        auth::record(audit_, tx, by, "notice.read", "notice", std::to_string(id));
    });
}

int64_t NoticeService::read_all(const auth::Actor& by, const Recipient& r) {
    auto c = pool_.acquire();
    return db::in_transaction(*c, [&](db::Connection& tx) {
        int64_t n = tx.execute(
            "UPDATE notices SET read_at = ? WHERE recipient_kind = ? AND recipient_id = ? AND "
            "read_at IS NULL",
            {clock_.now_iso(), kind_text(r.kind), r.id});
        if (n > 0) {
            auth::record(audit_, tx, by, "notice.read_all", "notice", "", {{"count", n}});
        }
        return n;
    });
}

nlohmann::json notice_json(const Notice& n) {
    return {{"id", n.id},
            {"kind", n.kind},
            {"title", n.title},
            {"body", n.body},
            {"link", n.link},
            {"created_at", to_wire(n.created_at)},
            {"read_at", n.read_at ? nlohmann::json(to_wire(*n.read_at)) : nlohmann::json(nullptr)}};
}

}  // namespace gh::notices
