// The members domain's registration: the real-name member registry, transfers, imports and
// exports, and the subtree figures.
#include "core/app/domain.h"
#include "core/auth/lookup_guard.h"
#include "core/http/upload.h"
#include "domains/employers/employers.h"
#include "domains/members/members.h"
#include "domains/members/rollups.h"
#include "domains/members/routes.h"

namespace gh::members {

namespace {

using app::PermissionInfo;

class MembersDomain final : public app::Domain {
public:
    std::string_view name() const override { return "members"; }
    const app::Catalogue& catalogue() const override {
        static const app::Catalogue c{
            {{"member.read", "查看会员"},
             {"member.write", "维护会员"},
             {"member.export", "导出会员名册"},
             {"member.phone.release", "释放易主的手机号"},
             {"pii.read", "查看完整身份证号和手机号", PermissionInfo::Held::refining}},
            {{"federation_cadre", "member.read"},
             {"federation_cadre", "member.write"},
             {"federation_cadre", "member.export"},
             {"federation_cadre", "member.phone.release"},
             {"federation_cadre", "pii.read"},
             {"union_cadre", "member.read"},
             {"union_cadre", "member.write"},
             {"union_cadre", "member.export"},
             {"aid_reviewer", "member.read"},
             {"auditor", "member.read"}},
            {
                "member.already_active",
                "member.duplicate_in_file",
                "member.education",
                "member.employer_id",
                "member.employer_name",
                "member.ethnicity",
                "member.export_too_large",
                "member.filter",
                "member.import_cell_too_long",
                "member.import_file",
                "member.import_mode",
                "member.import_report_not_found",
                "member.import_too_large",
                "member.import_too_many_rows",
                "member.in_transfer",
                "member.joined_on",
                "member.name",
                "member.not_active",
                "member.not_found",
                "member.occupation",
                "member.occupation_category",
                "member.org",
                "member.org_inactive",
                "member.political_status",
                "member.reason",
                "member.reveal",
                "member.status",
                "stats.months",
                "transfer.direction",
                "transfer.not_found",
                "transfer.org",
                "transfer.reason",
                "transfer.same_org",
                "transfer.same_scope",
                "transfer.status",
            }};
        return c;
    }
    void start(const app::Platform& p, app::Services& s) override {
        pool_ = &p.pool;
        auto& svc =
            s.make<MemberService>(p.pool, s.get<orgs::OrgService>(), p.audit, p.vault, p.clock);
        svc.use_employers(&s.get<employers::EmployerService>());
        svc.use_notices(&s.get<notices::NoticeService>());
    }
    void connect(const app::Platform&, app::Services& s) override {
        auto& svc = s.get<MemberService>();
        auto& tree = s.get<orgs::OrgService>();
        tree.on_repath([&svc](db::Connection& tx, const std::string& from, const std::string& to) {
            svc.repath(tx, from, to);
        });
        tree.on_rehome([&svc](db::Connection& tx, const orgs::Org& from, const orgs::Org* to,
                              const auth::Actor& by, std::string_view reason) {
            if (to) svc.rehome(tx, from, *to, by, reason);
        });
        tree.set_member_counter(
            [&svc](db::Connection& tx, const orgs::Org& o) { return svc.count_active_at(tx, o); });
    }
    std::vector<pii::RotationStep> rotation_steps() const override { return pii_rotation_steps(); }
    void routes(http::Router& r, app::Services& s, const app::RouteKit& kit) override {
        auto& svc = s.get<MemberService>();
        register_routes(r, svc, kit.cursors, kit.lookups, kit.import_limits);
        register_stats_route(r, *pool_, s.get<orgs::OrgService>(), svc,
                             s.get<employers::EmployerService>());
    }
    // The subtree rollups arrived after members did: fill them from the members already there.
    void migrated(db::Connection& tx, const std::vector<std::string>& applied) override {
        if (std::find(applied.begin(), applied.end(), "members/0006_rollups") != applied.end()) {
            rebuild_rollups(tx);
        }
    }
    void serve(app::Services& s) override {
        s.get<MemberService>().backfill_pinyin();  // rows written before pinyin search existed
    }

private:
    db::Pool* pool_ = nullptr;  // the stats route reads three domains' figures on one connection
};

}  // namespace

std::unique_ptr<app::Domain> make_domain() { return std::make_unique<MembersDomain>(); }

}  // namespace gh::members
