// Volunteer points (志愿积分) at service stations: a worker earns points by attending a station's
// volunteer events and spends them on what stations offer (a 5元 breakfast for 50 points …).
// The ledger is append-only: points_entries holds every change (earn +, redeem −, reverse +)
// and points_accounts.balance, the running total, changes only with an entry in the same
// transaction. The real guard against a negative balance is the conditional debit
// (`… WHERE balance >= ?`); CHECK (balance >= 0) is the last one. There is no way to set a
// balance. Points belong to the worker account (a phone session's account id).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/audit/audit.h"
#include "core/auth/principal.h"
#include "core/db/pool.h"
#include "core/http/router.h"
#include "core/pii/vault.h"
#include "core/time.h"
#include "domains/joining/joining.h"
#include "domains/members/members.h"
#include "domains/notices/notices.h"
#include "domains/stations/stations.h"

namespace gh::stations {

// What a station offers for points.
struct Item {
    int64_t id = 0, station_id = 0;
    std::string name;
    int64_t points = 0, stock = 0;
    bool active = true;
    std::string created_at, updated_at;
};
struct NewItem {
    std::string name;
    int64_t points = 0, stock = 0;
};
struct ItemEdit {
    std::optional<std::string> name;
    std::optional<int64_t> points, stock;
    std::optional<bool> active;
};

// A volunteer event at a station; attending it earns its points once per worker.
struct Event {
    int64_t id = 0, station_id = 0;
    std::string title, day;  // day: Beijing date
    int64_t points = 0;
    std::string created_by, created_at;
    int64_t attendees = 0;
};
struct NewEvent {
    std::string title, day;
    int64_t points = 0;
};

// The station an entry or a redemption names, as the wire shows it.
struct StationRef {
    int64_t id = 0;
    std::string code, name;
};

struct Entry {
    int64_t id = 0, worker_id = 0;
    std::string kind;  // earn | redeem | reverse
    int64_t amount = 0, balance_after = 0;
    std::optional<StationRef> station;
    std::string ref, note, created_at;
};

struct Redemption {
    int64_t id = 0, worker_id = 0;
    int64_t item_id = 0;
    std::string item_name;
    int64_t points = 0;
    StationRef station;
    std::string status;                      // pending | collected | reversed
    std::optional<std::string> pickup_code;  // the worker's own view, while pending
    std::string created_at;
    std::optional<std::string> collected_at;
};

// What an attendance earned.
struct Attendance {
    int64_t event_id = 0, worker_id = 0, entry_id = 0, points = 0, balance = 0;
};

// An answer as stored for Idempotency-Key replays: the status and the JSON body.
struct StoredAnswer {
    int status = 0;
    nlohmann::json body;
};

struct EntryQuery {
    std::optional<int64_t> station_id;
    std::string kind;  // '' any
    int limit = 50;
};

class PointsService {
public:
    PointsService(db::Pool& pool, audit::AuditLog& audit, const pii::Vault& vault,
                  const TimeSource& clock, StationService& stations,
                  notices::NoticeService& notices, joining::JoinService& joining,
                  members::MemberService& members);

    // --- items (console: station.write to change, station.read to list; scoped) ---
    Item add_item(const Actor& by, const Principal& p, int64_t station_id, const NewItem& in);
    Item update_item(const Actor& by, const Principal& p, int64_t item_id, const ItemEdit& e);
    std::vector<Item> items(const Principal& p, int64_t station_id);
    // The phone's list: the active items of a station by its code (404 points.station_not_found).
    std::pair<Station, std::vector<Item>> items_by_code(const std::string& code);

    // --- events (station.keep) ---
    Event add_event(const Actor& by, const Principal& p, int64_t station_id, const NewEvent& in);
    std::vector<Event> events(const Principal& p, int64_t station_id);
    // The keeper records a member's attendance from the card number.
    Attendance attend_by_card(const Actor& by, const Principal& p, int64_t event_id,
                              const std::string& card_no);
    // The event's QR token: "<event id>.<hex HMAC-SHA256 under the station's door key>".
    std::string event_token(const Principal& p, int64_t event_id);
    // The worker scanned the event's code (on the event's day only).
    Attendance attend_by_token(const Actor& by, const Principal& worker, const std::string& token);

    // --- the ledger and redemptions (worker) ---
    int64_t balance(int64_t worker_id);
    std::vector<Entry> entries_of(int64_t worker_id, int limit);
    // One transaction: the Idempotency-Key claimed, stock − 1, balance − points, the entry, the
    // redemption with its pickup code, the notice, the audit row and the stored answer. A
    // replay (same key, same body hash) answers the stored answer; another body 422.
    StoredAnswer redeem(const Actor& by, const Principal& worker, int64_t item_id,
                        const std::string& idem_key, const std::string& request_hash);
    std::vector<Redemption> redemptions_of(int64_t worker_id);

    // --- the keeper and the console ---
    Redemption collect(const Actor& by, const Principal& p, int64_t station_id,
                       const std::string& code);
    Redemption reverse(const Actor& by, const Principal& p, int64_t redemption_id,
                       const std::string& reason);
    std::vector<Entry> search(const Principal& p, const EntryQuery& q);
    std::vector<Redemption> station_redemptions(const Principal& p, int64_t station_id);

private:
    Attendance attend(db::Connection& tx, const Actor& by, const Event& ev,
                      const std::string& org_path, int64_t worker_id, const char* method);
    std::optional<StoredAnswer> stored(db::Connection& c, const std::string& owner,
                                       const std::string& key, const std::string& hash);
    Redemption load_redemption(db::Connection& c, int64_t id, bool with_code);
    std::string pickup_hash(const std::string& code) const;
    std::string event_mac(db::Connection& c, const Event& ev);
    Event load_event(db::Connection& c, int64_t id);

    db::Pool& pool_;
    audit::AuditLog& audit_;
    const pii::Vault& vault_;
    const TimeSource& clock_;
    StationService& stations_;
    notices::NoticeService& notices_;
    joining::JoinService& joining_;
    members::MemberService& members_;
};

// The pickup-code ciphertext column, for `gonghui pii rotate-key`.
inline constexpr const char* kPickupContext = "stations.pickup_code";

// Wire shapes (times +08:00).
nlohmann::json item_json(const Item& i);
nlohmann::json event_json(const Event& e);
nlohmann::json entry_json(const Entry& e, bool console);
nlohmann::json redemption_json(const Redemption& r, bool console);

// The routes of points_routes.cpp.
void register_points_routes(http::Router& r, PointsService& svc);

}  // namespace gh::stations
