// Service stations (工会驿站): where gig workers rest, warm a meal and charge a phone. Owns the
// station_* and points_* tables. StationService keeps the stations (console CRUD, import, the
// keepers' verification round) and the in-memory spatial index behind the public
// "nearest open station"; the check-ins at the door, the stationmaster roster with the wishes,
// and the volunteer points ledger are their own services (checkin.h, roster.h, points.h).
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/audit/audit.h"
#include "core/auth/principal.h"
#include "core/cn/geo.h"
#include "core/db/db.h"
#include "core/db/pool.h"
#include "core/pii/rotation.h"
#include "core/pii/vault.h"
#include "core/tabular/import_mode.h"
#include "core/time.h"
#include "domains/orgs/orgs.h"

namespace gh::stations {

using auth::Actor;
using auth::Principal;

// The statuses a station may have: open, closed for repair (暂停开放), retired (撤销).
inline constexpr const char* kStatuses[] = {"open", "repair", "retired"};

// A station as answered. Coordinates GCJ-02; amenities and checklist as codes (amenities.h).
struct Station {
    int64_t id = 0;
    std::string code, name;
    int64_t org_id = 0;
    std::string org_path;
    std::string address;
    cn::LatLng gcj;
    std::vector<std::string> amenities;
    std::string hours;  // canonical text (hours.h)
    int64_t capacity = 0;
    std::string status;
    std::vector<std::string> checklist;
    std::optional<int64_t> stars, stars_year;
    int64_t door_generation = 1;
    std::optional<std::string> verified_at;
    std::string created_at, updated_at;
};

// A new station: coordinates in `crs` ("GCJ-02", the default, or "WGS-84", converted);
// amenities and checklist items by code or Chinese name; hours in the text form of hours.h.
struct NewStation {
    std::optional<int64_t> org_id;  // the managing union; defaults to the caller's org
    std::string code;               // generated when empty
    std::string name, address;
    std::optional<double> lat, lng;
    std::string crs = "GCJ-02";
    std::vector<std::string> amenities;
    std::string hours = "24小时";
    int64_t capacity = 0;
    std::string status = "open";
    std::vector<std::string> checklist;
    std::optional<int64_t> stars, stars_year;
};

// Only the fields given change (PUT /stations/{id}, and a keeper's correction in a round).
struct StationEdit {
    std::optional<int64_t> org_id;
    std::optional<std::string> name, address;
    std::optional<double> lat, lng;
    std::string crs = "GCJ-02";
    std::optional<std::vector<std::string>> amenities;
    std::optional<std::string> hours;
    std::optional<int64_t> capacity;
    std::optional<std::string> status;
    std::optional<std::vector<std::string>> checklist;
    std::optional<int64_t> stars, stars_year;
};

struct StationQuery {
    std::string q;              // name or code prefix
    std::string status;         // '' any
    bool overdue_only = false;  // only stations not yet confirmed in a round past its due day
    int64_t after_id = 0;
    int limit = 50;
};

struct StationRow {
    Station station;
    bool verification_due = false;  // in an open round and not yet confirmed
    bool overdue = false;           // … and the round's due day has passed
};
struct StationPage {
    std::vector<StationRow> items;
    std::optional<int64_t> next_cursor;
    int64_t total = 0;
};

// Import (gonghui import stations, POST /stations/import).
struct ImportRow {
    size_t row = 0;
    NewStation station;
};
struct RowProblem {
    size_t row = 0;
    std::string field;    // a NewStation field ("lat"), or "" for the whole row
    std::string message;  // Chinese
    std::string code;
};
struct ImportRequest {
    int64_t org_id = 0;
    std::string file_name;
    tabular::ImportMode mode = tabular::ImportMode::all_or_nothing;
    std::vector<ImportRow> rows;
    std::vector<RowProblem> rejected;
};
struct ImportResult {
    int64_t imported = 0;
    int64_t duplicates = 0;  // codes already registered or repeated in the file
    std::vector<RowProblem> rejected;
};

// GET /stations/nearby: from a point (GCJ-02), the nearest stations that are not retired.
struct NearbyQuery {
    cn::LatLng gcj;
    int limit = 10;
    std::vector<std::string> amenities;   // codes: a station must have all of them
    std::optional<Clock::time_point> at;  // open at; now when absent
    bool open_only = false;               // only those open at `at`
};
struct NearbyHit {
    std::string code, name, address;
    cn::LatLng gcj;
    double distance_m = 0;
    bool open = false;
    std::vector<std::string> amenities;
    std::string hours;
    std::string status;
};

// A verification round under an org (the keepers confirm or correct their stations' data).
struct Round {
    int64_t id = 0;
    int64_t org_id = 0;
    std::string title, started_at, due_on, started_by;
    int64_t stations = 0, confirmed = 0, overdue = 0;
};

class NearbyIndex;  // index.h

class StationService {
public:
    StationService(db::Pool& pool, orgs::OrgService& orgs, audit::AuditLog& audit,
                   const pii::Vault& vault, const TimeSource& clock);
    ~StationService();

