// Check-ins: validation, the group-commit writer, the worker's visits and the dashboard; see
// checkin.h.
#include "domains/stations/checkin.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "core/auth/audit_record.h"
#include "core/error.h"
#include "domains/stations/door_token.h"
#include "domains/stations/hours.h"
#include "domains/stations/internal.h"

namespace gh::stations {

namespace {

int64_t unix_seconds(Clock::time_point t) {
    return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

int64_t beijing_hour(Clock::time_point t) {
    return std::stoll(to_iso(t + std::chrono::hours(8)).substr(11, 2));
}

bool current_member(const std::string& status) {
    return status == "active" || status == "transferring";
}

[[noreturn]] void forged() {
    throw ApiError(422, "station.door_token", "签到码无效，请扫描驿站门口的签到二维码", "token");
}
[[noreturn]] void expired(const std::string& message) {
    throw ApiError(422, "station.door_token_expired", message, "token");
}

std::string day_text(std::chrono::sys_days d) {
    const std::chrono::year_month_day ymd(d);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return buf;
}

}  // namespace

std::vector<std::string_view> detail::checkin_errors() {
    return {"station.busy",       "station.card",       "station.closed",
            "station.credential", "station.door_token", "station.door_token_expired",
            "station.range"};
}

CheckinService::CheckinService(db::Pool& pool, StationService& stations, orgs::OrgService& orgs,
                               joining::JoinService& joining, members::MemberService& members,
                               notices::NoticeService& notices, audit::AuditLog& audit,
                               const pii::Vault& vault, const TimeSource& clock,
                               CheckinSettings settings)
    : pool_(pool),
      stations_(stations),
      orgs_(orgs),
      joining_(joining),
      members_(members),
      notices_(notices),
      audit_(audit),
      clock_(clock),
      settings_(std::move(settings)) {
    const auto key = vault.derive_key(kPassKeyContext);
    pass_key_.assign(reinterpret_cast<const char*>(key.data()), key.size());
}

CheckinService::~CheckinService() { stop(); }

std::string CheckinService::checkin_url(const std::string& token) const {
    return settings_.public_url + "/m/stations/checkin?t=" + token;
}

IssuedToken CheckinService::screen_token(const Principal& p, int64_t station_id) {
    auto c = pool_.acquire();
    const Station s = stations_.scoped(*c, p, station_id);
    const auto expires = clock_.now() + kScreenValidity;
    IssuedToken out;
    out.token = sign_door_token(stations_.door_key(*c, s.id),
                                {s.code, s.door_generation, unix_seconds(expires)});
    out.url = checkin_url(out.token);
    out.expires = std::chrono::time_point_cast<std::chrono::seconds>(expires);
    return out;
}

std::string CheckinService::poster_token(db::Connection& c, const Station& s) {
    // Valid from the day it is printed for kPosterValidity; a renewal voids it sooner.
    const auto expires = clock_.now() + kPosterValidity;
    return sign_door_token(stations_.door_key(c, s.id),
                           {s.code, s.door_generation, unix_seconds(expires)});
}

Station CheckinService::open_station_for(const Station& s) {
    if (s.status != "open") {
        throw ApiError(409, "station.closed", "驿站暂停开放或已撤销，暂不能签到");
    }
    return s;
}

Visitor CheckinService::worker_visitor(const Principal& p) {
    Visitor v;
    v.key = "w" + std::to_string(p.account_id);
    v.worker_id = p.account_id;
    if (auto m = joining_.membership(p); m && current_member(m->status)) {
        v.member_id = m->member_id;
        auto c = pool_.acquire();
        if (auto member = members_.find_own(*c, m->member_id)) {
            v.occupation = member->profile.occupation_category;
        }
    }
    return v;
}

CheckinResult CheckinService::scan(const Principal& p, const std::string& token) {
    auto t = read_door_token(token);
    if (!t) forged();
    Station s;
    {
        auto c = pool_.acquire();
        auto found = stations_.find_by_code(*c, t->code);
        if (!found) forged();
        s = *found;
        if (t->generation < s.door_generation) {
            expired("签到码已更换，请扫描驿站门口最新的签到二维码");
        }
        if (t->generation != s.door_generation ||
            !door_token_signed_by(stations_.door_key(*c, s.id), token)) {
            forged();
        }
    }
    if (t->expires < unix_seconds(clock_.now())) {
        expired("签到码已过期，请扫描驿站门口最新的签到二维码");
    }
    open_station_for(s);
    Pending pending;
    pending.visitor = worker_visitor(p);
    pending.station_id = s.id;
    pending.org_path = s.org_path;
    pending.code = s.code;
    pending.name = s.name;
    pending.address = s.address;
    pending.method = "scan";
    pending.at = clock_.now();
    return submit(pending);
}

CheckinResult CheckinService::by_card(const Actor& by, const Principal& p, int64_t station_id,
                                      const std::string& card_no) {
    Pending pending;
    {
        auto c = pool_.acquire();
        const Station s = open_station_for(stations_.scoped(*c, p, station_id));
        auto holder = members_.card_holder(*c, card_no);
        if (!holder || !current_member(holder->status)) {
            throw ApiError(422, "station.card", "会员证号不存在或会员关系已终止", "card_no");
        }
        pending.visitor.key = "m" + std::to_string(holder->member_id);
        pending.visitor.member_id = holder->member_id;
        pending.visitor.occupation = holder->occupation_category;
        pending.station_id = s.id;
        pending.org_path = s.org_path;
        pending.code = s.code;
        pending.name = s.name;
        pending.address = s.address;
    }
    pending.method = "card";
    pending.at = clock_.now();
    CheckinResult r = submit(pending);
    if (r.counted) {
        auto c = pool_.acquire();
        db::in_transaction(*c, [&](db::Connection& tx) {
            auth::record(audit_, tx, by, "station.checkin.card", "station",
                         std::to_string(station_id),
                         {{"code", r.code}, {"member_id", *pending.visitor.member_id}});
        });
    }
    return r;
}

DoorAnswer CheckinService::door(const Actor& by, const Principal& p, const std::string& code,
                                const Credential& cred) {
    if ((cred.type != "card" && cred.type != "pass") || cred.value.empty() ||
        cred.value.size() > 200) {
        throw ApiError(422, "station.credential",
                       "门禁凭证应为 {\"type\": \"card\" 或 \"pass\", \"value\": \"…\"}",
                       "credential");
    }
    Station s;
    {
        auto c = pool_.acquire();
        auto found = stations_.find_by_code(*c, code);
        if (!found || !p.scope().contains(found->org_path)) {
            throw ApiError(404, "station.not_found", "驿站不存在或不在管辖范围内");
        }
        s = *found;
    }
    auto deny = [&](const char* reason) {
        auto c = pool_.acquire();
        db::in_transaction(*c, [&](db::Connection& tx) {
            auth::record(audit_, tx, by, "station.door.deny", "station", std::to_string(s.id),
                         {{"code", s.code}, {"type", cred.type}, {"reason", reason}});
        });
        return DoorAnswer{false, reason};
    };
    const auto now = clock_.now();
    if (s.status != "open") return deny("station_closed");
    const auto hours = parse_hours(s.hours);
    if (!hours || !hours->open_at(now)) return deny("outside_hours");

    Pending pending;
    if (cred.type == "card") {
        auto c = pool_.acquire();
        auto holder = members_.card_holder(*c, cred.value);
        if (!holder) return deny("card_unknown");
        if (!current_member(holder->status)) return deny("card_inactive");
        pending.visitor.key = "m" + std::to_string(holder->member_id);
        pending.visitor.member_id = holder->member_id;
        pending.visitor.occupation = holder->occupation_category;
    } else {
        auto pass = verify_worker_pass(pass_key_, cred.value);
        if (!pass) return deny("pass_invalid");
        if (pass->expires < unix_seconds(now)) return deny("pass_expired");
        Principal worker;
        worker.kind = "worker";
        worker.account_id = pass->worker_id;
        pending.visitor = worker_visitor(worker);
    }
    pending.station_id = s.id;
    pending.org_path = s.org_path;
    pending.code = s.code;
    pending.name = s.name;
    pending.address = s.address;
    pending.method = "door";
    pending.at = now;
    submit(pending);
    return DoorAnswer{true, cred.type == "card" ? "member_card" : "worker_pass"};
}

std::pair<std::string, Clock::time_point> CheckinService::pass(const Principal& p) {
    const auto expires =
        std::chrono::time_point_cast<std::chrono::seconds>(clock_.now() + kPassValidity);
    return {sign_worker_pass(pass_key_, {p.account_id, unix_seconds(expires)}), expires};
}

std::vector<MyVisit> CheckinService::my_visits(const Principal& p, int limit) {
    auto c = pool_.acquire();
    std::vector<MyVisit> out;
    for (const auto& r :
         c->query("SELECT v.id, s.code, s.name, v.method, v.visited_at FROM station_visits v "
                  "JOIN stations s ON s.id = v.station_id WHERE v.worker_id = ? "
                  "ORDER BY v.id DESC LIMIT ?",
                  {p.account_id, static_cast<int64_t>(limit)})) {
        out.push_back({r.get<int64_t>(0), r.get<std::string>(1), r.get<std::string>(2),
                       r.get<std::string>(3), r.get<std::string>(4)});
    }
    return out;
}

// --- the writer ---------------------------------------------------------------------------

CheckinResult CheckinService::submit(Pending& p) {
    auto done = p.done.get_future();
    {
        std::unique_lock lock(mu_);
        if (running_) {
            queue_.push_back(&p);
            lock.unlock();
            wake_.notify_one();
        } else {
            lock.unlock();
            write_batch({&p});
        }
    }
    return done.get();
}

void CheckinService::write_batch(const std::vector<Pending*>& batch) {
    std::vector<CheckinResult> results;
    try {
        auto c = pool_.acquire();
        db::in_transaction(*c, [&](db::Connection& tx) {
            results.clear();
            for (Pending* p : batch) results.push_back(write_one(tx, *p));
        });
    } catch (const std::exception& e) {
        spdlog::warn("驿站签到写入失败 / check-in batch of {} failed: {}", batch.size(), e.what());
        const auto err =
            std::make_exception_ptr(ApiError(503, "station.busy", "签到人数较多，请稍后再试"));
        for (Pending* p : batch) p->done.set_exception(err);
        return;
    }
    for (size_t i = 0; i < batch.size(); ++i) batch[i]->done.set_value(results[i]);
}

CheckinResult CheckinService::write_one(db::Connection& tx, Pending& p) {
    CheckinResult r;
    r.code = p.code;
    r.name = p.name;
    r.address = p.address;
    const std::string at = to_iso(p.at);
    auto earlier = tx.query(
        "SELECT id, visited_at FROM station_visits WHERE station_id = ? AND visitor = ? AND "
        "visited_at > ? ORDER BY visited_at DESC, id DESC LIMIT 1",
        {p.station_id, p.visitor.key, to_iso(p.at - settings_.repeat_window)});
    if (!earlier.empty()) {
        r.visit_id = earlier.front().get<int64_t>(0);
        r.visited_at = earlier.front().get<std::string>(1);
        return r;
    }
    const std::string day = beijing_date(p.at);
    const int64_t hour = beijing_hour(p.at);
    r.visit_id =
        tx.query(
              "INSERT INTO station_visits (station_id, org_path, visitor, worker_id, "
              "member_id, occupation, method, visited_at, day, hour) VALUES (?, ?, ?, ?, "
              "?, ?, ?, ?, ?, ?) RETURNING id",
              {p.station_id, p.org_path, p.visitor.key, db::opt(p.visitor.worker_id),
               db::opt(p.visitor.member_id), p.visitor.occupation, p.method, at, day, hour})
            .front()
            .get<int64_t>(0);
    r.counted = true;
    r.visited_at = at;
    const int64_t first_today =
        tx.execute(
            "INSERT INTO station_day_visitors (station_id, day, visitor) VALUES (?, ?, ?) "
            "ON CONFLICT DO NOTHING",
            {p.station_id, day, p.visitor.key}) > 0
            ? 1
            : 0;
    tx.execute(
        "INSERT INTO station_visit_rollups (station_id, org_path, day, hour, occupation, shard, "
        "visits, uniques) VALUES (?, ?, ?, ?, ?, ?, 1, ?) "
        "ON CONFLICT (station_id, day, hour, occupation, shard) DO UPDATE SET "
        "visits = station_visit_rollups.visits + 1, "
        "uniques = station_visit_rollups.uniques + excluded.uniques",
        {p.station_id, p.org_path, day, hour, p.visitor.occupation, r.visit_id % 4, first_today});
    if (p.visitor.worker_id) {
        const std::string wire = to_wire(at);
        notices_.post(tx, {notices::Recipient::worker(*p.visitor.worker_id), "station.checkin",
                           "已在" + p.name + "签到",
                           "您于 " + wire.substr(0, 10) + " " + wire.substr(11, 5) + " 在" +
                               p.name + "（" + p.code + "）签到。欢迎歇脚、喝水、充电。",
                           "/m/stations/visits"});
    }
    return r;
}

int64_t CheckinService::import_visits(const Station& s, const std::vector<PastVisit>& visits) {
    auto c = pool_.acquire();
    return db::in_transaction(*c, [&](db::Connection& tx) {
        int64_t counted = 0;
        for (const auto& v : visits) {
            Pending p;
            p.station_id = s.id;
            p.org_path = s.org_path;
            p.code = s.code;
            p.name = s.name;
            p.address = s.address;
            p.visitor = v.visitor;
            p.visitor.worker_id.reset();  // no notices for what happened long ago
            p.method = v.method;
            p.at = v.at;
            counted += write_one(tx, p).counted ? 1 : 0;
        }
        return counted;
    });
}

void CheckinService::run() {
    for (;;) {
        std::vector<Pending*> batch;
        {
            std::unique_lock lock(mu_);
            wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (queue_.empty()) return;  // stopping, nothing left
            while (!queue_.empty() && batch.size() < kBatch) {
                batch.push_back(queue_.front());
                queue_.pop_front();
            }
        }
        write_batch(batch);
    }
}

void CheckinService::start() {
    std::lock_guard lock(mu_);
    if (running_) return;
    running_ = true;
    stopping_ = false;
    writer_ = std::thread([this] { run(); });
}

void CheckinService::stop() {
    {
        std::lock_guard lock(mu_);
        if (!running_) return;
        running_ = false;  // new check-ins are written directly
        stopping_ = true;  // the writer drains the queue, then ends
    }
    wake_.notify_all();
    if (writer_.joinable()) writer_.join();
}

// --- the dashboard ------------------------------------------------------------------------

VisitSummary CheckinService::summary(const Principal& p, const SummaryQuery& q) {
    const auto today = *detail::parse_day(clock_.today());
    auto day_of = [](const std::string& text, const char* field) {
        auto d = detail::parse_day(text);
        if (!d) throw ApiError(422, "station.range", "日期应为 YYYY-MM-DD，如 2026-12-01", field);
        return *d;
    };
    const auto to = q.to.empty() ? today : day_of(q.to, "to");
    const auto from = q.from.empty() ? to - std::chrono::days(29) : day_of(q.from, "from");
    if (from > to) throw ApiError(422, "station.range", "开始日期不能晚于结束日期", "from");
    const int64_t days = (to - from).count() + 1;
    if (days > 366) throw ApiError(422, "station.range", "统计区间最长 366 天", "from");

    VisitSummary out;
    out.from = day_text(from);
    out.to = day_text(to);
    out.days = days;

    auto c = pool_.acquire();
    std::string where;
    db::Params params;
    if (q.station_id) {
        stations_.scoped(*c, p, *q.station_id);
        where = "station_id = ?";
        params.emplace_back(*q.station_id);
    } else {
        auto org = orgs_.find(*c, q.org_id.value_or(p.org_id));
        if (!org || !p.scope().contains(org->path)) {
            throw ApiError(404, "org.not_found", "组织不存在或不在管辖范围内");
        }
        const auth::Scope scope{org->path};
        where = "org_path >= ? AND org_path < ?";
        params.emplace_back(scope.root_path);
        params.emplace_back(scope.upper_bound());
    }
    where += " AND day >= ? AND day <= ?";
    params.emplace_back(out.from);
    params.emplace_back(out.to);
    const std::string from_where = " FROM station_visit_rollups WHERE " + where;
    const std::string sums = "CAST(SUM(visits) AS BIGINT)";

    // One pass over the rollup rows for the day, hour and occupation figures (at most
    // 366 × 24 × the occupations groups, summed up here), one for the stations.
    std::map<std::string, int64_t> per_day, per_occupation;
    for (const auto& r :
         c->query("SELECT day, hour, occupation, " + sums + ", CAST(SUM(uniques) AS BIGINT)" +
                      from_where + " GROUP BY day, hour, occupation",
                  params)) {
        const int64_t v = r.get<int64_t>(3);
        per_day[r.get<std::string>(0)] += v;
        const int64_t h = r.get<int64_t>(1);
        if (h >= 0 && h < 24) out.by_hour[static_cast<size_t>(h)] += v;
        per_occupation[r.get<std::string>(2)] += v;
        out.visits += v;
        out.uniques += r.get<int64_t>(4);
    }
    for (auto d = from; d <= to; d += std::chrono::days(1)) {
        const std::string t = day_text(d);
        auto it = per_day.find(t);
        out.by_day.emplace_back(t, it == per_day.end() ? 0 : it->second);
    }
    out.by_occupation.assign(per_occupation.begin(), per_occupation.end());
    std::stable_sort(out.by_occupation.begin(), out.by_occupation.end(),
                     [](const auto& x, const auto& y) { return x.second > y.second; });
    for (const auto& r : c->query("SELECT station_id, " + sums + from_where +
                                      " GROUP BY station_id ORDER BY 2 DESC, station_id LIMIT 20",
                                  params)) {
        StationVisits v;
        v.id = r.get<int64_t>(0);
        v.visits = r.get<int64_t>(1);
        if (auto s = stations_.find(*c, v.id)) {
            v.code = s->code;
            v.name = s->name;
        }
        out.by_station.push_back(std::move(v));
    }
    out.daily_average =
        std::round(static_cast<double>(out.visits) / static_cast<double>(days) * 100.0) / 100.0;
    return out;
}

}  // namespace gh::stations
