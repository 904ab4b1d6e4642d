// The orgs domain's registration: the union tree and its holding pools.
#include "core/app/domain.h"
#include "domains/orgs/orgs.h"
#include "domains/orgs/routes.h"

namespace gh::orgs {

namespace {

class OrgsDomain final : public app::Domain {
public:
    std::string_view name() const override { return "orgs"; }
    const app::Catalogue& catalogue() const override {
        static const app::Catalogue c{{{"org.read", "查看组织"}, {"org.write", "维护组织"}},
                                      {{"admin", "org.read"},
                                       {"admin", "org.write"},
                                       {"security_admin", "org.read"},
                                       {"audit_admin", "org.read"},
                                       {"federation_cadre", "org.read"},
                                       {"federation_cadre", "org.write"},
                                       {"union_cadre", "org.read"},
                                       {"station_keeper", "org.read"},
                                       {"hotline_agent", "org.read"},
                                       {"mediator", "org.read"},
                                       {"aid_reviewer", "org.read"},
                                       {"auditor", "org.read"}},
                                      {
                                          "org.address",
                                          "org.chair_name",
                                          "org.coordinates_area",
                                          "org.coordinates_pair",
                                          "org.credit_code_not_union",
                                          "org.credit_code_taken",
                                          "org.dissolve_own",
                                          "org.division_code",
                                          "org.division_code_taken",
                                          "org.division_parent",
                                          "org.division_unknown",
                                          "org.founded_on",
                                          "org.founded_on_future",
                                          "org.has_children",
                                          "org.has_members",
                                          "org.honour_granted_by",
                                          "org.honour_not_found",
                                          "org.honour_title",
                                          "org.honour_year",
                                          "org.inactive",
                                          "org.industry",
                                          "org.lat",
                                          "org.lng",
                                          "org.merge_into_self",
                                          "org.move_into_self",
                                          "org.name",
                                          "org.not_federation",
                                          "org.not_found",
                                          "org.parent",
                                          "org.parent_inactive",
                                          "org.target_inactive",
                                          "org.target_not_found",
                                          "org.transfer_to_self",
                                          "org.type",
                                          "request.depth",
                                          "request.format",
                                      }};
        return c;
    }
    void start(const app::Platform& p, app::Services& s) override {
        s.make<OrgService>(p.pool, p.audit, p.clock);
    }
    void routes(http::Router& r, app::Services& s, const app::RouteKit& kit) override {
        register_routes(r, s.get<OrgService>(), kit.cursors);
    }
};

}  // namespace

std::unique_ptr<app::Domain> make_domain() { return std::make_unique<OrgsDomain>(); }

}  // namespace gh::orgs
