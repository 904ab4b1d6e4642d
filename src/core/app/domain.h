// One registration per domain. A domain folder exposes one `make_domain()` (its domain.cpp)
// answering a Domain: its catalogue (permissions, roles' grants, error codes), how it builds
// its services from the platform and from the domains listed before it, the hooks it sets on
// others once all are built, its routes, and its PII re-encryption steps. Its migrations are
// its folder's migrations/ (embedded at build time in the order of the domain list).
//
// The domain list is src/domains/list.cmake; the server (app.cpp), the administration
// commands (cli_services.h) and the test support build the same Domains from it, so no one
// lists the domains by hand anywhere else (docs/ARCHITECTURE.md, "Adding a domain").
#pragma once

#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <typeindex>
#include <typeinfo>
#include <unordered_map>
#include <vector>

#include "core/app/catalogue.h"
#include "core/audit/audit.h"
#include "core/config/config.h"
#include "core/db/pool.h"
#include "core/pii/rotation.h"
#include "core/pii/vault.h"
#include "core/time.h"

namespace gh::http {
class Router;
class Cursors;
class Metrics;
struct ImportLimits;
}  // namespace gh::http
namespace gh::auth {
class LookupGuard;
}

namespace gh::app {

// What the platform hands every domain: the shared pieces, none of them a domain's.
struct Platform {
    const Config& config;
    db::Pool& pool;
    audit::AuditLog& audit;
    const pii::Vault& vault;
    const TimeSource& clock;
    bool development = false;  // `serve --dev` / GONGHUI_MODE=development
};

// What routes need beyond the services: the server's own pieces.
struct RouteKit {
    const http::Cursors& cursors;
    auth::LookupGuard& lookups;
    const http::ImportLimits& import_limits;
    http::Metrics& metrics;
};

// The services the domains built, by type. A domain gets another's service with get<T>() (the
// owner is listed earlier in the domain list); they are destroyed in reverse order of creation.
class Services {
public:
    Services() = default;
    Services(const Services&) = delete;
    Services& operator=(const Services&) = delete;
    ~Services() {
        while (!owned_.empty()) owned_.pop_back();
    }

    template <class T, class... Args>
    T& make(Args&&... args) {
        auto p = std::make_shared<T>(std::forward<Args>(args)...);
        T& ref = *p;
        owned_.push_back(std::move(p));
        by_type_[std::type_index(typeid(T))] = &ref;
        return ref;
    }
    template <class T>
    void put(T& external) {  // owned elsewhere (the platform's pieces)
        by_type_[std::type_index(typeid(T))] = &external;
    }
    template <class T>
    T* find() const {
        auto it = by_type_.find(std::type_index(typeid(T)));
        return it == by_type_.end() ? nullptr : static_cast<T*>(it->second);
    }
    template <class T>
    T& get() const {
        if (T* p = find<T>()) return *p;
        throw std::logic_error(std::string("service not built (domain list order?): ") +
                               typeid(T).name());
    }

private:
    std::vector<std::shared_ptr<void>> owned_;
    std::unordered_map<std::type_index, void*> by_type_;
};

class Domain {
public:
    virtual ~Domain() = default;
    virtual std::string_view name() const = 0;
    virtual const Catalogue& catalogue() const = 0;
    // Builds the domain's services (Services::make) from the platform and earlier domains.
    virtual void start(const Platform& p, Services& s) = 0;
    // After every domain started: hooks on other domains (the org tree's moves, a worker's
    // data copy, the CLI as well as the server).
    virtual void connect(const Platform&, Services&) {}
    // The server only: HTTP routes (the workers' too).
    virtual void routes(http::Router&, Services&, const RouteKit&) {}
    // The ciphertext columns this domain owns, for `gonghui pii rotate-key` / `retire-key`.
    virtual std::vector<pii::RotationStep> rotation_steps() const { return {}; }
    // After `gonghui migrate` applied `applied` (ids "domain/NNNN_what"), in one transaction: a
    // back-fill a new migration needs (the members' rollups from the members already there).
    virtual void migrated(db::Connection&, const std::vector<std::string>& /*applied*/) {}
    // The server only, after the routes: background work (the SMS dispatcher) and its stop.
    virtual void serve(Services&) {}
    virtual void stop(Services&) {}
};

using DomainList = std::vector<std::unique_ptr<Domain>>;

// The error codes of the core pieces themselves (core_catalogue.cpp).
const Catalogue& core_catalogue();

// Every domain of src/domains/list.cmake, in its order (generated: domain_list.cpp).
DomainList all_domains();

// Core's catalogue and every domain's, together.
Catalogues catalogues_of(const DomainList& domains);

// Builds every domain's services and runs their connect(): the one sequence the server, the
// CLI and the tests share.
void start_all(const DomainList& domains, const Platform& p, Services& s);

}  // namespace gh::app
