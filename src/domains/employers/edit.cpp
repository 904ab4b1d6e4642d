// Editing an employer: only the fields given change, each re-validated as at registration; the
// audit row lists the changed fields of an allow-list, each {from, to}.
#include "core/auth/audit_record.h"
#include "core/error.h"
#include "core/time.h"
#include "domains/employers/employers.h"
#include "domains/employers/internal.h"

namespace gh::employers {

Employer EmployerService::update(const Actor& by, const Principal& p, int64_t id,
                                 const EmployerEdit& e) {
    auto c = pool_.acquire();
    return db::in_transaction(*c, [&](db::Connection& tx) {
        std::string path;
        auto old = find(tx, id, &path);
        if (!old || !p.scope().contains(path)) {
            throw ApiError(404, "employer.not_found", "用人单位不存在");
        }
        // The edited record, validated as a whole by the rules of create().
        NewEmployer next;
        next.name = e.name.value_or(old->name);
        next.credit_code = e.credit_code.value_or(old->credit_code);
        next.staff_size = e.staff_size.value_or(old->staff_size);
        next.industry = e.industry.value_or(old->industry);
        next.address = e.address.value_or(old->address);
        next.should_unionize = e.should_unionize.value_or(old->should_unionize);
        const detail::Valid v = detail::validate(next);

        int64_t org_id = old->org_id;
        std::string org_path = path;
        if (e.org_id && *e.org_id != old->org_id) {
            const auto org = responsible_org(tx, p, *e.org_id);
            org_id = org.id;
            org_path = org.path;
        }

        // The allow-list: what the audit row may name (no free-form body is ever recorded).
        nlohmann::json changes = nlohmann::json::object();
        auto note = [&](const char* field, const nlohmann::json& from, const nlohmann::json& to) {
            if (from != to) changes[field] = {{"from", from}, {"to", to}};
        };
        note("org_id", old->org_id, org_id);
        note("name", old->name, v.name);
        note("credit_code", old->credit_code, v.credit_code);
        note("staff_size", old->staff_size, v.staff_size);
        note("industry", old->industry, next.industry);
        note("address", old->address, next.address);
        note("should_unionize", old->should_unionize, next.should_unionize);
        if (changes.empty()) return *old;

        try {
            tx.execute(
                "UPDATE employers SET org_id = ?, org_path = ?, name = ?, credit_code = ?, "
                "staff_size = ?, industry = ?, address = ?, should_unionize = ?, updated_at = ? "
                "WHERE id = ?",
                {org_id, org_path, v.name, v.credit_code, v.staff_size, next.industry, next.address,
                 int64_t{next.should_unionize ? 1 : 0}, clock_.now_iso(), id});
        } catch (const db::DbError& err) {
            if (err.kind() == db::DbError::Kind::unique) {
                throw ApiError(409, "employer.credit_code_taken", "该统一社会信用代码已登记",
                               "credit_code");
            }
            throw;
        }
        auth::record(audit_, tx, by, "employer.update", "employer", std::to_string(id),
                     {{"changes", changes}});
        return *find(tx, id);
    });
}

}  // namespace gh::employers
