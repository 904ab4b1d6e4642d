// The console's station list (with the verification flags) and the verification rounds in
// which each station's keeper confirms or corrects its data; see stations.h.
#include <chrono>

#include "core/auth/audit_record.h"
#include "core/cn/text.h"
#include "core/error.h"
#include "domains/stations/index.h"
#include "domains/stations/internal.h"

namespace gh::stations {

namespace {

struct OpenRound {
    std::string started_at, due_on;
};

// The latest round covering a station's path (rounds of its org or an org above), if any.
std::optional<OpenRound> round_over(db::Connection& c, const std::string& path) {
    // The rounds above a path have a path that is a prefix of it: at most the tree's depth.
    std::optional<OpenRound> best;
    for (const auto& r : c.query("SELECT org_path, started_at, due_on FROM station_rounds "
                                 "ORDER BY id DESC LIMIT 50")) {
        const std::string rp = r.get<std::string>(0);
        if (path.compare(0, rp.size(), rp) == 0) {
            best = OpenRound{r.get<std::string>(1), r.get<std::string>(2)};
            break;
        }
    }
    return best;
}

StationRow row_of(const Station& s, const std::optional<OpenRound>& round,
                  const std::string& today) {
    StationRow row{s};
    if (round && s.status != "retired") {
        const bool confirmed = s.verified_at && *s.verified_at >= round->started_at;
        row.verification_due = !confirmed;
        row.overdue = !confirmed && today > round->due_on;
    }
    return row;
}

}  // namespace

StationPage StationService::list(const Principal& p, const StationQuery& q) {
    auto c = pool_.acquire();
    const auto scope = p.scope();
    std::string where = "WHERE org_path >= ? AND org_path < ?";
    db::Params params{scope.root_path, scope.upper_bound()};
    if (!q.q.empty()) {
        where += " AND (name LIKE ? OR code LIKE ?)";
        params.emplace_back(q.q + "%");
        params.emplace_back(q.q + "%");
    }
    if (!q.status.empty()) {
        where += " AND status = ?";
        params.emplace_back(q.status);
    }
    StationPage page;
    page.total = c->query("SELECT COUNT(*) FROM stations " + where, params).front().get<int64_t>(0);
    const std::string today = clock_.today();
    std::vector<std::pair<std::string, std::optional<OpenRound>>> rounds;  // per path, cached
    auto round_for = [&](const std::string& path) {
        for (const auto& [pp, r] : rounds) {
            if (pp == path) return r;
        }
        rounds.emplace_back(path, round_over(*c, path));
        return rounds.back().second;
    };
    int64_t after = q.after_id;
    // Read limit + 1 rows at a time; the overdue filter may skip some, so read on until one
    // matching row past the page is seen (there is a next page) or the rows run out.
    for (;;) {
        db::Params ps = params;
        ps.emplace_back(after);
        ps.emplace_back(static_cast<int64_t>(q.limit + 1));
        auto rs = c->query(detail::select_from() + where + " AND id > ? ORDER BY id LIMIT ?", ps);
        for (const auto& r : rs) {
            Station s = detail::station_of(r);
            after = s.id;
            StationRow row = row_of(s, round_for(s.org_path), today);
            if (q.overdue_only && !row.overdue) continue;
            if (page.items.size() == static_cast<size_t>(q.limit)) {
                page.next_cursor = page.items.back().station.id;
                return page;
            }
            page.items.push_back(std::move(row));
        }
        if (rs.size() <= static_cast<size_t>(q.limit)) break;
    }
    return page;
}

Round StationService::start_round(const Actor& by, const Principal& p,
                                  std::optional<int64_t> org_id, const std::string& title_in,
                                  const std::string& due_on) {
    const std::string title = cn::trim(title_in);
    if (title.empty() || cn::utf8_length(title) > 100) {
        throw ApiError(422, "station.round_title", "请填写核验轮次名称（不超过 100 字）", "title");
    }
    if (!detail::parse_day(due_on)) {
        throw ApiError(422, "station.due_on", "截止日期应为 YYYY-MM-DD", "due_on");
    }
    if (due_on < clock_.today()) {
        throw ApiError(422, "station.due_on", "截止日期不能早于今天", "due_on");
    }
    const int64_t id = db::in_transaction(*pool_.acquire(), [&](db::Connection& tx) {
        auto org = orgs_.find(tx, org_id.value_or(p.org_id));
        if (!org || !p.scope().contains(org->path)) {
            throw ApiError(422, "station.org", "发起核验的组织不存在或不在管辖范围内", "org_id");
        }
        const int64_t rid =
            tx.query(
                  "INSERT INTO station_rounds (org_id, org_path, title, started_at, due_on, "
                  "started_by) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                  {org->id, org->path, title, clock_.now_iso(), due_on,
                   by.name.empty() ? std::string("system") : by.name})
                .front()
                .get<int64_t>(0);
        auth::record(audit_, tx, by, "station.round.start", "org", std::to_string(org->id),
                     {{"round_id", rid}, {"title", title}, {"due_on", due_on}});
        return rid;
    });
    for (const auto& r : rounds(p)) {
        if (r.id == id) return r;
    }
    throw std::logic_error("round just created is not visible");
}

std::vector<Round> StationService::rounds(const Principal& p) {
    auto c = pool_.acquire();
    const auto scope = p.scope();
    const std::string today = clock_.today();
    std::vector<Round> out;
    for (const auto& r :
         c->query("SELECT id, org_id, org_path, title, started_at, due_on, started_by FROM "
                  "station_rounds WHERE org_path >= ? AND org_path < ? ORDER BY id DESC LIMIT 20",
                  {scope.root_path, scope.upper_bound()})) {
        Round round;
        round.id = r.get<int64_t>(0);
        round.org_id = r.get<int64_t>(1);
        const std::string path = r.get<std::string>(2);
        round.title = r.get<std::string>(3);
        round.started_at = r.get<std::string>(4);
        round.due_on = r.get<std::string>(5);
        round.started_by = r.get<std::string>(6);
        auto counts = c->query(
            "SELECT COUNT(*), SUM(CASE WHEN verified_at >= ? THEN 1 ELSE 0 END) FROM stations "
            "WHERE org_path >= ? AND org_path < ? AND status <> 'retired'",
            {round.started_at, path, path + "\x7f"});
        round.stations = counts.front().get<int64_t>(0);
        round.confirmed = counts.front().get_opt<int64_t>(1).value_or(0);
        round.overdue = today > round.due_on ? round.stations - round.confirmed : 0;
        round.started_at = to_wire(round.started_at);
        out.push_back(round);
    }
    return out;
}

Station StationService::confirm(const Actor& by, const Principal& p, int64_t id,
                                const StationEdit& e) {
    auto c = pool_.acquire();
    Station out = db::in_transaction(*c, [&](db::Connection& tx) {
        const Station before = scoped(tx, p, id);
        auto [after, changed] =
            detail::apply_edit(orgs_, tx, p, before, e, clock_.now_iso(), /*confirm=*/true);
        auto d = detail::station_audit(after);
        d["fields"] = changed;
        auth::record(audit_, tx, by, "station.verify", "station", std::to_string(id), d);
        return after;
    });
    index_->put(out);
    return out;
}

}  // namespace gh::stations
