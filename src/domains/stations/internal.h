// Internal to the stations domain: the checks create(), update(), confirm() and import_rows()
// share, the stored form of a station row, and each part's error codes for the catalogue.
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/db/db.h"
#include "domains/stations/stations.h"

namespace gh::stations::detail {

// The validated fields of a station as stored.
struct Valid {
    std::string code;  // may be empty: generated on insert
    std::string name, address;
    cn::LatLng gcj;
    std::string amenities;  // codes, comma separated
    std::string hours;      // canonical text
    int64_t capacity = 0;
    std::string status;
    std::string checklist;  // codes, comma separated
    std::optional<int64_t> stars, stars_year;
};

// Throws ApiError 422 naming the field (station.name, station.lat …).
Valid validate(const NewStation& s);

// Coordinates in `crs` ("GCJ-02"/"gcj02", "WGS-84"/"wgs84") → GCJ-02; 422 station.crs,
// station.lat / station.lng (outside China, or latitude and longitude swapped). `lat_field`
// and `lng_field` name the fields in the error.
cn::LatLng to_gcj(std::optional<double> lat, std::optional<double> lng, std::string_view crs,
                  const char* lat_field = "lat", const char* lng_field = "lng", int status = 422);
// "GCJ-02" or "WGS-84" for the accepted spellings; nullopt otherwise.
std::optional<std::string> crs_name(std::string_view crs);

// The columns of a station row, in the order station_of() reads them.
inline constexpr const char* kColumns =
    "id, code, name, org_id, org_path, address, lat, lng, amenities, hours, capacity, status, "
    "checklist, stars, stars_year, door_generation, verified_at, created_at, updated_at";
Station station_of(const db::Row& r);
inline std::string select_from() { return std::string("SELECT ") + kColumns + " FROM stations "; }
// What a station's audit rows say of it.
nlohmann::json station_audit(const Station& s);

// An edit applied inside tx (validated whole, the org in scope); the station after it and the
// changed fields. confirm: a keeper's verification (verified_at set even with no change).
std::pair<Station, std::vector<std::string>> apply_edit(orgs::OrgService& orgs, db::Connection& tx,
                                                        const Principal& p, const Station& before,
                                                        const StationEdit& e,
                                                        const std::string& now, bool confirm);
std::vector<std::string> split_codes(const std::string& stored);
std::string join_codes(const std::vector<std::string>& codes);

// The managing org: in the caller's scope, active, its row locked while a station copies its
// path. 422 station.org.
orgs::Org managing_org(orgs::OrgService& orgs, db::Connection& tx, const Principal& p,
                       int64_t org_id);
// A new station's code: "YZ" + the managing org's nearest division code + "-" + a sequence.
std::string next_code(db::Connection& tx, orgs::OrgService& orgs, const orgs::Org& org);
std::string new_door_key();
inline constexpr const char* kDoorKeyContext = "stations.door_key";

// "2026-12-04" → that day; nullopt for anything else (not 10 characters, not digits, no such day).
std::optional<std::chrono::sys_days> parse_day(std::string_view text);

std::vector<std::string_view> station_errors();
std::vector<std::string_view> checkin_errors();  // checkin.cpp

// Points (points.cpp): an entry crediting `amount` (> 0) to the worker's account, created at 0
// if new, in the caller's transaction; the entry's id and the balance after it.
struct Posted {
    int64_t entry_id = 0, balance = 0;
};
Posted credit(db::Connection& tx, int64_t worker_id, const char* kind, int64_t amount,
              const Station& s, const std::string& ref, const std::string& note,
              const std::string& by, const std::string& now);
// Who did it, for created_by columns: "w<id>" for a worker, else the account's name.
std::string actor_label(const Actor& by);
std::vector<std::string_view> points_errors();

}  // namespace gh::stations::detail
