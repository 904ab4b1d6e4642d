// `gonghui members purge`: personal data of long-departed members is anonymised (PIPL: kept no
// longer than needed); the membership's history and statistics stay.
#include <chrono>
#include <map>

#include "core/auth/audit_record.h"
#include "core/time.h"
#include "domains/members/members.h"

namespace gh::members {

namespace {
constexpr const char* kAnonymousName = "已注销";
}

PurgeResult MemberService::purge_departed(const Actor& by, int retention_days, bool dry_run) {
    const std::string cutoff =
        to_iso(clock_.now() - std::chrono::hours(24) * std::max(retention_days, 0));
    auto c = pool_.acquire();
    return db::in_transaction(*c, [&](db::Connection& tx) {
        auto rs = tx.query(
            "SELECT id, org_id FROM members WHERE status IN ('left', 'expelled', 'deceased', "
            "'transferred') AND name <> ? AND updated_at <= ? ORDER BY id",
            {std::string(kAnonymousName), cutoff});
        std::map<int64_t, int64_t> counts;
        PurgeResult out;
        for (auto r : rs) {
            ++counts[r.get<int64_t>(1)];
            ++out.total;
            if (dry_run) continue;
            tx.execute(
                "UPDATE members SET name = ?, id_enc = ?, id_blind = ?, phone_enc = NULL, "
                "phone_blind = NULL, birth_date = '', name_initials = '', name_pinyin = '', "
                "employer_name = '', employer_id = NULL WHERE id = ?",
                {std::string(kAnonymousName), db::Blob{}, db::Blob{}, r.get<int64_t>(0)});
        }
        nlohmann::json by_org = nlohmann::json::object();
        for (const auto& [org_id, n] : counts) {
            auto org = orgs_.find(tx, org_id);
            out.by_org.push_back({org_id, org ? org->name : std::string(), n});
            by_org[std::to_string(org_id)] = n;
        }
        if (!dry_run) {
            auth::record(audit_, tx, by, "member.purge", "member", "",
                         {{"members", out.total},
                          {"retention_days", retention_days},
                          {"by_org", by_org}});
        }
        return out;
    });
}

}  // namespace gh::members