    // Validated, inserted and audited (station.create) in one transaction; the index follows.
    // 422 for bad input (the field named), 409 station.code_taken.
    Station create(const Actor& by, const Principal& p, const NewStation& s);
    // Only the given fields; audited (station.update) with {from, to}. Scoped: 404.
    Station update(const Actor& by, const Principal& p, int64_t id, const StationEdit& e);
    std::optional<Station> get(const Principal& p, int64_t id);
    StationPage list(const Principal& p, const StationQuery& q);
    // Every station of the caller's subtree, for the Excel export.
    std::vector<Station> all_in(const Principal& p);
    // Every open station, for the map providers' feed (public).
    std::vector<Station> open_stations();

    // A file of stations into one managing org (all-or-nothing or good rows; one transaction,
    // one audit row station.import). A code already registered, or repeated, is a duplicate.
    ImportResult import_rows(const Actor& by, const Principal& p, const ImportRequest& r);

    std::vector<NearbyHit> nearby(const NearbyQuery& q);

    // Verification rounds: start one over the caller's org (or a given one in scope); a
    // keeper's confirmation (with corrections, applied like update()) marks it done.
    Round start_round(const Actor& by, const Principal& p, std::optional<int64_t> org_id,
                      const std::string& title, const std::string& due_on);
    std::vector<Round> rounds(const Principal& p);
    Station confirm(const Actor& by, const Principal& p, int64_t id, const StationEdit& e);

    // For the other parts of the domain (check-in, points, roster): a station by code or id,
    // unscoped, and whether a principal's scope holds it.
    std::optional<Station> find_by_code(db::Connection& c, const std::string& code);
    std::optional<Station> find(db::Connection& c, int64_t id);
    // The station by id within the caller's scope, else 404 station.not_found.
    Station scoped(db::Connection& c, const Principal& p, int64_t id);
    // The door-token key of a station (decrypted).
    std::string door_key(db::Connection& c, int64_t station_id);
    // Voids every printed poster of the station (door_generation + 1); audited.
    Station renew_door(const Actor& by, const Principal& p, int64_t id);

    // Org moves: path copies under old_prefix now under new_prefix (every station table).
    void repath(db::Connection& tx, const std::string& old_prefix, const std::string& new_prefix);

    // What belonged to `from` (merged into `to`, or dissolved: `to` null) now belongs to `to`
    // or to the dissolved union's parent; every copy of the stations' path follows.
    void rehome(db::Connection& tx, const orgs::Org& from, const orgs::Org* to);

    const TimeSource& clock() const { return clock_; }

private:
    void refresh_index();

    db::Pool& pool_;
    orgs::OrgService& orgs_;
    audit::AuditLog& audit_;
    const pii::Vault& vault_;
    const TimeSource& clock_;
    std::unique_ptr<NearbyIndex> index_;
    std::mutex refresh_mu_;
    bool loaded_ = false;
    std::string seen_up_to_;  // the (updated_at, id) of the last row the index has read
    int64_t seen_id_ = 0;
};

// The door-key ciphertext column, for `gonghui pii rotate-key`.
std::vector<pii::RotationStep> pii_rotation_steps();

}  // namespace gh::stations
