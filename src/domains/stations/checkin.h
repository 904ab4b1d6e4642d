// Check-ins at a station's door (issue #14, item 4) and the visits dashboard.
//
// A visit is written three ways: a worker scans the door's QR code on a phone (method 'scan'), a
// keeper types a member card number (method 'card'), or a smart door lock asks whether to open
// for a card or a worker's pass (method 'door'). Each is validated first (token, station status,
// card, pass), then written by the CheckinBatcher: one writer thread takes up to kBatch waiting
// check-ins and writes them in one transaction, each with
//   - its repeat check: a visitor's visits at one station within the repeat window
//     (Config::station_repeat_window_minutes) count once; a repeat writes nothing and answers
//     counted = false with the earlier visit;
//   - the visit row (day and hour in Beijing time from the injected clock);
//   - the rollups: station_visit_rollups (station, day, hour, occupation, shard = visit id % 4)
//     visits + 1, uniques + 1 when the (station, day, visitor) row of station_day_visitors is new;
//   - a notice to the worker's inbox.
// When the batcher is not started (the CLI, services without a server) a check-in is written at
// once in its own transaction. A database failure fails the batch's callers with 503
// station.busy. Within one process the writer thread makes the repeat check race-free.
//
// The dashboard reads the rollups only, scoped by org_path like every scoped read.
#pragma once

#include <array>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <future>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/audit/audit.h"
#include "core/auth/principal.h"
#include "core/db/pool.h"
#include "core/pii/vault.h"
#include "core/time.h"
#include "domains/joining/joining.h"
#include "domains/members/members.h"
#include "domains/notices/notices.h"
#include "domains/orgs/orgs.h"
#include "domains/stations/stations.h"

namespace gh::stations {

struct CheckinSettings {
    std::chrono::minutes repeat_window{30};
    std::string public_url;  // Config::public_url, as joining uses it ("" : relative URLs)
};

// Who came in: 'w<worker account id>' or 'm<member id>', with what is known of them.
struct Visitor {
    std::string key;
    std::optional<int64_t> worker_id, member_id;
    std::string occupation;  // the member's occupation category code, '' unknown
};

struct CheckinResult {
    int64_t visit_id = 0;  // the new visit, or the earlier one a repeat falls into
    bool counted = false;
    std::string code, name, address;  // the station
    std::string visited_at;           // stored form (UTC)
};

// A token for the door: its text, the URL the QR code holds, when it expires.
struct IssuedToken {
    std::string token, url;
    Clock::time_point expires;
};

struct Credential {
    std::string type;  // "card" (a member card number) or "pass" (a worker's pass)
    std::string value;
};
struct DoorAnswer {
    bool allow = false;
    std::string reason;  // member_card, worker_pass; or why not (station_closed, outside_hours …)
};

struct MyVisit {
    int64_t id = 0;
    std::string code, name, method, visited_at;
};

struct SummaryQuery {
    std::optional<int64_t> org_id;      // the org-wide summary (default the caller's org)
    std::optional<int64_t> station_id;  // one station's
    std::string from, to;               // YYYY-MM-DD inclusive; default the last 30 days
};
struct StationVisits {
    int64_t id = 0;
    std::string code, name;
    int64_t visits = 0;
};
struct VisitSummary {
    std::string from, to;
    int64_t visits = 0, days = 0, uniques = 0;
    double daily_average = 0;
    std::vector<std::pair<std::string, int64_t>> by_day;  // every day of the range
    std::array<int64_t, 24> by_hour{};
    std::vector<std::pair<std::string, int64_t>> by_occupation;  // most visits first
    std::vector<StationVisits> by_station;                       // top 20
};

// One of my visits as the phone (and the worker's copy of their data) shows it.
nlohmann::json visit_json(const MyVisit& v);

class CheckinService {
public:
    static constexpr size_t kBatch = 64;

    CheckinService(db::Pool& pool, StationService& stations, orgs::OrgService& orgs,
                   joining::JoinService& joining, members::MemberService& members,
                   notices::NoticeService& notices, audit::AuditLog& audit, const pii::Vault& vault,
                   const TimeSource& clock, CheckinSettings settings);
    ~CheckinService();  // stops the writer
    CheckinService(const CheckinService&) = delete;
    CheckinService& operator=(const CheckinService&) = delete;

    // The check-in URL a token is shown as: <public_url>/m/stations/checkin?t=<token>.
    std::string checkin_url(const std::string& token) const;
    // The door screen's rotating token (kScreenValidity). Scoped: 404.
    IssuedToken screen_token(const Principal& p, int64_t station_id);
    // The printed poster (A4 SVG) with a kPosterValidity token. Scoped: 404.
    std::string poster_svg(const Principal& p, int64_t station_id);
    // The poster's QR code alone as a PNG. Scoped: 404.
    std::string poster_png(const Principal& p, int64_t station_id);

    // A worker's scan (p: the worker session). 422 station.door_token / _expired, 409
    // station.closed.
    CheckinResult scan(const Principal& p, const std::string& token);
    // A keeper registers a member by card number at a station in scope. 404, 409
    // station.closed, 422 station.card.
    CheckinResult by_card(const Actor& by, const Principal& p, int64_t station_id,
                          const std::string& card_no);
    // A smart lock's question. 404 for a station out of the lock's scope; 422 station.credential
    // for a malformed credential. A denial is audited (station.door.deny) and writes no visit.
    DoorAnswer door(const Actor& by, const Principal& p, const std::string& code,
                    const Credential& cred);
    // A worker's personal pass for a lock (kPassValidity).
    std::pair<std::string, Clock::time_point> pass(const Principal& p);
    // The worker's own visits, newest first.
    std::vector<MyVisit> my_visits(const Principal& p, int limit = 200);

    // From the rollups. 422 station.range for a bad range; 404 org.not_found / station.not_found
    // out of scope.
    VisitSummary summary(const Principal& p, const SummaryQuery& q);

    const CheckinSettings& settings() const { return settings_; }

    // The writer thread (serve); without it check-ins are written directly.
    void start();
    void stop();

    // Visits recorded elsewhere (a door system's log kept while the network was down, the
    // demo's weeks): each through the rules of a live check-in (the repeat window, the rollups),
    // in one transaction, in the order given; no notices. Answers how many counted.
    struct PastVisit {
        Visitor visitor;
        std::string method;  // scan, card or door
        Clock::time_point at;
    };
    int64_t import_visits(const Station& s, const std::vector<PastVisit>& visits);

private:
    struct Pending {
        int64_t station_id = 0;
        std::string org_path, code, name, address;
        Visitor visitor;
        std::string method;
        Clock::time_point at;
        std::promise<CheckinResult> done;
    };
    CheckinResult submit(Pending& p);
    void write_batch(const std::vector<Pending*>& batch);
    CheckinResult write_one(db::Connection& tx, Pending& p);
    void run();
    Station open_station_for(const Station& s);
    Visitor worker_visitor(const Principal& p);
    std::string poster_token(db::Connection& c, const Station& s);

    db::Pool& pool_;
    StationService& stations_;
    orgs::OrgService& orgs_;
    joining::JoinService& joining_;
    members::MemberService& members_;
    notices::NoticeService& notices_;
    audit::AuditLog& audit_;
    const TimeSource& clock_;
    CheckinSettings settings_;
    std::string pass_key_;

    std::mutex mu_;
    std::condition_variable wake_;
    std::deque<Pending*> queue_;
    bool running_ = false, stopping_ = false;
    std::thread writer_;
};

}  // namespace gh::stations
