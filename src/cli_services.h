// The services an administration command works with, over one connection, against a database
// whose schema is current (else DbError names the pending migration). Built from the same
// domain list and the same start-up sequence as the server (core/app/domain.h), so the CLI has
// every domain the server has, with the same hooks.
#pragma once

#include "core/app/domain.h"
#include "core/audit/audit.h"
#include "core/config/config.h"
#include "core/db/migrate.h"
#include "core/db/pool.h"
#include "core/pii/key_file.h"
#include "core/pii/vault.h"
#include "core/time.h"
#include "domains/employers/employers.h"
#include "domains/identity/identity.h"
#include "domains/joining/joining.h"
#include "domains/members/members.h"
#include "domains/orgs/orgs.h"
#include "domains/stations/stations.h"

namespace gh {

struct CliServices {
    db::Pool pool;
    audit::AuditLog audit_log;
    pii::Vault vault;
    SystemTime clock;
    app::DomainList domains = app::all_domains();
    app::Services services;

private:
    bool started_;

public:
    orgs::OrgService& orgs;
    identity::IdentityService& identity;
    members::MemberService& members;
    employers::EmployerService& employers;
    joining::JoinService& joining;
    stations::StationService& stations;

    explicit CliServices(const Config& cfg)
        : pool(db::parse_url(cfg.db_url), 1),
          vault(pii::load_or_create(key_file_path(cfg))),
          started_(start(cfg)),
          orgs(services.get<orgs::OrgService>()),
          identity(services.get<identity::IdentityService>()),
          members(services.get<members::MemberService>()),
          employers(services.get<employers::EmployerService>()),
          joining(services.get<joining::JoinService>()),
          stations(services.get<stations::StationService>()) {}

private:
    bool start(const Config& cfg) {
        {
            auto c = pool.acquire();
            db::require_current_schema(*c, db::builtin_migrations());
        }
        app::start_all(domains, app::Platform{cfg, pool, audit_log, vault, clock, false}, services);
        return true;
    }
};

}  // namespace gh
