// The one place that lists every domain and wires it into the server.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/audit/audit.h"
#include "core/auth/principal.h"
#include "core/config/config.h"

namespace gh {

// Serves until SIGINT/SIGTERM; answers the process exit code. Throws ConfigError for bad
// settings and std::runtime_error (database unreachable, port taken …) for runtime failures.
int serve(const Config& cfg);

// gonghui catalogue: every domain's permissions, the roles' grants, the roles and every error
// code, as JSON (the console's message check and the authorisation matrix test read it).
int print_catalogue();

// Applies pending migrations; prints what it did.
int migrate(const Config& cfg);

// Command-line administration (exit codes as in main.cpp).
int user_add(const Config& cfg, const std::string& org, const std::vector<std::string>& roles,
             const std::string& username, const std::string& display_name, bool password_stdin);
int user_reset_password(const Config& cfg, const std::string& username);
int audit_verify(const Config& cfg);
int audit_harden(const Config& cfg, const std::string& app_role);
int audit_prune(const Config& cfg);
int service_account_add(const Config& cfg, const std::string& name, const std::string& org,
                        const std::vector<std::string>& permissions);
int service_account_revoke(const Config& cfg, const std::string& name);
// gonghui import members FILE --org ORG [--mode …] [--report OUT.xlsx] [--json]: exit 0 when
// every row went in or was already there, 3 when rows were rejected, 1 on failure, 2 on usage.
struct ImportOptions {
    std::string file;
    std::string org;
    std::string mode = "all-or-nothing";  // or "good-rows"
    std::string report;                   // .xlsx of the rejected rows when not empty
    bool json = false;
    // --max-rows: data rows the file may hold (0: no limit); past it the run fails (exit 1)
    // before anything is written. Above the server's [import] max_rows on purpose.
    size_t max_rows = 2000000;
};
int import_members(const Config& cfg, const ImportOptions& opt);
// gonghui import employers FILE --org ORG [--mode …] [--json]: the same exit codes; ORG is the
// responsible org (an id or a division code); --report is not used.
int import_employers(const Config& cfg, const ImportOptions& opt);
// gonghui import stations FILE --org ORG [--mode …] [--json]: the same exit codes; ORG is the
// managing union (an id or a division code); a code already registered or repeated in the file
// counts as a duplicate.
int import_stations(const Config& cfg, const ImportOptions& opt);
// gonghui members purge [--dry-run]: anonymises members who left more than
// cfg.member_retention_days ago; the dry run prints the counts per org and changes nothing.
int members_purge(const Config& cfg, bool dry_run);
// gonghui demo [--scale F] [--accounts]: the generated 乾县, 彬州市 and 榆林市 (1+12+X) dataset
// (demo_data.h), members scaled by F; with --accounts also the demo accounts (a county cadre of
// 乾县, a city cadre of 咸阳, an administrator; a worker signs in by phone), each printed with its
// one-time password once, when created.
int load_demo(const Config& cfg, double scale, bool accounts = false);
// Adds a key to the key file (when add_new_key) and re-encrypts everything under the current
// one; without add_new_key it resumes an interrupted rotation.
int pii_rotate_key(const Config& cfg, bool add_new_key);
// Removes every key but the current one from the key file, only when no row of any domain's
// rotation step is still under one of them (else exit 1 naming the steps and counts).
int pii_retire_key(const Config& cfg);

}  // namespace gh
