// The points ledger, the stations' items and their redemption; see points.h. events.cpp holds
// the volunteer events and attendance.
#include "domains/stations/points.h"

#include <sodium.h>

#include <cstdio>

#include "core/auth/audit_record.h"
#include "core/auth/token.h"
#include "core/cn/text.h"
#include "core/error.h"
#include "domains/stations/internal.h"

namespace gh::stations {

namespace {

constexpr int64_t kMaxPoints = 100000;
constexpr int64_t kMaxStock = 100000;
constexpr const char* kPointsLink = "/m/stations/points";

constexpr const char* kItemColumns =
    "SELECT id, station_id, name, points, stock, active, created_at, updated_at FROM "
    "station_items ";

Item item_of(const db::Row& r) {
    Item i;
    i.id = r.get<int64_t>(0);
    i.station_id = r.get<int64_t>(1);
    i.name = r.get<std::string>(2);
    i.points = r.get<int64_t>(3);
    i.stock = r.get<int64_t>(4);
    i.active = r.get<int64_t>(5) != 0;
    i.created_at = r.get<std::string>(6);
    i.updated_at = r.get<std::string>(7);
    return i;
}

std::string item_name(const std::string& raw) {
    std::string t = cn::trim(raw);
    if (t.empty()) throw ApiError(422, "points.item_name", "请填写兑换物品名称", "name");
    if (cn::utf8_length(t) > 50) {
        throw ApiError(422, "points.item_name", "兑换物品名称不能超过 50 字", "name");
    }
    return t;
}
int64_t item_points(int64_t v) {
    if (v < 1 || v > kMaxPoints) {
        throw ApiError(422, "points.item_points", "所需积分应为 1–100000 的整数", "points");
    }
    return v;
}
int64_t item_stock(int64_t v) {
    if (v < 0 || v > kMaxStock) {
        throw ApiError(422, "points.item_stock", "库存应为 0–100000 的整数", "stock");
    }
    return v;
}

std::string new_pickup_code() {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%08u", randombytes_uniform(100000000U));
    return buf;
}

// The marker of a lost race for an Idempotency-Key: another request holds (or held) the row.
struct KeyTaken {};

}  // namespace

std::string detail::actor_label(const Actor& by) {
    const std::string id = by.id ? std::to_string(*by.id) : "";
    if (by.type == "worker") return "w" + id;
    return by.name.empty() ? by.type + ":" + id : by.name;
}

detail::Posted detail::credit(db::Connection& tx, int64_t worker_id, const char* kind,
                              int64_t amount, const Station& s, const std::string& ref,
                              const std::string& note, const std::string& by,
                              const std::string& now) {
    tx.execute(
        "INSERT INTO points_accounts (worker_id, balance, updated_at) VALUES (?, 0, ?) "
        "ON CONFLICT (worker_id) DO NOTHING",
        {worker_id, now});
    auto rs = tx.query(
        "UPDATE points_accounts SET balance = balance + ?, updated_at = ? WHERE worker_id = ? "
        "RETURNING balance",
        {amount, now, worker_id});
    const int64_t balance = rs.front().get<int64_t>(0);
    const int64_t entry =
        tx.query(
              "INSERT INTO points_entries (worker_id, kind, amount, balance_after, "
              "station_id, org_path, ref, note, created_by, created_at) VALUES "
              "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
              {worker_id, std::string(kind), amount, balance, s.id, s.org_path, ref, note, by, now})
            .front()
            .get<int64_t>(0);
    return {entry, balance};
}

PointsService::PointsService(db::Pool& pool, audit::AuditLog& audit, const pii::Vault& vault,
                             const TimeSource& clock, StationService& stations,
                             notices::NoticeService& notices, joining::JoinService& joining,
                             members::MemberService& members)
    : pool_(pool),
      audit_(audit),
      vault_(vault),
      clock_(clock),
      stations_(stations),
      notices_(notices),
      joining_(joining),
      members_(members) {}

// --- items ---

Item PointsService::add_item(const Actor& by, const Principal& p, int64_t station_id,
                             const NewItem& in) {
    const std::string name = item_name(in.name);
    const int64_t points = item_points(in.points);
    const int64_t stock = item_stock(in.stock);
    auto c = pool_.acquire();
    return db::in_transaction(*c, [&](db::Connection& tx) {
        const Station s = stations_.scoped(tx, p, station_id);
        const std::string now = clock_.now_iso();
        const int64_t id =
            tx.query(
                  "INSERT INTO station_items (station_id, org_path, name, points, stock, active, "
                  "created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?) RETURNING id",
                  {s.id, s.org_path, name, points, stock, now, now})
                .front()
                .get<int64_t>(0);
        auth::record(audit_, tx, by, "points.item.create", "station_item", std::to_string(id),
                     {{"station_id", s.id}, {"name", name}, {"points", points}, {"stock", stock}});
        return item_of(tx.query(std::string(kItemColumns) + "WHERE id = ?", {id}).front());
    });
}

Item PointsService::update_item(const Actor& by, const Principal& p, int64_t item_id,
                                const ItemEdit& e) {
    auto c = pool_.acquire();
    return db::in_transaction(*c, [&](db::Connection& tx) {
        auto rs = tx.query(std::string(kItemColumns) + "WHERE id = ?", {item_id});
        auto s = rs.empty() ? std::nullopt : stations_.find(tx, item_of(rs.front()).station_id);
        if (!s || !p.scope().contains(s->org_path)) {
            throw ApiError(404, "points.item_not_found", "兑换物品不存在或不在管辖范围内");
        }
        const Item before = item_of(rs.front());
        Item after = before;
        if (e.name) after.name = item_name(*e.name);
        if (e.points) after.points = item_points(*e.points);
        if (e.active) after.active = *e.active;
        if (e.stock) after.stock = item_stock(*e.stock);
        std::vector<std::string> changed;
        if (after.name != before.name) changed.emplace_back("name");
        if (after.points != before.points) changed.emplace_back("points");
        if (after.stock != before.stock) changed.emplace_back("stock");
        if (after.active != before.active) changed.emplace_back("active");
        if (changed.empty()) return before;
        const std::string now = clock_.now_iso();
        // Stock is set as the keeper counted it; a redemption running at the same time waits
        // on the row and decrements what this wrote.
        tx.execute(
            "UPDATE station_items SET name = ?, points = ?, stock = ?, active = ?, updated_at = ? "
            "WHERE id = ?",
            {after.name, after.points, after.stock, int64_t{after.active ? 1 : 0}, now, item_id});
        auth::record(audit_, tx, by, "points.item.update", "station_item", std::to_string(item_id),
                     {{"station_id", before.station_id},
                      {"fields", changed},
                      {"from",
                       {{"name", before.name},
                        {"points", before.points},
                        {"stock", before.stock},
                        {"status", before.active}}},
                      {"to",
                       {{"name", after.name},
                        {"points", after.points},
                        {"stock", after.stock},
                        {"status", after.active}}}});
        return item_of(tx.query(std::string(kItemColumns) + "WHERE id = ?", {item_id}).front());
    });
}

std::vector<Item> PointsService::items(const Principal& p, int64_t station_id) {
    auto c = pool_.acquire();
    stations_.scoped(*c, p, station_id);
    std::vector<Item> out;
    for (const auto& r :
         c->query(std::string(kItemColumns) + "WHERE station_id = ? ORDER BY id", {station_id})) {
        out.push_back(item_of(r));
    }
    return out;
}

std::pair<Station, std::vector<Item>> PointsService::items_by_code(const std::string& code) {
    auto c = pool_.acquire();
    auto s = stations_.find_by_code(*c, code);
    if (!s || s->status == "retired") {
        throw ApiError(404, "points.station_not_found", "驿站不存在");
    }
    std::vector<Item> out;
    for (const auto& r : c->query(
             std::string(kItemColumns) + "WHERE station_id = ? AND active = 1 ORDER BY points, id",
             {s->id})) {
        out.push_back(item_of(r));
    }
    return {*s, out};
}

// --- the ledger ---

int64_t PointsService::balance(int64_t worker_id) {
    auto c = pool_.acquire();
    auto rs = c->query("SELECT balance FROM points_accounts WHERE worker_id = ?", {worker_id});
    return rs.empty() ? 0 : rs.front().get<int64_t>(0);
}

namespace {

constexpr const char* kEntrySelect =
    "SELECT e.id, e.worker_id, e.kind, e.amount, e.balance_after, e.station_id, s.code, s.name, "
    "e.ref, e.note, e.created_at FROM points_entries e LEFT JOIN stations s ON s.id = "
    "e.station_id ";

Entry entry_of(const db::Row& r) {
    Entry e;
    e.id = r.get<int64_t>(0);
    e.worker_id = r.get<int64_t>(1);
    e.kind = r.get<std::string>(2);
    e.amount = r.get<int64_t>(3);
    e.balance_after = r.get<int64_t>(4);
    if (!r.is_null(5) && !r.is_null(6)) {
        e.station = StationRef{r.get<int64_t>(5), r.get<std::string>(6), r.get<std::string>(7)};
    }
    e.ref = r.get<std::string>(8);
    e.note = r.get<std::string>(9);
    e.created_at = r.get<std::string>(10);
    return e;
}

}  // namespace

std::vector<Entry> PointsService::entries_of(int64_t worker_id, int limit) {
    auto c = pool_.acquire();
    std::vector<Entry> out;
    for (const auto& r :
         c->query(std::string(kEntrySelect) + "WHERE e.worker_id = ? ORDER BY e.id DESC LIMIT ?",
                  {worker_id, int64_t{limit}})) {
        out.push_back(entry_of(r));
    }
    return out;
}

std::vector<Entry> PointsService::search(const Principal& p, const EntryQuery& q) {
    auto c = pool_.acquire();
    const auto scope = p.scope();
    std::string sql = std::string(kEntrySelect) + "WHERE e.org_path >= ? AND e.org_path < ? ";
    db::Params ps{scope.root_path, scope.upper_bound()};
    if (q.station_id) {
        stations_.scoped(*c, p, *q.station_id);
        sql += "AND e.station_id = ? ";
        ps.emplace_back(*q.station_id);
    }
    if (!q.kind.empty()) {
        sql += "AND e.kind = ? ";
        ps.emplace_back(q.kind);
    }
    sql += "ORDER BY e.id DESC LIMIT ?";
    ps.emplace_back(int64_t{q.limit});
    std::vector<Entry> out;
    for (const auto& r : c->query(sql, ps)) out.push_back(entry_of(r));
    return out;
}

// --- redemptions ---

namespace {

constexpr const char* kRedemptionSelect =
    "SELECT r.id, r.worker_id, r.item_id, i.name, r.points, r.station_id, s.code, s.name, "
    "r.status, r.created_at, r.collected_at, r.pickup_enc FROM station_redemptions r "
    "JOIN station_items i ON i.id = r.item_id JOIN stations s ON s.id = r.station_id ";

}  // namespace

std::string PointsService::pickup_hash(const std::string& code) const {
    return auth::to_hex(vault_.blind_index("station_pickup", code));
}

Redemption PointsService::load_redemption(db::Connection& c, int64_t id, bool with_code) {
    auto rs = c.query(std::string(kRedemptionSelect) + "WHERE r.id = ?", {id});
    if (rs.empty())
        throw ApiError(404, "points.redemption_not_found", "兑换记录不存在或不在管辖范围内");
    const auto& r = rs.front();
    Redemption d;
    d.id = r.get<int64_t>(0);
    d.worker_id = r.get<int64_t>(1);
    d.item_id = r.get<int64_t>(2);
    d.item_name = r.get<std::string>(3);
    d.points = r.get<int64_t>(4);
    d.station = StationRef{r.get<int64_t>(5), r.get<std::string>(6), r.get<std::string>(7)};
    d.status = r.get<std::string>(8);
    d.created_at = r.get<std::string>(9);
    d.collected_at = r.get_opt<std::string>(10);
    if (with_code && !r.is_null(11)) {
        d.pickup_code = vault_.decrypt(r.get<db::Blob>(11).bytes, kPickupContext);
    }
    return d;
}

std::optional<StoredAnswer> PointsService::stored(db::Connection& c, const std::string& owner,
                                                  const std::string& key, const std::string& hash) {
    auto rs = c.query(
        "SELECT request_hash, status, response FROM points_idempotency WHERE owner = ? AND "
        "idem_key = ?",
        {owner, key});
    if (rs.empty()) return std::nullopt;
    if (rs.front().get<std::string>(0) != hash) {
        throw ApiError(422, "points.idempotency_mismatch",
                       "该 Idempotency-Key 已用于另一笔不同的兑换请求，请换一个新的键",
                       "Idempotency-Key");
    }
    StoredAnswer a{static_cast<int>(rs.front().get<int64_t>(1)),
                   nlohmann::json::parse(rs.front().get<std::string>(2))};
    // The pickup code is never stored in clear: the replay reads it from the redemption.
    if (auto id = a.body.find("redemption_id"); id != a.body.end() && id->is_number_integer()) {
        auto code = c.query("SELECT pickup_enc FROM station_redemptions WHERE id = ?",
                            {id->get<int64_t>()});
        if (!code.empty() && !code.front().is_null(0)) {
            a.body["pickup_code"] =
                vault_.decrypt(code.front().get<db::Blob>(0).bytes, kPickupContext);
        }
    }
    return a;
}

StoredAnswer PointsService::redeem(const Actor& by, const Principal& worker, int64_t item_id,
                                   const std::string& idem_key, const std::string& request_hash) {
    const int64_t worker_id = worker.account_id;
    const std::string owner = "w" + std::to_string(worker_id);
    auto c = pool_.acquire();
    if (auto s = stored(*c, owner, idem_key, request_hash)) return *s;
    try {
        return db::in_transaction(*c, [&](db::Connection& tx) {
            const std::string now = clock_.now_iso();
            // First the key: a concurrent request with the same key waits here (PostgreSQL) or
            // at BEGIN IMMEDIATE (SQLite) and then finds the row, so only one of them writes.
            try {
                tx.execute(
                    "INSERT INTO points_idempotency (owner, idem_key, request_hash, status, "
                    "response, created_at) VALUES (?, ?, ?, 0, '', ?)",
                    {owner, idem_key, request_hash, now});
            } catch (const db::DbError& e) {
                if (e.kind() == db::DbError::Kind::unique) throw KeyTaken{};
                throw;
            }
            auto rs = tx.query(std::string(kItemColumns) + "WHERE id = ?", {item_id});
            if (rs.empty()) throw ApiError(404, "points.item_not_found", "兑换物品不存在");
            const Item item = item_of(rs.front());
            const auto station = stations_.find(tx, item.station_id);
            if (!station) throw ApiError(404, "points.item_not_found", "兑换物品不存在");
            // Always the item first, then the account: two redemptions never wait on each
            // other in opposite orders.
            if (tx.execute("UPDATE station_items SET stock = stock - 1, updated_at = ? "
                           "WHERE id = ? AND active = 1 AND stock >= 1",
                           {now, item_id}) != 1) {
                throw ApiError(
                    409, "points.out_of_stock",
                    item.active ? "“" + item.name + "”已兑完" : "“" + item.name + "”已下架");
            }
            auto debit = tx.query(
                "UPDATE points_accounts SET balance = balance - ?, updated_at = ? "
                "WHERE worker_id = ? AND balance >= ? RETURNING balance",
                {item.points, now, worker_id, item.points});
            if (debit.empty()) {
                throw ApiError(409, "points.insufficient",
                               "积分不足：兑换“" + item.name + "”需要 " +
                                   std::to_string(item.points) + " 积分",
                               "", {{"points", item.points}});
            }
            const int64_t balance = debit.front().get<int64_t>(0);
            std::string code, hash;
            for (int attempt = 0;; ++attempt) {
                code = new_pickup_code();
                hash = pickup_hash(code);
                if (tx.query("SELECT 1 FROM station_redemptions WHERE pickup_hash = ?", {hash})
                        .empty()) {
                    break;
                }
                if (attempt > 20) throw std::runtime_error("no free pickup code");
            }
            const int64_t rid =
                tx.query(
                      "INSERT INTO station_redemptions (worker_id, item_id, station_id, "
                      "org_path, points, pickup_hash, pickup_enc, status, created_at) VALUES "
                      "(?, ?, ?, ?, ?, ?, ?, 'pending', ?) RETURNING id",
                      {worker_id, item_id, station->id, station->org_path, item.points, hash,
                       db::Blob{vault_.encrypt(code, kPickupContext)}, now})
                    .front()
                    .get<int64_t>(0);
            const int64_t entry =
                tx.query(
                      "INSERT INTO points_entries (worker_id, kind, amount, balance_after, "
                      "station_id, org_path, ref, note, created_by, created_at) VALUES "
                      "(?, 'redeem', ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                      {worker_id, -item.points, balance, station->id, station->org_path,
                       "redemption:" + std::to_string(rid), "兑换" + item.name,
                       detail::actor_label(by), now})
                    .front()
                    .get<int64_t>(0);
            notices_.post(
                tx, {notices::Recipient::worker(worker_id), "points.redeemed",
                     "积分兑换成功：" + item.name,
                     "已扣减 " + std::to_string(item.points) + " 积分，余额 " +
                         std::to_string(balance) + "。请到" + station->name + "出示取货码领取。",
                     kPointsLink});
            auth::record(audit_, tx, by, "points.redeem", "station_redemption", std::to_string(rid),
                         {{"item_id", item_id},
                          {"station_id", station->id},
                          {"points", item.points},
                          {"entry_id", entry},
                          {"balance", balance},
                          {"worker_id", worker_id}});
            nlohmann::json body = {
                {"redemption_id", rid},
                {"item", {{"id", item.id}, {"name", item.name}, {"points", item.points}}},
                {"station", {{"code", station->code}, {"name", station->name}}},
                {"balance", balance},
                {"status", "pending"}};
            tx.execute(
                "UPDATE points_idempotency SET status = 201, response = ? WHERE owner = ? "
                "AND idem_key = ?",
                {body.dump(), owner, idem_key});
            body["pickup_code"] = code;
            return StoredAnswer{201, body};
        });
    } catch (const KeyTaken&) {
        // The transaction is rolled back; the winner's answer is committed.
        if (auto s = stored(*c, owner, idem_key, request_hash)) return *s;
        throw ApiError(409, "points.idempotency_busy", "同一请求正在处理中，请稍后重试");
    }
}

