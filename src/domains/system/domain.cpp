// The system domain's registration: health, instance info, client error reports, route list.
#include "core/app/domain.h"
#include "domains/system/system.h"

namespace gh::system {

namespace {

class SystemDomain final : public app::Domain {
public:
    std::string_view name() const override { return "system"; }
    const app::Catalogue& catalogue() const override {
        static const app::Catalogue c;  // no permission of its own; its codes are core's
        return c;
    }
    void start(const app::Platform& p, app::Services& s) override { s.make<SystemService>(p.pool); }
    void routes(http::Router& r, app::Services& s, const app::RouteKit& kit) override {
        register_routes(r, s.get<SystemService>(), kit.metrics);
    }
};

}  // namespace

std::unique_ptr<app::Domain> make_domain() { return std::make_unique<SystemDomain>(); }

}  // namespace gh::system
