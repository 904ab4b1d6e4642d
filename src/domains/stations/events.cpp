// Volunteer events at a station and their attendance: each (event, worker) earns the event's
// points once (the primary key of station_event_attendance), as an 'earn' entry. A keeper
// records a member from the card number, or the worker scans the event's QR code: a token
// signed with the station's door key (HMAC-SHA256), void when the door key is renewed.
#include <sodium.h>

#include "core/auth/audit_record.h"
#include "core/auth/token.h"
#include "core/cn/text.h"
#include "core/error.h"
#include "domains/stations/internal.h"
#include "domains/stations/points.h"

namespace gh::stations {

namespace {

constexpr const char* kPointsLink = "/m/stations/points";
constexpr int64_t kMaxEventPoints = 10000;

std::string valid_day(const std::string& raw) {
    std::string d = cn::trim(raw);
    if (!detail::parse_day(d))
        throw ApiError(422, "points.event_day", "活动日期应为 YYYY-MM-DD", "day");
    return d;
}

}  // namespace

Event PointsService::load_event(db::Connection& c, int64_t id) {
    auto rs = c.query(
        "SELECT e.id, e.station_id, e.title, e.day, e.points, e.created_by, e.created_at, "
        "(SELECT COUNT(*) FROM station_event_attendance a WHERE a.event_id = e.id) "
        "FROM station_events e WHERE e.id = ?",
        {id});
    if (rs.empty()) throw ApiError(404, "points.event_not_found", "志愿活动不存在或不在管辖范围内");
    const auto& r = rs.front();
    return Event{r.get<int64_t>(0),     r.get<int64_t>(1), r.get<std::string>(2),
                 r.get<std::string>(3), r.get<int64_t>(4), r.get<std::string>(5),
                 r.get<std::string>(6), r.get<int64_t>(7)};
}

Event PointsService::add_event(const Actor& by, const Principal& p, int64_t station_id,
                               const NewEvent& in) {
    const std::string title = cn::trim(in.title);
    if (title.empty() || cn::utf8_length(title) > 100) {
        throw ApiError(422, "points.event_title", "请填写活动名称（不超过 100 字）", "title");
    }
    const std::string day = valid_day(in.day);
    if (in.points < 0 || in.points > kMaxEventPoints) {
        throw ApiError(422, "points.event_points", "活动积分应为 0–10000 的整数", "points");
    }
    auto c = pool_.acquire();
    return db::in_transaction(*c, [&](db::Connection& tx) {
        const Station s = stations_.scoped(tx, p, station_id);
        const int64_t id =
            tx.query(
                  "INSERT INTO station_events (station_id, org_path, title, day, points, "
                  "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                  {s.id, s.org_path, title, day, in.points, detail::actor_label(by),
                   clock_.now_iso()})
                .front()
                .get<int64_t>(0);
        auth::record(audit_, tx, by, "points.event.create", "station_event", std::to_string(id),
                     {{"station_id", s.id}, {"title", title}, {"day", day}, {"points", in.points}});
        return load_event(tx, id);
    });
}

std::vector<Event> PointsService::events(const Principal& p, int64_t station_id) {
    auto c = pool_.acquire();
    stations_.scoped(*c, p, station_id);
    std::vector<Event> out;
    for (const auto& r : c->query("SELECT id FROM station_events WHERE station_id = ? "
                                  "ORDER BY day DESC, id DESC LIMIT 500",
                                  {station_id})) {
        out.push_back(load_event(*c, r.get<int64_t>(0)));
    }
    return out;
}

