// Bulk import of an employer roster into one responsible org: every row through the rules of
// create(), registered credit codes counted as duplicates, one transaction, one audit row.
#include <algorithm>
#include <set>

#include "core/auth/audit_record.h"
#include "core/error.h"
#include "core/time.h"
#include "domains/employers/employers.h"
#include "domains/employers/internal.h"

namespace gh::employers {

ImportResult EmployerService::import_rows(const Actor& by, const Principal& p,
                                          const ImportRequest& request) {
    auto c = pool_.acquire();
    return db::in_transaction(*c, [&](db::Connection& tx) {
        ImportResult result;
        result.rejected = request.rejected;
        const auto org = responsible_org(tx, p, request.org_id);

        struct Ready {
            detail::Valid v;
            const NewEmployer* e;
        };
        std::vector<Ready> ready;
        std::set<std::string> in_file;  // the reader refuses repeats; this is the service's guard
        for (const auto& row : request.rows) {
            try {
                detail::Valid v = detail::validate(row.employer);
                if (!tx.query("SELECT 1 FROM employers WHERE credit_code = ?", {v.credit_code})
                         .empty() ||
                    !in_file.insert(v.credit_code).second) {
                    ++result.duplicates;
                    continue;
                }
                ready.push_back({std::move(v), &row.employer});
            } catch (const ApiError& e) {
                result.rejected.push_back({row.row, e.field(), e.message(), e.code()});
            }
        }
        std::sort(result.rejected.begin(), result.rejected.end(),
                  [](const RowProblem& a, const RowProblem& b) { return a.row < b.row; });

        const bool write = request.mode == ImportMode::good_rows || result.rejected.empty();
        if (write) {
            const std::string now = clock_.now_iso();
            for (const auto& r : ready) {
                try {
                    tx.execute(
                        "INSERT INTO employers (org_id, org_path, name, credit_code, staff_size, "
                        "industry, address, union_org_id, should_unionize, created_at, "
                        "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)",
                        {org.id, org.path, r.v.name, r.v.credit_code, r.v.staff_size, r.e->industry,
                         r.e->address, int64_t{r.e->should_unionize ? 1 : 0}, now, now});
                } catch (const db::DbError& err) {
                    // Registered meanwhile by someone else: the whole import rolls back.
                    if (err.kind() == db::DbError::Kind::unique) {
                        throw ApiError(409, "employer.credit_code_taken",
                                       "导入期间有信用代码被他人登记，请重新导入", "credit_code");
                    }
                    throw;
                }
            }
            result.imported = static_cast<int64_t>(ready.size());
        }
        auth::record(
            audit_, tx, by, "employer.import", "org", std::to_string(org.id),
            {{"file", request.file_name},
             {"rows", request.rows.size() + request.rejected.size()},
             {"imported", result.imported},
             {"duplicates", result.duplicates},
             {"rejected", result.rejected.size()},
             {"mode", request.mode == ImportMode::good_rows ? "good-rows" : "all-or-nothing"}});
        return result;
    });
}

}  // namespace gh::employers
