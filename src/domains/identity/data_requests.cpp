#include "domains/identity/data_requests.h"

#include "core/auth/audit_record.h"
#include "core/cn/text.h"
#include "core/error.h"

namespace gh::identity {

namespace {

constexpr const char* kColumns =
    "SELECT id, worker_id, kind, detail, status, reply, created_at, handled_at "
    "FROM worker_data_requests ";

DataRequest read(const db::Row& r) {
    DataRequest d;
    d.id = r.get<int64_t>(0);
    d.worker_id = r.get<int64_t>(1);
    d.kind = r.get<std::string>(2);
    d.detail = r.get<std::string>(3);
    d.status = r.get<std::string>(4);
    d.reply = r.get<std::string>(5);
    d.created_at = r.get<std::string>(6);
    d.handled_at = r.get_opt<std::string>(7);
    return d;
}

using cn::trim_lines;
using cn::utf8_length;

}  // namespace

DataRequest DataRequests::file(const auth::Actor& by, const auth::Principal& worker,
                               std::string_view kind, std::string_view detail_in) {
    if (kind != "correct" && kind != "delete") {
        throw ApiError(422, "data_request.kind", "申请类型应为更正（correct）或删除（delete）",
                       "kind");
    }
    const std::string detail = trim_lines(detail_in);
    if (detail.empty() || utf8_length(detail) > 1000) {
        throw ApiError(422, "data_request.detail", "请说明需要更正或删除的内容（不超过 1000 字）",
                       "detail");
    }
    auto c = pool_.acquire();
    return db::in_transaction(*c, [&](db::Connection& tx) {
        const auto pending = tx.query(
                                   "SELECT COUNT(*) FROM worker_data_requests WHERE worker_id = ? "
                                   "AND status = 'pending'",
                                   {worker.account_id})
                                 .front()
                                 .get<int64_t>(0);
        if (pending >= 5) {
            throw ApiError(409, "data_request.too_many", "已有 5 份申请在处理中，请等待答复");
        }
        const int64_t id = tx.query(
                                 "INSERT INTO worker_data_requests (worker_id, kind, detail, "
                                 "created_at) VALUES (?, ?, ?, ?) RETURNING id",
                                 {worker.account_id, std::string(kind), detail, clock_.now_iso()})
                               .front()
                               .get<int64_t>(0);
        auth::record(audit_, tx, by, "worker.data_request", "worker_data_request",
                     std::to_string(id), {{"kind", std::string(kind)}});
        return read(tx.query(std::string(kColumns) + "WHERE id = ?", {id}).front());
    });
}

std::vector<DataRequest> DataRequests::mine(const auth::Principal& worker) {
    auto c = pool_.acquire();
    std::vector<DataRequest> out;
    for (auto r : c->query(std::string(kColumns) + "WHERE worker_id = ? ORDER BY id DESC",
                           {worker.account_id})) {
        out.push_back(read(r));
    }
    return out;
}

std::vector<DataRequest> DataRequests::queue(std::string_view status,
                                             std::optional<int64_t> before_id, int limit) {
    if (!status.empty() && status != "pending" && status != "done" && status != "refused") {
        throw ApiError(400, "data_request.status", "status 应为 pending、done 或 refused",
                       "status");
    }
    auto c = pool_.acquire();
    std::vector<DataRequest> out;
    const std::string sql = std::string(kColumns) + "WHERE id < ?" +
                            (status.empty() ? "" : " AND status = ?") + " ORDER BY id DESC LIMIT ?";
    db::Params params{before_id.value_or(INT64_MAX)};
    if (!status.empty()) params.emplace_back(std::string(status));
    params.emplace_back(int64_t{limit});
    for (auto r : c->query(sql, params)) out.push_back(read(r));
    return out;
}

DataRequest DataRequests::answer(const auth::Actor& by, int64_t id, std::string_view status,
                                 std::string_view reply_in) {
    if (status != "done" && status != "refused") {
        throw ApiError(422, "data_request.status", "处理结果应为 done 或 refused", "status");
    }
    const std::string reply = trim_lines(reply_in);
    if (reply.empty() || utf8_length(reply) > 1000) {
        throw ApiError(422, "data_request.reply", "请填写给职工的答复（不超过 1000 字）", "reply");
    }
    auto c = pool_.acquire();
    return db::in_transaction(*c, [&](db::Connection& tx) {
        auto rs = tx.query(std::string(kColumns) + "WHERE id = ?", {id});
        if (rs.empty()) throw ApiError(404, "data_request.not_found", "申请不存在");
        const DataRequest before = read(rs.front());
        const std::string now = clock_.now_iso();
        if (tx.execute("UPDATE worker_data_requests SET status = ?, reply = ?, handled_by = ?, "
                       "handled_at = ? WHERE id = ? AND status = 'pending'",
                       {std::string(status), reply, by.type + ":" + by.name, now, id}) != 1) {
            throw ApiError(409, "data_request.answered", "该申请已经答复");
        }
        auth::record(audit_, tx, by, "worker.data_request_answer", "worker_data_request",
                     std::to_string(id), {{"status", std::string(status)}});
        const std::string what = before.kind == "delete" ? "删除" : "更正";
        notices_.post(
            tx,
            {notices::Recipient::worker(before.worker_id), "data_request." + std::string(status),
             status == "done" ? "您的" + what + "申请已处理" : "您的" + what + "申请未予办理",
             reply, "/m/me/data"});
        return read(tx.query(std::string(kColumns) + "WHERE id = ?", {id}).front());
    });
}

}  // namespace gh::identity
