#include "domains/identity/audit_reader.h"

#include "core/auth/audit_record.h"

namespace gh::identity {

std::vector<audit::Row> AuditReader::search(const audit::Filter& f) {
    auto c = pool_.acquire();
    return log_.search(*c, f);
}

std::vector<audit::Row> AuditReader::export_rows(const auth::Actor& by, audit::Filter f,
                                                 size_t max_rows) {
    auto c = pool_.acquire();
    std::vector<audit::Row> out;
    f.limit = audit::AuditLog::max_limit;
    while (out.size() < max_rows) {
        auto rows = log_.search(*c, f);
        for (auto& r : rows) out.push_back(std::move(r));
        if (rows.size() < static_cast<size_t>(f.limit)) break;
        f.after_id = out.back().id;
    }
    db::in_transaction(*c, [&](db::Connection& tx) {
        auth::record(log_, tx, by, "audit.export", "audit_log", "", {{"rows", out.size()}});
    });
    return out;
}

audit::VerifyResult AuditReader::verify() {
    auto c = pool_.acquire();
    return log_.verify(*c);
}

}  // namespace gh::identity
