// Employers (用人单位) and their unions (建会): who should have a union, who has one. Owns the
// `employers` table; other domains ask this service for its counts (建会率), never the table.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/audit/audit.h"
#include "core/auth/principal.h"
#include "core/db/db.h"
#include "core/db/pool.h"
#include "core/tabular/import_mode.h"
#include "core/time.h"
#include "domains/orgs/orgs.h"

namespace gh::employers {

using auth::Actor;
using auth::Principal;

struct NewEmployer {
    std::optional<int64_t> org_id;  // the responsible org; defaults to the caller's
    std::string name;
    std::string credit_code;
    std::optional<int64_t> staff_size;
    std::string industry;  // GB/T 4754 section letter A–T, or empty
    std::string address;
    std::optional<int64_t> union_org_id;
    bool should_unionize = true;
};

struct Employer {
    int64_t id = 0;
    int64_t org_id = 0;
    std::string name;
    std::string credit_code;
    int64_t staff_size = 0;
    std::string industry;
    std::string address;
    std::optional<int64_t> union_org_id;
    bool should_unionize = true;
    std::string created_at;
    std::string updated_at;
};

// An edit (PUT /employers/{id}): only the fields given change. The credit code may be corrected
// (a typo at registration) but is re-validated like a new one and stays unique; the responsible
// org must be in the caller's scope, active, and a federation, township union or union
// federation. The union link has its own call (set_union).
struct EmployerEdit {
    std::optional<int64_t> org_id;
    std::optional<std::string> name;
    std::optional<std::string> credit_code;
    std::optional<int64_t> staff_size;
    std::optional<std::string> industry;
    std::optional<std::string> address;
    std::optional<bool> should_unionize;
};

// One row of an employer roster (.xlsx or CSV), and a row refused with its reason.
struct ImportRow {
    size_t row = 0;
    NewEmployer employer;
};
struct RowProblem {
    size_t row = 0;
    std::string field;    // the NewEmployer field ("credit_code"), or "" for the whole row
    std::string message;  // Chinese
    std::string code;     // the service's error code when it refused the row, else empty
};
using ImportMode = tabular::ImportMode;
struct ImportRequest {
    int64_t org_id = 0;     // the responsible org of every row
    std::string file_name;  // for the audit row
    ImportMode mode = ImportMode::all_or_nothing;
    std::vector<ImportRow> rows;
    std::vector<RowProblem> rejected;  // rows the reader already refused
};
struct ImportResult {
    int64_t imported = 0;
    int64_t duplicates = 0;  // credit codes already registered: left as they are
    std::vector<RowProblem> rejected;
};

struct EmployerQuery {
    std::string q;                  // name prefix or an exact credit code
    std::optional<bool> unionized;  // only those with (true) or without (false) a union
    int64_t after_id = 0;
    int limit = 50;
};

struct EmployerPage {
    std::vector<Employer> items;
    std::optional<int64_t> next_cursor;
    int64_t total = 0;
};

// Employers whose responsible org lies in a subtree. unionized_expected counts the employers
// that should have a union and do: the numerator of the 建会率 (so it never exceeds 1).
struct EmployerCounts {
    int64_t employers = 0;
    int64_t should_unionize = 0;
    int64_t unionized = 0;
    int64_t unionized_expected = 0;
    int64_t unionized_staff = 0;  // staff of the unionized employers: the 入会率 denominator
};

class EmployerService {
public:
    EmployerService(db::Pool& pool, orgs::OrgService& orgs, audit::AuditLog& audit,
                    const TimeSource& clock);

    // Validates, inserts and audits (employer.create) in one transaction. Throws ApiError: 422
    // for bad input or orgs outside the caller's scope, 409 employer.credit_code_taken.
    Employer create(const Actor& by, const Principal& p, const NewEmployer& e);

    // Changes the given fields and audits them (employer.update, with the changed fields of an
    // allow-list, each {from, to}) in one transaction. Scoped: 404 employer.not_found; 422 for
    // bad input, 409 employer.credit_code_taken. Nothing given or nothing changed: no audit row.
    Employer update(const Actor& by, const Principal& p, int64_t id, const EmployerEdit& e);

    // A roster into one responsible org (employers/import.cpp): every row validated like
    // create(); a credit code already registered (anywhere) counts as a duplicate and is left
    // alone, so re-importing a file adds nothing. all_or_nothing writes nothing when a row is
    // refused; good_rows writes the good ones. One transaction, one audit row (employer.import).
    ImportResult import_rows(const Actor& by, const Principal& p, const ImportRequest& request);

    // Scoped: nullopt when missing or outside the caller's scope.
    std::optional<Employer> get(const Principal& p, int64_t id);

    // Keyset by id within the caller's scope.
    EmployerPage list(const Principal& p, const EmployerQuery& q);

    // Links (or with nullopt unlinks) the employer's grassroots union; audited
    // (employer.union). Scoped: 404 employer.not_found.
    Employer set_union(const Actor& by, const Principal& p, int64_t id,
                       std::optional<int64_t> union_org_id);

    // Counts for the subtree at `org_path`: an index range over org_path.
    EmployerCounts count_in(db::Connection& c, const std::string& org_path);
    // The unions of the unionized employers in the subtree, each once: whose members make the
    // 入会率 numerator.
    std::vector<int64_t> union_orgs_in(db::Connection& c, const std::string& org_path);

    // Org restructuring, through the orgs hooks (its domain.cpp), in the caller's transaction
    // (employers/rehome.cpp): path copies under old_prefix move to new_prefix; employers whose
    // responsible org or union was `from` now name `to` (with no `to`, a dissolved union is
    // unlinked: its employers count as not unionized again).
    void repath(db::Connection& tx, const std::string& old_prefix, const std::string& new_prefix);
    void rehome(db::Connection& tx, const orgs::Org& from, const orgs::Org* to);

private:
    orgs::Org responsible_org(db::Connection& tx, const Principal& p, int64_t org_id);
    void check_union_org(db::Connection& c, const Principal& p, std::optional<int64_t> id);
    std::optional<Employer> find(db::Connection& c, int64_t id, std::string* path = nullptr);

    db::Pool& pool_;
    const TimeSource& clock_;
    orgs::OrgService& orgs_;
    audit::AuditLog& audit_;
};

}  // namespace gh::employers
