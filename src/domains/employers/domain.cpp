// The employers domain's registration: 用人单位 and their rosters.
#include "core/app/domain.h"
#include "domains/employers/employers.h"
#include "domains/employers/routes.h"

namespace gh::employers {

namespace {

class EmployersDomain final : public app::Domain {
public:
    std::string_view name() const override { return "employers"; }
    const app::Catalogue& catalogue() const override {
        static const app::Catalogue c{{},  // guarded by the orgs' org.read / org.write: an employer
                                           // is part of the tree's work
                                      {},
                                      {
                                          "employer.address",
                                          "employer.credit_code_taken",
                                          "employer.credit_code_union",
                                          "employer.import_file",
                                          "employer.import_mode",
                                          "employer.import_too_large",
                                          "employer.import_too_many_rows",
                                          "employer.industry",
                                          "employer.name",
                                          "employer.not_found",
                                          "employer.org",
                                          "employer.org_inactive",
                                          "employer.staff_size",
                                          "employer.union_org",
                                          "employer.unionized",
                                          "request.field",
                                      }};
        return c;
    }
    void start(const app::Platform& p, app::Services& s) override {
        s.make<EmployerService>(p.pool, s.get<orgs::OrgService>(), p.audit, p.clock);
    }
    void connect(const app::Platform&, app::Services& s) override {
        auto& svc = s.get<EmployerService>();
        auto& tree = s.get<orgs::OrgService>();
        tree.on_repath([&svc](db::Connection& tx, const std::string& from, const std::string& to) {
            svc.repath(tx, from, to);
        });
        tree.on_rehome([&svc](db::Connection& tx, const orgs::Org& from, const orgs::Org* to,
                              const auth::Actor&, std::string_view) { svc.rehome(tx, from, to); });
    }
    void routes(http::Router& r, app::Services& s, const app::RouteKit& kit) override {
        register_routes(r, s.get<EmployerService>(), kit.cursors, kit.import_limits);
    }
};

}  // namespace

std::unique_ptr<app::Domain> make_domain() { return std::make_unique<EmployersDomain>(); }

}  // namespace gh::employers
