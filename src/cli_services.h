// The services an administration command works with, over one connection, against a database
// whose schema is current (else DbError names the pending migration). One bundle for every
// command, so each builds them the same way.
#pragma once

#include "core/audit/audit.h"
#include "core/config/config.h"
#include "core/db/migrate.h"
#include "core/db/pool.h"
#include "core/pii/key_file.h"
#include "core/pii/vault.h"
#include "domains/identity/identity.h"
#include "domains/identity/workers.h"
#include "domains/members/members.h"
#include "domains/orgs/orgs.h"
#include "org_hooks.h"

namespace gh {

struct CliServices {
    db::Pool pool;
    audit::AuditLog audit_log;
    orgs::OrgService orgs;
    pii::Vault vault;
    identity::IdentityService identity{pool, orgs, audit_log, vault};
    identity::LogOtpSender otp;
    identity::WorkerService workers{pool, audit_log, vault, otp};
    members::MemberService members{pool, orgs, audit_log, vault};
    employers::EmployerService employers{pool, orgs, audit_log};

    explicit CliServices(const Config& cfg)
        : pool(db::parse_url(cfg.db_url), 1), vault(pii::load_or_create(key_file_path(cfg))) {
        auto c = pool.acquire();
        db::require_current_schema(*c, db::builtin_migrations());
        wire_org_hooks(orgs, identity, members, employers);
    }
};

}  // namespace gh