std::vector<Redemption> PointsService::redemptions_of(int64_t worker_id) {
    auto c = pool_.acquire();
    std::vector<Redemption> out;
    for (const auto& r : c->query("SELECT id FROM station_redemptions WHERE worker_id = ? "
                                  "ORDER BY id DESC LIMIT 200",
                                  {worker_id})) {
        Redemption d = load_redemption(*c, r.get<int64_t>(0), true);
        if (d.status != "pending") d.pickup_code.reset();
        out.push_back(std::move(d));
    }
    return out;
}

std::vector<Redemption> PointsService::station_redemptions(const Principal& p, int64_t station_id) {
    auto c = pool_.acquire();
    stations_.scoped(*c, p, station_id);
    std::vector<Redemption> out;
    for (const auto& r : c->query("SELECT id FROM station_redemptions WHERE station_id = ? "
                                  "ORDER BY id DESC LIMIT 500",
                                  {station_id})) {
        out.push_back(load_redemption(*c, r.get<int64_t>(0), false));
    }
    return out;
}

Redemption PointsService::collect(const Actor& by, const Principal& p, int64_t station_id,
                                  const std::string& code) {
    if (code.size() != 8 || code.find_first_not_of("0123456789") != std::string::npos) {
        throw ApiError(422, "points.pickup_code", "取货码应为 8 位数字", "code");
    }
    auto c = pool_.acquire();
    return db::in_transaction(*c, [&](db::Connection& tx) {
        const Station s = stations_.scoped(tx, p, station_id);
        auto rs = tx.query(
            "SELECT id, status FROM station_redemptions WHERE pickup_hash = ? AND station_id = ?",
            {pickup_hash(code), s.id});
        if (rs.empty()) {
            throw ApiError(404, "points.pickup_not_found", "取货码无效，或不是本驿站的兑换",
                           "code");
        }
        const int64_t id = rs.front().get<int64_t>(0);
        const std::string now = clock_.now_iso();
        if (tx.execute("UPDATE station_redemptions SET status = 'collected', collected_at = ?, "
                       "collected_by = ? WHERE id = ? AND status = 'pending'",
                       {now, detail::actor_label(by), id}) != 1) {
            const std::string status =
                tx.query("SELECT status FROM station_redemptions WHERE id = ?", {id})
                    .front()
                    .get<std::string>(0);
            if (status == "collected") {
                throw ApiError(409, "points.already_collected", "该取货码已核销，不能重复领取",
                               "code");
            }
            throw ApiError(409, "points.not_pending", "该兑换已撤销，不能领取", "code");
        }
        Redemption d = load_redemption(tx, id, false);
        notices_.post(tx, {notices::Recipient::worker(d.worker_id), "points.collected",
                           "已领取：" + d.item_name,
                           "您在" + s.name + "兑换的“" + d.item_name + "”已领取。", kPointsLink});
        auth::record(audit_, tx, by, "points.collect", "station_redemption", std::to_string(id),
                     {{"station_id", s.id}, {"item_id", d.item_id}, {"worker_id", d.worker_id}});
        return d;
    });
}

