// Stationmaster of the day (一日站长 / 轮值站长) and workers' wishes (微心愿): a roster of cadres
// per station per day with a theme (送春联, 义诊, 普法, 微心愿收集 …) and the day's log (services
// given, people served); wishes collected at a station — by the worker on the phone or by the
// stationmaster for him — followed through claimed to fulfilled, the worker told at each step.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/audit/audit.h"
#include "core/db/pool.h"
#include "core/time.h"
#include "domains/notices/notices.h"
#include "domains/stations/stations.h"

namespace gh::stations {

struct RosterEntry {
    int64_t id = 0;
    int64_t station_id = 0;
    std::string station_code, station_name;
    std::string day, cadre_name;
    std::optional<int64_t> account_id;
    std::string theme, log;
    int64_t served = 0;
    std::string created_at, updated_at;
};

struct NewRosterEntry {
    std::string day;  // YYYY-MM-DD
    std::string cadre_name;
    std::optional<int64_t> account_id;  // the cadre's console account, told by a notice
    std::string theme;
};

struct Wish {
    int64_t id = 0;
    int64_t station_id = 0;
    std::string station_code, station_name;
    std::optional<int64_t> worker_id;
    std::string wisher, text, status, claimed_by, outcome, created_at, updated_at;
};

// The wish states: collected → claimed → fulfilled; collected or claimed → cancelled.
inline constexpr const char* kWishStates[] = {"collected", "claimed", "fulfilled", "cancelled"};

// A wish as answered: the worker's own view leaves out who told it and whether by the app.
nlohmann::json wish_json(const Wish& w, bool for_worker);

class RosterService {
public:
    RosterService(db::Pool& pool, StationService& stations, notices::NoticeService& notices,
                  audit::AuditLog& audit, const TimeSource& clock);

    // Scoped to the station's subtree (404 station.not_found). 409 station.roster_taken when
    // the cadre is already on that station's roster that day.
    RosterEntry add(const Actor& by, const Principal& p, int64_t station_id,
                    const NewRosterEntry& e);
    // The day's log and the people served; the theme may be corrected.
    RosterEntry log(const Actor& by, const Principal& p, int64_t id, std::optional<std::string> log,
                    std::optional<int64_t> served, std::optional<std::string> theme);
    void remove(const Actor& by, const Principal& p, int64_t id);
    std::vector<RosterEntry> of_station(const Principal& p, int64_t station_id,
                                        const std::string& from, const std::string& to);
    // Every station of the caller's subtree between two days (the console's calendar).
    std::vector<RosterEntry> calendar(const Principal& p, const std::string& from,
                                      const std::string& to);

    // A worker's wish at a station (by code); the stationmaster's for a worker without the app.
    Wish wish(const Actor& by, const Principal& worker, const std::string& station_code,
              const std::string& text);
    Wish record_wish(const Actor& by, const Principal& p, int64_t station_id,
                     const std::string& wisher, const std::string& text);
    std::vector<Wish> my_wishes(const Principal& worker);
    std::vector<Wish> wishes(const Principal& p, const std::string& status,
                             std::optional<int64_t> station_id);
    // collected → claimed (who takes it on); claimed → fulfilled (what was done); either of
    // the first two → cancelled (why). 409 station.wish_state otherwise.
    Wish claim(const Actor& by, const Principal& p, int64_t id, const std::string& claimed_by);
    Wish fulfil(const Actor& by, const Principal& p, int64_t id, const std::string& outcome);
    Wish cancel(const Actor& by, const Principal& p, int64_t id, const std::string& reason);

private:
    Wish wish_in_scope(db::Connection& c, const Principal& p, int64_t id);
    Wish move_wish(const Actor& by, const Principal& p, int64_t id, const char* from_a,
                   const char* from_b, const char* to, const std::string& what, const char* field);

    db::Pool& pool_;
    StationService& stations_;
    notices::NoticeService& notices_;
    audit::AuditLog& audit_;
    const TimeSource& clock_;
};

namespace detail {
std::vector<std::string_view> roster_errors();
}

}  // namespace gh::stations
