// The stations: create, edit, read in scope, the index kept in step; see stations.h.
#include <sodium.h>

#include <algorithm>
#include <chrono>

#include "core/auth/audit_record.h"
#include "core/error.h"
#include "domains/stations/amenities.h"
#include "domains/stations/index.h"
#include "domains/stations/internal.h"
#include "domains/stations/points.h"

namespace gh::stations {

using detail::kDoorKeyContext;
using detail::new_door_key;
using detail::next_code;
using detail::select_from;
using detail::station_audit;

std::string detail::new_door_key() {
    std::string key(32, '\0');
    randombytes_buf(key.data(), key.size());
    return key;
}

// "YZ610424-0007": 驿站, the managing org's nearest division code, a sequence.
std::string detail::next_code(db::Connection& tx, orgs::OrgService& orgs, const orgs::Org& org) {
    std::string division = "000000";
    for (std::optional<orgs::Org> o = org; o;
         o = o->parent_id ? orgs.find(tx, *o->parent_id) : std::nullopt) {
        if (o->division_code) {
            division = *o->division_code;
            break;
        }
    }
    const std::string prefix = "YZ" + division + "-";
    auto rs = tx.query("SELECT code FROM stations WHERE code >= ? AND code < ? ORDER BY code DESC",
                       {prefix, prefix + "\x7f"});
    int64_t next = 1;
    for (const auto& r : rs) {
        const std::string c = r.get<std::string>(0);
        const std::string tail = c.substr(prefix.size());
        if (tail.size() == 4 && std::all_of(tail.begin(), tail.end(), ::isdigit)) {
            next = std::stoll(tail) + 1;
            break;
        }
    }
    std::string seq = std::to_string(next);
    if (seq.size() < 4) seq.insert(0, 4 - seq.size(), '0');
    return prefix + seq;
}

StationService::StationService(db::Pool& pool, orgs::OrgService& orgs, audit::AuditLog& audit,
                               const pii::Vault& vault, const TimeSource& clock)
    : pool_(pool),
      orgs_(orgs),
      audit_(audit),
      vault_(vault),
      clock_(clock),
      index_(std::make_unique<NearbyIndex>()) {}

StationService::~StationService() = default;

std::optional<Station> StationService::find(db::Connection& c, int64_t id) {
    auto rs = c.query(select_from() + "WHERE id = ?", {id});
    if (rs.empty()) return std::nullopt;
    return detail::station_of(rs.front());
}

std::optional<Station> StationService::find_by_code(db::Connection& c, const std::string& code) {
    auto rs = c.query(select_from() + "WHERE code = ?", {code});
    if (rs.empty()) return std::nullopt;
    return detail::station_of(rs.front());
}

Station StationService::scoped(db::Connection& c, const Principal& p, int64_t id) {
    auto s = find(c, id);
    if (!s || !p.scope().contains(s->org_path)) {
        throw ApiError(404, "station.not_found", "驿站不存在或不在管辖范围内");
    }
    return *s;
}

std::string StationService::door_key(db::Connection& c, int64_t station_id) {
    auto rs = c.query("SELECT door_key_enc FROM stations WHERE id = ?", {station_id});
    if (rs.empty()) throw ApiError(404, "station.not_found", "驿站不存在");
    return vault_.decrypt(rs.front().get<db::Blob>(0).bytes, kDoorKeyContext);
}

namespace detail {

orgs::Org managing_org(orgs::OrgService& orgs, db::Connection& tx, const Principal& p,
                       int64_t org_id) {
    auto org = orgs.find_for_update(tx, org_id);
    if (!org || !p.scope().contains(org->path)) {
        throw ApiError(422, "station.org", "管理驿站的工会不存在或不在管辖范围内", "org_id");
    }
    if (!org->active()) {
        throw ApiError(422, "station.org", "管理驿站的工会已撤销或合并", "org_id");
    }
    return *org;
}

}  // namespace detail

using detail::managing_org;

Station StationService::create(const Actor& by, const Principal& p, const NewStation& in) {
    const detail::Valid v = detail::validate(in);
    auto c = pool_.acquire();
    Station out = db::in_transaction(*c, [&](db::Connection& tx) {
        const auto org = managing_org(orgs_, tx, p, in.org_id.value_or(p.org_id));
        const std::string code = v.code.empty() ? next_code(tx, orgs_, org) : v.code;
        const std::string now = clock_.now_iso();
        int64_t id = 0;
        try {
            id = tx.query(
                       "INSERT INTO stations (code, name, org_id, org_path, address, lat, lng, "
                       "amenities, hours, capacity, status, checklist, stars, stars_year, "
                       "door_key_enc, door_generation, created_at, updated_at) VALUES (?, ?, ?, ?, "
                       "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING id",
                       {code, v.name, org.id, org.path, v.address, v.gcj.lat, v.gcj.lng,
                        v.amenities, v.hours, v.capacity, v.status, v.checklist, db::opt(v.stars),
                        db::opt(v.stars_year),
                        db::Blob{vault_.encrypt(new_door_key(), kDoorKeyContext)}, now, now})
                     .front()
                     .get<int64_t>(0);
        } catch (const db::DbError& e) {
            if (e.kind() == db::DbError::Kind::unique) {
                throw ApiError(409, "station.code_taken", "站点编码已被使用：" + code, "code");
            }
            throw;
        }
        Station s = *find(tx, id);
        auth::record(audit_, tx, by, "station.create", "station", std::to_string(id),
                     station_audit(s));
        return s;
    });
    index_->put(out);
    return out;
}

namespace {

// The edit applied to a station, as a NewStation the validator checks whole.
NewStation merged(const Station& s, const StationEdit& e) {
    NewStation n;
    n.code = s.code;
    n.name = e.name.value_or(s.name);
    n.address = e.address.value_or(s.address);
    if (e.lat || e.lng) {
        n.lat = e.lat;
        n.lng = e.lng;
        n.crs = e.crs;
    } else {
        n.lat = s.gcj.lat;
        n.lng = s.gcj.lng;
    }
    n.amenities = e.amenities.value_or(s.amenities);
    n.hours = e.hours.value_or(s.hours);
    n.capacity = e.capacity.value_or(s.capacity);
    n.status = e.status.value_or(s.status);
    n.checklist = e.checklist.value_or(s.checklist);
    n.stars = e.stars ? e.stars : s.stars;
    n.stars_year = e.stars_year ? e.stars_year : s.stars_year;
    return n;
}

}  // namespace

namespace detail {

// Applies an edit inside tx; answers the station after it and the changed field names.
std::pair<Station, std::vector<std::string>> apply_edit(orgs::OrgService& orgs, db::Connection& tx,
                                                        const Principal& p, const Station& before,
                                                        const StationEdit& e,
                                                        const std::string& now, bool confirm) {
    const Valid v = validate(merged(before, e));
    std::string org_path = before.org_path;
    int64_t org_id = before.org_id;
    if (e.org_id && *e.org_id != before.org_id) {
        const auto org = managing_org(orgs, tx, p, *e.org_id);
        org_id = org.id;
        org_path = org.path;
    }
    std::vector<std::string> changed;
    auto note = [&changed](bool differs, const char* field) {
        if (differs) changed.emplace_back(field);
    };
    note(org_id != before.org_id, "org_id");
    note(v.name != before.name, "name");
    note(v.address != before.address, "address");
    note(v.gcj.lat != before.gcj.lat || v.gcj.lng != before.gcj.lng, "location");
    note(v.amenities != join_codes(before.amenities), "amenities");
    note(v.hours != before.hours, "hours");
    note(v.capacity != before.capacity, "capacity");
    note(v.status != before.status, "status");
    note(v.checklist != join_codes(before.checklist), "checklist");
    note(v.stars != before.stars || v.stars_year != before.stars_year, "stars");
    if (!changed.empty() || confirm) {
        tx.execute(
            "UPDATE stations SET org_id = ?, org_path = ?, name = ?, address = ?, lat = ?, lng = "
            "?, "
            "amenities = ?, hours = ?, capacity = ?, status = ?, checklist = ?, stars = ?, "
            "stars_year = ?, updated_at = ?" +
                std::string(confirm ? ", verified_at = ?" : "") + " WHERE id = ?",
            [&] {
                db::Params ps{org_id,
                              org_path,
                              v.name,
                              v.address,
                              v.gcj.lat,
                              v.gcj.lng,
                              v.amenities,
                              v.hours,
                              v.capacity,
                              v.status,
                              v.checklist,
                              db::opt(v.stars),
                              db::opt(v.stars_year),
                              now};
                if (confirm) ps.emplace_back(now);
                ps.emplace_back(before.id);
                return ps;
            }());
    }
    auto rs = tx.query(select_from() + "WHERE id = ?", {before.id});
    return {station_of(rs.front()), changed};
}

}  // namespace detail

Station StationService::update(const Actor& by, const Principal& p, int64_t id,
                               const StationEdit& e) {
    auto c = pool_.acquire();
    Station out = db::in_transaction(*c, [&](db::Connection& tx) {
        const Station before = scoped(tx, p, id);
        auto [after, changed] =
            detail::apply_edit(orgs_, tx, p, before, e, clock_.now_iso(), /*confirm=*/false);
        if (!changed.empty()) {
            auto d = station_audit(after);
            d["fields"] = changed;
            auth::record(audit_, tx, by, "station.update", "station", std::to_string(id), d);
        }
        return after;
    });
    index_->put(out);
    return out;
}

std::optional<Station> StationService::get(const Principal& p, int64_t id) {
    auto c = pool_.acquire();
    auto s = find(*c, id);
    if (!s || !p.scope().contains(s->org_path)) return std::nullopt;
    return s;
}

std::vector<Station> StationService::all_in(const Principal& p) {
    auto c = pool_.acquire();
    const auto scope = p.scope();
    std::vector<Station> out;
    for (const auto& r :
         c->query(select_from() + "WHERE org_path >= ? AND org_path < ? ORDER BY id",
                  {scope.root_path, scope.upper_bound()})) {
        out.push_back(detail::station_of(r));
    }
    return out;
}

std::vector<Station> StationService::open_stations() {
    auto c = pool_.acquire();
    std::vector<Station> out;
    for (const auto& r : c->query(select_from() + "WHERE status = 'open' ORDER BY code")) {
        out.push_back(detail::station_of(r));
    }
    return out;
}

Station StationService::renew_door(const Actor& by, const Principal& p, int64_t id) {
    auto c = pool_.acquire();
    return db::in_transaction(*c, [&](db::Connection& tx) {
        scoped(tx, p, id);
        tx.execute(
            "UPDATE stations SET door_generation = door_generation + 1, door_key_enc = ?, "
            "updated_at = ? WHERE id = ?",
            {db::Blob{vault_.encrypt(new_door_key(), kDoorKeyContext)}, clock_.now_iso(), id});
        Station s = *find(tx, id);
        auth::record(audit_, tx, by, "station.door.renew", "station", std::to_string(id),
                     {{"code", s.code}, {"generation", s.door_generation}});
        return s;
    });
}

void StationService::refresh_index() {
    // The first call loads every station; later ones the stations changed after the last one
    // read, in (updated_at, id) order (by this process or another: `gonghui import stations`
    // into the database of a running server). This process's own changes are put() at once.
    std::lock_guard lock(refresh_mu_);
    auto c = pool_.acquire();
    if (!loaded_) {
        std::vector<Station> all;
        for (const auto& r : c->query(select_from() + "ORDER BY updated_at, id")) {
            Station s = detail::station_of(r);
            seen_up_to_ = s.updated_at;
            seen_id_ = s.id;
            if (s.status != "retired") all.push_back(std::move(s));
        }
        index_->reset(std::move(all));
        loaded_ = true;
        return;
    }
    // Two index ranges over (updated_at, id): the rest of the last instant read, then what
    // came after it (one OR or a row-value comparison would scan every row of that instant).
    auto read = [&](const std::string& where, const db::Params& params) {
        for (const auto& r : c->query(select_from() + where + " ORDER BY updated_at, id", params)) {
            Station s = detail::station_of(r);
            seen_up_to_ = s.updated_at;
            seen_id_ = s.id;
            index_->put(s);
        }
    };
    const std::string instant = seen_up_to_;
    read("WHERE updated_at = ? AND id > ?", {instant, seen_id_});
    read("WHERE updated_at > ?", {instant});
}

std::vector<NearbyHit> StationService::nearby(const NearbyQuery& q) {
    // Every query first reads the stations changed since the last one it read (an indexed
    // keyset read, empty almost always), so a `gonghui import stations` into the database of a
    // running server is found by the next query, as if the server had made the change itself.
    refresh_index();
    return index_->nearest(q, clock_.now());
}

void StationService::repath(db::Connection& tx, const std::string& old_prefix,
                            const std::string& new_prefix) {
    const auth::Scope moved{old_prefix};
    for (const char* table :
         {"stations", "station_rounds", "station_visits", "station_visit_rollups", "station_roster",
          "station_wishes", "points_entries", "station_items", "station_redemptions",
          "station_events"}) {
        tx.execute(std::string("UPDATE ") + table +
                       " SET org_path = CAST(? AS TEXT) || substr(org_path, ?) "
                       "WHERE org_path >= ? AND org_path < ?",
                   {new_prefix, static_cast<int64_t>(old_prefix.size() + 1), moved.root_path,
                    moved.upper_bound()});
    }
    // The index holds stations by id, paths unused: nothing to move there.
}

void StationService::rehome(db::Connection& tx, const orgs::Org& from, const orgs::Org* to) {
    // A station is a place that stays when its union merges or dissolves: it goes to the union
    // it merged into, or to the parent of the dissolved one.
    std::optional<orgs::Org> parent;
    if (!to && from.parent_id) parent = orgs_.find(tx, *from.parent_id);
    const orgs::Org* target = to ? to : parent ? &*parent : nullptr;
    if (!target) return;
    std::vector<int64_t> ids;
    for (const auto& r : tx.query("SELECT id FROM stations WHERE org_id = ?", {from.id})) {
        ids.push_back(r.get<int64_t>(0));
    }
    if (ids.empty()) return;
    const std::string now = clock_.now_iso();
    tx.execute("UPDATE stations SET org_id = ?, org_path = ?, updated_at = ? WHERE org_id = ?",
               {target->id, target->path, now, from.id});
    for (int64_t id : ids) {
        for (const char* table :
             {"station_visits", "station_visit_rollups", "station_roster", "station_wishes",
              "points_entries", "station_items", "station_redemptions", "station_events"}) {
            tx.execute(std::string("UPDATE ") + table + " SET org_path = ? WHERE station_id = ?",
                       {target->path, id});
        }
    }
}

std::vector<pii::RotationStep> pii_rotation_steps() {
    return {{"stations.door_key", "stations", "id", "door_key_enc", kDoorKeyContext, false},
            {"station_redemptions.pickup_code", "station_redemptions", "id", "pickup_enc",
             kPickupContext, true}};
}

}  // namespace gh::stations
