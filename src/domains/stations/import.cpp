// A file of stations into one managing org: every row through the rules of create(), codes
// already registered or repeated counted as duplicates, one transaction, one audit row.
#include <algorithm>
#include <set>

#include "core/auth/audit_record.h"
#include "core/error.h"
#include "domains/stations/index.h"
#include "domains/stations/internal.h"

namespace gh::stations {

ImportResult StationService::import_rows(const Actor& by, const Principal& p,
                                         const ImportRequest& request) {
    auto c = pool_.acquire();
    std::vector<Station> written;
    ImportResult out = db::in_transaction(*c, [&](db::Connection& tx) {
        ImportResult result;
        result.rejected = request.rejected;
        const auto org = detail::managing_org(orgs_, tx, p, request.org_id);
        std::vector<detail::Valid> ready;
        std::set<std::string> in_file;
        for (const auto& row : request.rows) {
            try {
                detail::Valid v = detail::validate(row.station);
                if (!v.code.empty()) {
                    if (!in_file.insert(v.code).second ||
                        !tx.query("SELECT 1 FROM stations WHERE code = ?", {v.code}).empty()) {
                        ++result.duplicates;
                        continue;
                    }
                }
                ready.push_back(std::move(v));
            } catch (const ApiError& e) {
                result.rejected.push_back({row.row, e.field(), e.message(), e.code()});
            }
        }
        std::sort(result.rejected.begin(), result.rejected.end(),
                  [](const RowProblem& a, const RowProblem& b) { return a.row < b.row; });
        const bool write =
            request.mode == tabular::ImportMode::good_rows || result.rejected.empty();
        if (write) {
            const std::string now = clock_.now_iso();
            for (auto& v : ready) {
                if (v.code.empty()) v.code = detail::next_code(tx, orgs_, org);
                try {
                    const int64_t id =
                        tx.query(
                              "INSERT INTO stations (code, name, org_id, org_path, address, lat, "
                              "lng, amenities, hours, capacity, status, checklist, stars, "
                              "stars_year, door_key_enc, door_generation, created_at, updated_at) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) "
                              "RETURNING id",
                              {v.code, v.name, org.id, org.path, v.address, v.gcj.lat, v.gcj.lng,
                               v.amenities, v.hours, v.capacity, v.status, v.checklist,
                               db::opt(v.stars), db::opt(v.stars_year),
                               db::Blob{
                                   vault_.encrypt(detail::new_door_key(), detail::kDoorKeyContext)},
                               now, now})
                            .front()
                            .get<int64_t>(0);
                    written.push_back(*find(tx, id));
                } catch (const db::DbError& err) {
                    if (err.kind() == db::DbError::Kind::unique) {
                        throw ApiError(409, "station.code_taken",
                                       "导入期间站点编码被他人登记，请重新导入", "code");
                    }
                    throw;
                }
            }
            result.imported = static_cast<int64_t>(ready.size());
        }
        auth::record(audit_, tx, by, "station.import", "org", std::to_string(org.id),
                     {{"file", request.file_name},
                      {"rows", request.rows.size() + request.rejected.size()},
                      {"imported", result.imported},
                      {"duplicates", result.duplicates},
                      {"rejected", result.rejected.size()},
                      {"mode", request.mode == tabular::ImportMode::good_rows ? "good-rows"
                                                                              : "all-or-nothing"}});
        return result;
    });
    for (const auto& s : written) index_->put(s);
    return out;
}

}  // namespace gh::stations
