// The joining domain's registration: 入会 on the phone, the cadres' review, batches and
// ceremonies, and the member card.
#include "core/app/domain.h"
#include "core/app/worker_data.h"
#include "core/auth/lookup_guard.h"
#include "domains/joining/joining.h"
#include "domains/joining/routes.h"

namespace gh::joining {

namespace {

class JoiningDomain final : public app::Domain {
public:
    std::string_view name() const override { return "joining"; }
    const app::Catalogue& catalogue() const override {
        static const app::Catalogue c{
            {{"member.review", "审核入会申请"}},
            {{"federation_cadre", "member.review"}, {"union_cadre", "member.review"}},
            {
                "join.batch_duplicate",
                "join.batch_refused",
                "join.batch_size",
                "join.ceremony_file",
                "join.ceremony_people",
                "join.ceremony_refused",
                "join.ceremony_row",
                "join.ceremony_size",
                "join.ceremony_too_many_rows",
                "join.consent_required",
                "join.consent_version",
                "join.division",
                "join.employer",
                "join.name",
                "join.no_federation",
                "join.no_membership",
                "join.not_found",
                "join.not_pending",
                "join.occupation",
                "join.org",
                "join.org_inactive",
                "join.org_not_union",
                "join.org_required",
                "join.phone_required",
                "join.reason",
                "join.status",
                "member.phone_taken",
            }};
        return c;
    }
    void start(const app::Platform& p, app::Services& s) override {
        auto& svc =
            s.make<JoinService>(p.pool, s.get<orgs::OrgService>(), s.get<members::MemberService>(),
                                s.get<notices::NoticeService>(), s.get<notices::SmsOutbox>(),
                                p.audit, p.vault, p.clock);
        svc.set_public_url(p.config.public_url);
    }
    void connect(const app::Platform&, app::Services& s) override {
        auto& svc = s.get<JoinService>();
        s.get<orgs::OrgService>().on_repath(
            [&svc](db::Connection& tx, const std::string& from, const std::string& to) {
                svc.repath(tx, from, to);
            });
        // A worker's copy of their data includes their applications, in full.
        s.get<app::WorkerData>().add("join_applications", [&svc](const auth::Principal& p) {
            nlohmann::json items = nlohmann::json::array();
            for (const auto& a : svc.mine(p, true)) items.push_back(application_json(a));
            return items;
        });
    }
    std::vector<pii::RotationStep> rotation_steps() const override { return pii_rotation_steps(); }
    void routes(http::Router& r, app::Services& s, const app::RouteKit& kit) override {
        auto& svc = s.get<JoinService>();
        register_worker_routes(r, svc, kit.lookups);
        register_routes(r, svc, kit.cursors);
    }
};

}  // namespace

std::unique_ptr<app::Domain> make_domain() { return std::make_unique<JoiningDomain>(); }

}  // namespace gh::joining
