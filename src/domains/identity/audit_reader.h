// The audit administrator's reads of the audit log (search, export, chain check): the service
// behind the audit routes, so the routes hold no connection and write no audit row themselves.
#pragma once

#include <vector>

#include "core/audit/audit.h"
#include "core/auth/principal.h"
#include "core/db/pool.h"

namespace gh::identity {

class AuditReader {
public:
    AuditReader(db::Pool& pool, audit::AuditLog& log) : pool_(pool), log_(log) {}

    // One page (f.limit rows after f.after_id).
    std::vector<audit::Row> search(const audit::Filter& f);
    // Every row the filter matches, newest first, at most `max_rows`; the export is itself
    // recorded in the log (audit.export, with the row count).
    std::vector<audit::Row> export_rows(const auth::Actor& by, audit::Filter f, size_t max_rows);
    audit::VerifyResult verify();

private:
    db::Pool& pool_;
    audit::AuditLog& log_;
};

}  // namespace gh::identity
