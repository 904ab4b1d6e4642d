#include "app.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <thread>

#include "core/audit/audit.h"
#include "core/auth/audit_record.h"
#include "core/auth/lookup_guard.h"
#include "core/db/migrate.h"
#include "core/db/pool.h"
#include "core/http/cursor.h"
#include "core/http/server.h"
#include "core/pii/key_file.h"
#include "core/pii/vault.h"
#include "domains/employers/employers.h"
#include "domains/employers/routes.h"
#include "domains/identity/authorizer.h"
#include "domains/identity/identity.h"
#include "domains/identity/routes.h"
#include "domains/identity/workers.h"
#include "domains/joining/joining.h"
#include "domains/joining/routes.h"
#include "domains/members/members.h"
#include "domains/members/rollups.h"
#include "domains/members/routes.h"
#include "domains/orgs/orgs.h"
#include "domains/orgs/routes.h"
#include "domains/system/system.h"
#include "org_hooks.h"

namespace gh {

namespace {

// Database failures a client cannot fix answer 503, not 500.
void translate_db_errors(http::Dispatcher& d) {
    d.set_translator([](const std::exception& e) -> std::optional<ApiError> {
        auto* dbe = dynamic_cast<const db::DbError*>(&e);
        if (!dbe) return std::nullopt;
        using K = db::DbError::Kind;
        if (dbe->kind() == K::connection || dbe->kind() == K::busy) {
            return ApiError(503, "service.unavailable", "数据库暂时不可用，请稍后重试");
        }
        return std::nullopt;
    });
}

}  // namespace

int migrate(const Config& cfg) {
    auto url = db::parse_url(cfg.db_url);
    auto conn = db::connect(url);
    auto done = db::migrate(*conn, db::builtin_migrations());
    if (done.empty()) {
        fmt::print("数据库已是最新 / schema up to date ({})\n", url.display);
    } else {
        for (const auto& id : done) fmt::print("已执行迁移 / applied {}\n", id);
    }
    // The subtree rollups arrived after members did: fill them from the members already there.
    if (std::find(done.begin(), done.end(), "members/0006_rollups") != done.end()) {
        db::in_transaction(*conn, [](db::Connection& tx) { members::rebuild_rollups(tx); });
    }
    return 0;
}

int serve(const Config& cfg) {
    auto hp = parse_listen(cfg.listen);
    auto url = db::parse_url(cfg.db_url);
    const int threads = http::resolve_io_threads(cfg.threads);
    const int workers = http::resolve_workers(cfg.workers);
    // Handlers run on the worker threads, one connection each; a spare or two for start-up work
    // and for anything else that asks.
    db::Pool pool(url, static_cast<size_t>(workers) + 2);
    {
        auto c = pool.acquire();  // fails here, with the URL and reason, if unreachable
        db::require_current_schema(*c, db::builtin_migrations());
    }

    http::Router router;
    http::Metrics metrics;
    audit::AuditLog audit_log;
    orgs::OrgService org_service;
    pii::Vault vault(pii::load_or_create(key_file_path(cfg)));
    // Every list's next_cursor is sealed under a key derived from the key file's index key.
    const http::Cursors cursors(vault.derive_key("ghcursor"));
    identity::IdentityService identity_service(pool, org_service, audit_log, vault);
    // No SMS gateway yet: codes go to the server log (development only, number masked).
    identity::LogOtpSender otp_sender;
    identity::WorkerService worker_service(pool, audit_log, vault, otp_sender);
    members::MemberService member_service(pool, org_service, audit_log, vault);
    employers::EmployerService employer_service(pool, org_service, audit_log);
    joining::JoinService join_service(pool, org_service, member_service, audit_log, vault);
    join_service.set_public_url(cfg.public_url);

    wire_org_hooks(org_service, identity_service, member_service, employer_service);
    // Join applications keep a path copy too (the CLI never moves orgs, so only the server needs
    // it).
    org_service.on_repath([&](db::Connection& tx, const std::string& from, const std::string& to) {
        join_service.repath(tx, from, to);
    });
    member_service.use_employers(&employer_service);
    member_service.backfill_pinyin();  // rows written before pinyin search existed

    // One budget for every lookup by ID number or phone, whichever domain answers it.
    auth::LookupLimiter lookup_limiter({cfg.lookups_per_minute, cfg.lookups_per_day,
                                        cfg.lookups_per_minute_per_ip, cfg.lookups_per_day_per_ip});
    auth::LookupGuard lookups(lookup_limiter, pool, audit_log);

    // Every domain, in one list.
    system::SystemService system_service(pool);
    system::register_routes(router, system_service, metrics);
    identity::register_routes(router, identity_service, cursors);
    identity::register_worker_routes(router, worker_service);
    identity::register_audit_routes(router, pool, audit_log, cursors);
    orgs::register_routes(router, pool, org_service, audit_log, cursors);
    http::ImportLimits import_limits;
    import_limits.max_rows = cfg.import_max_rows;
    import_limits.report_rows = cfg.import_report_rows;
    members::register_routes(router, member_service, cursors, lookups, import_limits);
    joining::register_worker_routes(router, join_service, lookups);
    joining::register_routes(router, join_service, member_service, cursors);
    // A worker's copy of their data (PIPL) includes their applications, in full.
    worker_service.add_data_section("join_applications", [&join_service](const auth::Principal& p) {
        nlohmann::json items = nlohmann::json::array();
        for (const auto& a : join_service.mine(p, true)) {
            items.push_back(joining::application_json(a));
        }
        return items;
    });
    employers::register_routes(router, employer_service, cursors, import_limits);
    members::register_stats_route(router, pool, org_service, member_service, employer_service);

    std::vector<std::string> labels;
    for (const auto& r : router.routes()) labels.push_back(r->method + " " + r->pattern);
    metrics.init(std::move(labels));
    metrics.add_gauges([&pool] {
        return fmt::format(
            "# HELP gonghui_db_pool_connections Database connections by state.\n"
            "# TYPE gonghui_db_pool_connections gauge\n"
            "gonghui_db_pool_connections{{state=\"in_use\"}} {}\n"
            "gonghui_db_pool_connections{{state=\"max\"}} {}\n"
            "# TYPE gonghui_db_pool_waits_total counter\n"
            "gonghui_db_pool_waits_total {}\n",
            pool.in_use(), pool.size(), pool.waits());
    });

    http::StaticFiles files(cfg.web_root);
    http::Dispatcher dispatcher(router, files, metrics);
    translate_db_errors(dispatcher);
    dispatcher.set_authorizer(identity::make_authorizer(identity_service, worker_service));

    http::ServerOptions opts;
    opts.host = hp.host;
    opts.port = hp.port;
    opts.threads = threads;
    opts.workers = workers;
    opts.queue = cfg.queue;
    opts.body_limit = cfg.body_limit_mb * 1024 * 1024;
    http::Server server(opts, dispatcher, metrics);
    server.listen();
    spdlog::info(
        "Gonghui {} 已启动 / serving on http://{}:{} (数据库 {}, {} 个静态文件, {} io threads, {} "
        "workers)",
        GONGHUI_VERSION, hp.host, server.port(), url.display, files.count(), threads, workers);
    server.run();
    return 0;
}

}  // namespace gh
