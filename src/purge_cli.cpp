// gonghui members purge [--dry-run]: anonymises members who left more than
// [members] retention_days ago (MemberService::purge_departed), as the operator.
#include <fmt/format.h>

#include "app.h"
#include "cli_services.h"
#include "domains/members/members.h"

namespace gh {

int members_purge(const Config& cfg, bool dry_run) {
    CliServices s(cfg);
    auto result = s.members.purge_departed(auth::system_actor("cli"),
                                           cfg.member_retention_days, dry_run);
    for (const auto& o : result.by_org) {
        fmt::print("{}\t{}\t{}\n", o.org_id, o.org_name, o.members);
    }
    if (dry_run) {
        fmt::print("将注销 / would anonymise {} member(s) who left more than {} days ago "
                   "(dry run, nothing changed)\n",
                   result.total, cfg.member_retention_days);
    } else {
        fmt::print("已注销 / anonymised {} member(s) who left more than {} days ago\n",
                   result.total, cfg.member_retention_days);
    }
    return 0;
}

}  // namespace gh
