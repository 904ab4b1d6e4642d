// The stationmaster roster with its day logs, and the wishes; see roster.h.
#include "domains/stations/roster.h"
#include "domains/stations/internal.h"

#include <chrono>

#include "core/auth/audit_record.h"
#include "core/cn/text.h"
#include "core/error.h"

namespace gh::stations {

namespace {

std::string day_field(const std::string& d, const char* field) {
    if (!detail::parse_day(d)) throw ApiError(422, "station.day", "日期应为 YYYY-MM-DD", field);
    return d;
}

std::string text(const std::string& v, const char* code, const char* field, size_t max,
                 bool required, const char* label) {
    std::string t = cn::trim_lines(v);
    if (required && t.empty()) throw ApiError(422, code, std::string("请填写") + label, field);
    if (cn::utf8_length(t) > max) {
        throw ApiError(422, code, std::string(label) + "不能超过 " + std::to_string(max) + " 字",
                       field);
    }
    return t;
}

constexpr const char* kRosterColumns =
    "SELECT r.id, r.station_id, s.code, s.name, r.day, r.cadre_name, r.account_id, r.theme, "
    "r.log, r.served, r.created_at, r.updated_at FROM station_roster r JOIN stations s ON "
    "s.id = r.station_id ";

RosterEntry entry_of(const db::Row& r) {
    RosterEntry e;
    e.id = r.get<int64_t>(0);
    e.station_id = r.get<int64_t>(1);
    e.station_code = r.get<std::string>(2);
    e.station_name = r.get<std::string>(3);
    e.day = r.get<std::string>(4);
    e.cadre_name = r.get<std::string>(5);
    e.account_id = r.get_opt<int64_t>(6);
    e.theme = r.get<std::string>(7);
    e.log = r.get<std::string>(8);
    e.served = r.get<int64_t>(9);
    e.created_at = r.get<std::string>(10);
    e.updated_at = r.get<std::string>(11);
    return e;
}

constexpr const char* kWishColumns =
    "SELECT w.id, w.station_id, s.code, s.name, w.worker_id, w.wisher, w.text, w.status, "
    "w.claimed_by, w.outcome, w.created_at, w.updated_at, w.org_path FROM station_wishes w JOIN "
    "stations s ON s.id = w.station_id ";

Wish wish_of(const db::Row& r) {
    Wish w;
    w.id = r.get<int64_t>(0);
    w.station_id = r.get<int64_t>(1);
    w.station_code = r.get<std::string>(2);
    w.station_name = r.get<std::string>(3);
    w.worker_id = r.get_opt<int64_t>(4);
    w.wisher = r.get<std::string>(5);
    w.text = r.get<std::string>(6);
    w.status = r.get<std::string>(7);
    w.claimed_by = r.get<std::string>(8);
    w.outcome = r.get<std::string>(9);
    w.created_at = r.get<std::string>(10);
    w.updated_at = r.get<std::string>(11);
    return w;
}

std::string status_title(const std::string& s) {
    return s == "claimed"     ? "有人认领了您的微心愿"
           : s == "fulfilled" ? "您的微心愿已实现"
                              : "您的微心愿已取消";
}

}  // namespace

RosterService::RosterService(db::Pool& pool, StationService& stations,
                             notices::NoticeService& notices, audit::AuditLog& audit,
                             const TimeSource& clock)
    : pool_(pool), stations_(stations), notices_(notices), audit_(audit), clock_(clock) {}

RosterEntry RosterService::add(const Actor& by, const Principal& p, int64_t station_id,
                               const NewRosterEntry& in) {
    const std::string day = day_field(in.day, "day");
    const std::string name =
        text(in.cadre_name, "station.cadre_name", "cadre_name", 50, true, "站长姓名");
    const std::string theme = text(in.theme, "station.theme", "theme", 100, false, "主题");
    auto c = pool_.acquire();
    return db::in_transaction(*c, [&](db::Connection& tx) {
        const Station s = stations_.scoped(tx, p, station_id);
        const std::string now = clock_.now_iso();
        int64_t id = 0;
        try {
            id = tx.query(
                       "INSERT INTO station_roster (station_id, org_path, day, cadre_name, "
                       "account_id, theme, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, "
                       "?, ?) RETURNING id",
                       {s.id, s.org_path, day, name, db::opt(in.account_id), theme, now, now})
                     .front()
                     .get<int64_t>(0);
        } catch (const db::DbError& e) {
            if (e.kind() == db::DbError::Kind::unique) {
                throw ApiError(409, "station.roster_taken", "该站长当天已在此驿站排班",
                               "cadre_name");
            }
            if (e.kind() == db::DbError::Kind::foreign_key) {
                throw ApiError(422, "station.cadre_account", "站长账号不存在", "account_id");
            }
            throw;
        }
        if (in.account_id) {
            notices_.post(tx, {notices::Recipient::staff(*in.account_id), "station.roster",
                               "一日站长排班：" + s.name,
                               day + " 请到" + s.name + "担任一日站长" +
                                   (theme.empty() ? "" : "，主题：" + theme),
                               "/stations/roster"});
        }
        auth::record(audit_, tx, by, "station.roster.add", "station", std::to_string(s.id),
                     {{"day", day}, {"theme", theme}, {"code", s.code}});
        return entry_of(tx.query(std::string(kRosterColumns) + "WHERE r.id = ?", {id}).front());
    });
}

RosterEntry RosterService::log(const Actor& by, const Principal& p, int64_t id,
                               std::optional<std::string> log_text, std::optional<int64_t> served,
                               std::optional<std::string> theme) {
    if (served && (*served < 0 || *served > 100000)) {
        throw ApiError(422, "station.served", "服务人数应为 0–100000 的整数", "served");
    }
    auto c = pool_.acquire();
    return db::in_transaction(*c, [&](db::Connection& tx) {
        auto rs = tx.query(std::string(kRosterColumns) + "WHERE r.id = ?", {id});
        if (rs.empty()) throw ApiError(404, "station.roster_not_found", "排班不存在");
        RosterEntry e = entry_of(rs.front());
        stations_.scoped(tx, p, e.station_id);
        if (log_text) e.log = text(*log_text, "station.log", "log", 2000, false, "站长日志");
        if (theme) e.theme = text(*theme, "station.theme", "theme", 100, false, "主题");
        if (served) e.served = *served;
        tx.execute(
            "UPDATE station_roster SET log = ?, served = ?, theme = ?, updated_at = ? "
            "WHERE id = ?",
            {e.log, e.served, e.theme, clock_.now_iso(), id});
        auth::record(audit_, tx, by, "station.roster.log", "station", std::to_string(e.station_id),
                     {{"day", e.day}, {"served", e.served}});
        return entry_of(tx.query(std::string(kRosterColumns) + "WHERE r.id = ?", {id}).front());
    });
}

void RosterService::remove(const Actor& by, const Principal& p, int64_t id) {
    auto c = pool_.acquire();
    db::in_transaction(*c, [&](db::Connection& tx) {
        auto rs = tx.query(std::string(kRosterColumns) + "WHERE r.id = ?", {id});
        if (rs.empty()) throw ApiError(404, "station.roster_not_found", "排班不存在");
        const RosterEntry e = entry_of(rs.front());
        stations_.scoped(tx, p, e.station_id);
        if (!e.log.empty() || e.served > 0) {
            throw ApiError(409, "station.roster_logged", "已填写站长日志的排班不能删除");
        }
        tx.execute("DELETE FROM station_roster WHERE id = ?", {id});
        auth::record(audit_, tx, by, "station.roster.remove", "station",
                     std::to_string(e.station_id), {{"day", e.day}});
    });
}

std::vector<RosterEntry> RosterService::of_station(const Principal& p, int64_t station_id,
                                                   const std::string& from, const std::string& to) {
    day_field(from, "from");
    day_field(to, "to");
    auto c = pool_.acquire();
    stations_.scoped(*c, p, station_id);
    std::vector<RosterEntry> out;
    for (const auto& r : c->query(std::string(kRosterColumns) +
                                      "WHERE r.station_id = ? AND r.day >= ? AND r.day <= ? "
                                      "ORDER BY r.day, r.id",
                                  {station_id, from, to})) {
        out.push_back(entry_of(r));
    }
    return out;
}

std::vector<RosterEntry> RosterService::calendar(const Principal& p, const std::string& from,
                                                 const std::string& to) {
    day_field(from, "from");
    day_field(to, "to");
    const auto scope = p.scope();
    auto c = pool_.acquire();
    std::vector<RosterEntry> out;
    for (const auto& r : c->query(std::string(kRosterColumns) +
                                      "WHERE r.org_path >= ? AND r.org_path < ? AND r.day >= ? "
                                      "AND r.day <= ? ORDER BY r.day, s.code LIMIT 2000",
                                  {scope.root_path, scope.upper_bound(), from, to})) {
        out.push_back(entry_of(r));
    }
    return out;
}

Wish RosterService::wish(const Actor& by, const Principal& worker, const std::string& code,
                         const std::string& text_in) {
    const std::string t = text(text_in, "station.wish_text", "text", 500, true, "微心愿内容");
    auto c = pool_.acquire();
    return db::in_transaction(*c, [&](db::Connection& tx) {
        auto s = stations_.find_by_code(tx, code);
        if (!s || s->status == "retired") {
            throw ApiError(404, "station.not_found", "驿站不存在");
        }
        const std::string now = clock_.now_iso();
        const int64_t id =
            tx.query(
                  "INSERT INTO station_wishes (station_id, org_path, worker_id, wisher, text, "
                  "created_at, updated_at) VALUES (?, ?, ?, '', ?, ?, ?) RETURNING id",
                  {s->id, s->org_path, worker.account_id, t, now, now})
                .front()
                .get<int64_t>(0);
        notices_.post(
            tx, {notices::Recipient::worker(worker.account_id), "station.wish", "微心愿已收到",
                 "您在" + s->name + "许下的微心愿已登记，有进展会通知您", "/m/stations/wishes"});
        auth::record(audit_, tx, by, "station.wish.add", "station", std::to_string(s->id),
                     {{"wish_id", id}, {"code", s->code}});
        return wish_of(tx.query(std::string(kWishColumns) + "WHERE w.id = ?", {id}).front());
    });
}

Wish RosterService::record_wish(const Actor& by, const Principal& p, int64_t station_id,
                                const std::string& wisher_in, const std::string& text_in) {
    const std::string wisher =
        text(wisher_in, "station.wisher", "wisher", 50, true, "许愿职工的称呼");
    const std::string t = text(text_in, "station.wish_text", "text", 500, true, "微心愿内容");
    auto c = pool_.acquire();
    return db::in_transaction(*c, [&](db::Connection& tx) {
        const Station s = stations_.scoped(tx, p, station_id);
        const std::string now = clock_.now_iso();
        const int64_t id =
            tx.query(
                  "INSERT INTO station_wishes (station_id, org_path, worker_id, wisher, text, "
                  "created_at, updated_at) VALUES (?, ?, NULL, ?, ?, ?, ?) RETURNING id",
                  {s.id, s.org_path, wisher, t, now, now})
                .front()
                .get<int64_t>(0);
        auth::record(audit_, tx, by, "station.wish.add", "station", std::to_string(s.id),
                     {{"wish_id", id}, {"code", s.code}});
        return wish_of(tx.query(std::string(kWishColumns) + "WHERE w.id = ?", {id}).front());
    });
}

std::vector<Wish> RosterService::my_wishes(const Principal& worker) {
    auto c = pool_.acquire();
    std::vector<Wish> out;
    for (const auto& r :
         c->query(std::string(kWishColumns) + "WHERE w.worker_id = ? ORDER BY w.id DESC LIMIT 100",
                  {worker.account_id})) {
        out.push_back(wish_of(r));
    }
    return out;
}

std::vector<Wish> RosterService::wishes(const Principal& p, const std::string& status,
                                        std::optional<int64_t> station_id) {
    if (!status.empty()) {
        bool known = false;
        for (const char* s : kWishStates) known = known || status == s;
        if (!known) {
            throw ApiError(422, "station.wish_status",
                           "状态只能是 collected、claimed、fulfilled 或 cancelled", "status");
        }
    }
    const auto scope = p.scope();
    std::string sql = std::string(kWishColumns) + "WHERE w.org_path >= ? AND w.org_path < ?";
    db::Params ps{scope.root_path, scope.upper_bound()};
    if (!status.empty()) {
        sql += " AND w.status = ?";
        ps.emplace_back(status);
    }
    if (station_id) {
        sql += " AND w.station_id = ?";
        ps.emplace_back(*station_id);
    }
    auto c = pool_.acquire();
    std::vector<Wish> out;
    for (const auto& r : c->query(sql + " ORDER BY w.id DESC LIMIT 500", ps)) {
        out.push_back(wish_of(r));
    }
    return out;
}

Wish RosterService::wish_in_scope(db::Connection& c, const Principal& p, int64_t id) {
    auto rs = c.query(std::string(kWishColumns) + "WHERE w.id = ?", {id});
    if (rs.empty() || !p.scope().contains(rs.front().get<std::string>(12))) {
        throw ApiError(404, "station.wish_not_found", "微心愿不存在或不在管辖范围内");
    }
    return wish_of(rs.front());
}

Wish RosterService::move_wish(const Actor& by, const Principal& p, int64_t id, const char* from_a,
                              const char* from_b, const char* to, const std::string& what_in,
                              const char* field) {
    const char* label = std::string(to) == "claimed"     ? "认领人"
                        : std::string(to) == "fulfilled" ? "实现情况"
                                                         : "取消原因";
    const std::string what = text(what_in, "station.wish_note", field, 500, true, label);
    auto c = pool_.acquire();
    return db::in_transaction(*c, [&](db::Connection& tx) {
        const Wish w = wish_in_scope(tx, p, id);
        const int64_t n =
            tx.execute(std::string("UPDATE station_wishes SET status = ?, ") +
                           (std::string(to) == "claimed" ? "claimed_by" : "outcome") +
                           " = ?, updated_at = ? WHERE id = ? AND (status = ? OR status = ?)",
                       {std::string(to), what, clock_.now_iso(), id, std::string(from_a),
                        std::string(from_b)});
        if (n == 0) {
            throw ApiError(409, "station.wish_state",
                           "微心愿当前状态（" + w.status + "）不能这样变更");
        }
        if (w.worker_id) {
            notices_.post(
                tx, {notices::Recipient::worker(*w.worker_id), "station.wish", status_title(to),
                     w.station_name + "：" + what, "/m/stations/wishes"});
        }
        auth::record(audit_, tx, by, std::string("station.wish.") + to, "station",
                     std::to_string(w.station_id), {{"wish_id", id}, {"status", to}});
        return wish_of(tx.query(std::string(kWishColumns) + "WHERE w.id = ?", {id}).front());
    });
}

Wish RosterService::claim(const Actor& by, const Principal& p, int64_t id,
                          const std::string& claimed_by) {
    return move_wish(by, p, id, "collected", "collected", "claimed", claimed_by, "by");
}
Wish RosterService::fulfil(const Actor& by, const Principal& p, int64_t id,
                           const std::string& outcome) {
    return move_wish(by, p, id, "claimed", "claimed", "fulfilled", outcome, "outcome");
}
Wish RosterService::cancel(const Actor& by, const Principal& p, int64_t id,
                           const std::string& reason) {
    return move_wish(by, p, id, "collected", "claimed", "cancelled", reason, "reason");
}

nlohmann::json wish_json(const Wish& w, bool for_worker) {
    nlohmann::json j = {{"id", w.id},
                        {"station_id", w.station_id},
                        {"station_code", w.station_code},
                        {"station_name", w.station_name},
                        {"text", w.text},
                        {"status", w.status},
                        {"claimed_by", w.claimed_by},
                        {"outcome", w.outcome},
                        {"created_at", to_wire(w.created_at)},
                        {"updated_at", to_wire(w.updated_at)}};
    if (!for_worker) {
        j["wisher"] = w.wisher;
        j["from_app"] = w.worker_id.has_value();
    }
    return j;
}

std::vector<std::string_view> detail::roster_errors() {
    return {"station.cadre_account", "station.cadre_name",
            "station.day",           "station.log",
            "station.roster_logged", "station.roster_not_found",
            "station.roster_taken",  "station.served",
            "station.theme",         "station.wish_not_found",
            "station.wish_note",     "station.wish_state",
            "station.wish_status",   "station.wish_text",
            "station.wisher"};
}

}  // namespace gh::stations