Redemption PointsService::reverse(const Actor& by, const Principal& p, int64_t redemption_id,
                                  const std::string& reason_in) {
    const std::string reason = cn::trim(reason_in);
    if (reason.empty() || cn::utf8_length(reason) > 200) {
        throw ApiError(422, "points.reason", "请填写撤销原因（不超过 200 字）", "reason");
    }
    auto c = pool_.acquire();
    return db::in_transaction(*c, [&](db::Connection& tx) {
        auto rs =
            tx.query("SELECT station_id FROM station_redemptions WHERE id = ?", {redemption_id});
        auto s = rs.empty() ? std::nullopt : stations_.find(tx, rs.front().get<int64_t>(0));
        if (!s || !p.scope().contains(s->org_path)) {
            throw ApiError(404, "points.redemption_not_found", "兑换记录不存在或不在管辖范围内");
        }
        const std::string now = clock_.now_iso();
        if (tx.execute("UPDATE station_redemptions SET status = 'reversed' WHERE id = ? AND "
                       "status = 'pending'",
                       {redemption_id}) != 1) {
            throw ApiError(409, "points.not_pending", "只能撤销尚未领取的兑换");
        }
        Redemption d = load_redemption(tx, redemption_id, false);
        // Item, then account, as a redemption takes them.
        tx.execute("UPDATE station_items SET stock = stock + 1, updated_at = ? WHERE id = ?",
                   {now, d.item_id});
        const auto posted = detail::credit(
            tx, d.worker_id, "reverse", d.points, *s, "redemption:" + std::to_string(redemption_id),
            "撤销兑换" + d.item_name + "：" + reason, detail::actor_label(by), now);
        notices_.post(tx, {notices::Recipient::worker(d.worker_id), "points.reversed",
                           "兑换已撤销：" + d.item_name,
                           "已退回 " + std::to_string(d.points) + " 积分，余额 " +
                               std::to_string(posted.balance) + "。原因：" + reason,
                           kPointsLink});
        auth::record(audit_, tx, by, "points.reverse", "station_redemption",
                     std::to_string(redemption_id),
                     {{"station_id", s->id},
                      {"item_id", d.item_id},
                      {"worker_id", d.worker_id},
                      {"amount", d.points},
                      {"entry_id", posted.entry_id},
                      {"balance", posted.balance},
                      {"reason_chars", cn::utf8_length(reason)}});
        return d;
    });
}

std::vector<std::string_view> detail::points_errors() {
    return {"points.already_attended",
            "points.already_collected",
            "points.card_no",
            "points.card_unknown",
            "points.event_day",
            "points.event_not_found",
            "points.event_not_today",
            "points.event_points",
            "points.event_title",
            "points.idempotency_busy",
            "points.idempotency_key",
            "points.idempotency_mismatch",
            "points.insufficient",
            "points.item_active",
            "points.item_id",
            "points.item_name",
            "points.item_not_found",
            "points.item_points",
            "points.item_stock",
            "points.kind",
            "points.no_worker_account",
            "points.not_pending",
            "points.out_of_stock",
            "points.pickup_code",
            "points.pickup_not_found",
            "points.reason",
            "points.redemption_not_found",
            "points.station_not_found",
            "points.token"};
}

}  // namespace gh::stations