Attendance PointsService::attend(db::Connection& tx, const Actor& by, const Event& ev,
                                 const std::string& org_path, int64_t worker_id,
                                 const char* method) {
    const std::string now = clock_.now_iso();
    try {
        tx.execute(
            "INSERT INTO station_event_attendance (event_id, worker_id, entry_id, method, "
            "created_at) VALUES (?, ?, NULL, ?, ?)",
            {ev.id, worker_id, std::string(method), now});
    } catch (const db::DbError& e) {
        if (e.kind() == db::DbError::Kind::unique) {
            throw ApiError(409, "points.already_attended", "已登记参加本次活动，积分只记一次");
        }
        throw;
    }
    const auto s = stations_.find(tx, ev.station_id);
    Station station = *s;
    station.org_path = org_path;
    Attendance a{ev.id, worker_id, 0, ev.points, 0};
    if (ev.points > 0) {
        const auto posted = detail::credit(tx, worker_id, "earn", ev.points, station,
                                           "event:" + std::to_string(ev.id), ev.title,
                                           detail::actor_label(by), now);
        a.entry_id = posted.entry_id;
        a.balance = posted.balance;
        tx.execute(
            "UPDATE station_event_attendance SET entry_id = ? WHERE event_id = ? AND "
            "worker_id = ?",
            {posted.entry_id, ev.id, worker_id});
    } else {
        auto rs = tx.query("SELECT balance FROM points_accounts WHERE worker_id = ?", {worker_id});
        a.balance = rs.empty() ? 0 : rs.front().get<int64_t>(0);
    }
    notices_.post(tx, {notices::Recipient::worker(worker_id), "points.earned",
                       "获得志愿积分 " + std::to_string(ev.points),
                       "感谢参加" + station.name + "的“" + ev.title + "”，积分余额 " +
                           std::to_string(a.balance) + "。",
                       kPointsLink});
    auth::record(audit_, tx, by, "points.earn", "station_event", std::to_string(ev.id),
                 {{"event_id", ev.id},
                  {"station_id", ev.station_id},
                  {"worker_id", worker_id},
                  {"points", ev.points},
                  {"entry_id", a.entry_id},
                  {"balance", a.balance},
                  {"method", method}});
    return a;
}

Attendance PointsService::attend_by_card(const Actor& by, const Principal& p, int64_t event_id,
                                         const std::string& card_raw) {
    const std::string card_no = cn::trim(card_raw);
    if (card_no.empty() || card_no.size() > 40) {
        throw ApiError(422, "points.card_no", "请填写会员卡号", "card_no");
    }
    auto c = pool_.acquire();
    return db::in_transaction(*c, [&](db::Connection& tx) {
        const Event ev = load_event(tx, event_id);
        const auto s = stations_.find(tx, ev.station_id);
        if (!s || !p.scope().contains(s->org_path)) {
            throw ApiError(404, "points.event_not_found", "志愿活动不存在或不在管辖范围内");
        }
        const auto member = members_.current_member_by_card(tx, card_no);
        if (!member) {
            throw ApiError(404, "points.card_unknown", "没有持该卡号的在册会员", "card_no");
        }
        const auto worker = joining_.worker_of_member(tx, *member);
        if (!worker) {
            throw ApiError(422, "points.no_worker_account",
                           "该会员尚未通过手机申请入会，没有可记积分的职工账号", "card_no");
        }
        return attend(tx, by, ev, s->org_path, *worker, "card");
    });
}

std::string PointsService::event_mac(db::Connection& c, const Event& ev) {
    const std::string key = stations_.door_key(c, ev.station_id);
    const std::string msg = "gonghui.station_event:" + std::to_string(ev.id) + ":" + ev.day;
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(key.data()),
                                key.size());
    crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(msg.data()),
                                  msg.size());
    crypto_auth_hmacsha256_final(&st, mac);
    return auth::to_hex(std::string_view(reinterpret_cast<const char*>(mac), sizeof mac));
}

std::string PointsService::event_token(const Principal& p, int64_t event_id) {
    auto c = pool_.acquire();
    const Event ev = load_event(*c, event_id);
    const auto s = stations_.find(*c, ev.station_id);
    if (!s || !p.scope().contains(s->org_path)) {
        throw ApiError(404, "points.event_not_found", "志愿活动不存在或不在管辖范围内");
    }
    return std::to_string(ev.id) + "." + event_mac(*c, ev);
}

Attendance PointsService::attend_by_token(const Actor& by, const Principal& worker,
                                          const std::string& token) {
    auto bad = [] { return ApiError(422, "points.token", "活动二维码无效或已失效", "token"); };
    const auto dot = token.find('.');
    if (dot == std::string::npos || dot == 0 || dot > 18 || token.size() - dot - 1 != 64 ||
        token.find_first_not_of("0123456789") < dot) {
        throw bad();
    }
    const int64_t event_id = std::stoll(token.substr(0, dot));
    auto c = pool_.acquire();
    return db::in_transaction(*c, [&](db::Connection& tx) {
        Event ev;
        try {
            ev = load_event(tx, event_id);
        } catch (const ApiError&) {
            throw bad();
        }
        const std::string want = event_mac(tx, ev);
        if (sodium_memcmp(want.data(), token.data() + dot + 1, want.size()) != 0) throw bad();
        if (clock_.today() != ev.day) {
            throw ApiError(409, "points.event_not_today",
                           "活动日期是 " + ev.day + "，只能在活动当天扫码登记");
        }
        const auto s = stations_.find(tx, ev.station_id);
        return attend(tx, by, ev, s->org_path, worker.account_id, "scan");
    });
}

}  // namespace gh::stations
