// Bulk import: many rows through the same validation (prepare) and insert as create(), in large
// transactions, with one audit row for the whole import.
#include <algorithm>

#include "core/auth/audit_record.h"
#include "core/error.h"
#include "domains/members/members.h"
#include "domains/members/prepared.h"
#include "domains/members/rollups.h"

namespace gh::members {

ImportResult MemberService::import_rows(const Actor& by, const Principal& p,
                                        const ImportRequest& request) {
    ImportResult result;
    result.rejected = request.rejected;
    auto c = pool_.acquire();
    auto org = orgs_.find_in_scope(*c, p.scope(), request.org_id);
    if (!org) throw ApiError(422, "member.org", "所属工会不存在或不在管辖范围内", "org_id");

    // Validate every row and look up who is already active, before writing anything.
    std::vector<Prepared> ready;
    ready.reserve(request.rows.size());
    for (const auto& row : request.rows) {
        try {
            Prepared m = prepare(row.member);
            auto rs = c->query("SELECT org_id FROM members WHERE active_blind = ?", {m.id_blind});
            if (rs.empty()) {
                ready.push_back(std::move(m));
            } else if (rs.front().get<int64_t>(0) == org->id) {
                ++result.duplicates;
            } else {
                already_active(*c, p, m.id_blind);
            }
        } catch (const ApiError& e) {
            result.rejected.push_back({row.row, e.field(), e.message()});
        }
    }
    std::sort(result.rejected.begin(), result.rejected.end(),
              [](const RowProblem& a, const RowProblem& b) { return a.row < b.row; });

    const bool write = request.mode == ImportMode::good_rows || result.rejected.empty();
    const int64_t to_write = write ? static_cast<int64_t>(ready.size()) : 0;
    auto audit_row = [&](db::Connection& tx) {
        auth::record(
            audit_, tx, by, "member.import", "org", std::to_string(org->id),
            {{"file", request.file_name},
             {"rows", request.rows.size() + request.rejected.size()},
             {"imported", to_write},
             {"duplicates", result.duplicates},
             {"rejected", result.rejected.size()},
             {"mode", request.mode == ImportMode::good_rows ? "good-rows" : "all-or-nothing"}});
    };
    const size_t batch = request.mode == ImportMode::good_rows ? std::max<size_t>(request.batch, 1)
                                                               : std::max<size_t>(ready.size(), 1);
    if (!write || ready.empty()) {
        db::in_transaction(*c, [&](db::Connection& tx) { audit_row(tx); });
        return result;
    }
    for (size_t from = 0; from < ready.size(); from += batch) {
        const size_t to = std::min(ready.size(), from + batch);
        db::in_transaction(*c, [&](db::Connection& tx) {
            RollupDelta rollups;
            for (size_t i = from; i < to; ++i) insert(tx, *org, ready[i], by, rollups);
            rollups.apply(tx);
            if (to == ready.size()) audit_row(tx);
        });
        result.imported += static_cast<int64_t>(to - from);
    }
    return result;
}

}  // namespace gh::members
