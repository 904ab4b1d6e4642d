#include "app.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <thread>

#include "core/app/domain.h"
#include "core/audit/audit.h"
#include "core/auth/lookup_guard.h"
#include "core/db/migrate.h"
#include "core/db/pool.h"
#include "core/http/cursor.h"
#include "core/http/server.h"
#include "core/http/upload.h"
#include "core/pii/key_file.h"
#include "core/pii/vault.h"
#include "core/time.h"
#include "domains/identity/roles.h"

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
    if (!done.empty()) {
        db::in_transaction(*conn, [&](db::Connection& tx) {
            for (const auto& d : app::all_domains()) d->migrated(tx, done);
        });
    }
    return 0;
}

std::unique_ptr<TimeSource> make_clock(const Config& cfg) {
    if (cfg.clock_start.empty()) return std::make_unique<SystemTime>();
    if (!cfg.development) {
        throw ConfigError(
            "GONGHUI_CLOCK 只能用于开发模式 / GONGHUI_CLOCK needs development mode "
            "(serve --dev)");
    }
    try {
        return std::make_unique<ShiftedTime>(parse_instant(cfg.clock_start));
    } catch (const std::invalid_argument&) {
        throw ConfigError(
            "GONGHUI_CLOCK 应为 ISO 8601 时间或日期 / GONGHUI_CLOCK must be an ISO "
            "8601 time or date: " +
            cfg.clock_start);
    }
}

int print_catalogue() {
    const app::DomainList domains = app::all_domains();
    const app::Catalogues all = app::catalogues_of(domains);
    nlohmann::json out;
    out["domains"] = nlohmann::json::array();
    for (const auto& d : domains) out["domains"].push_back(std::string(d->name()));
    out["permissions"] = nlohmann::json::array();
    for (const auto& p : all.permissions()) {
        using Held = app::PermissionInfo::Held;
        out["permissions"].push_back({{"name", p.info.name},
                                      {"title", p.info.title},
                                      {"domain", p.domain},
                                      {"held", p.info.held == Held::by_grant     ? "by_grant"
                                               : p.info.held == Held::implicitly ? "implicitly"
                                                                                 : "refining"}});
    }
    out["grants"] = nlohmann::json::array();
    for (const auto& g : all.grants()) {
        out["grants"].push_back({{"role", g.role}, {"permission", g.permission}});
    }
    out["roles"] = nlohmann::json::array();
    for (const auto& r : identity::all_roles()) {
        out["roles"].push_back({{"name", r.name}, {"title", r.title}});
    }
    out["errors"] = nlohmann::json::array();
    for (const auto& e : all.errors()) {
        out["errors"].push_back({{"code", e.code}, {"domain", e.domain}});
    }
    fmt::print("{}\n", out.dump(2));
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
    const auto clock = make_clock(cfg);

    http::Router router;
    http::Metrics metrics;
    audit::AuditLog audit_log([&t = *clock] { return t.now(); });  // each row's `at`
    pii::Vault vault(pii::load_or_create(key_file_path(cfg)));
    // Every list's next_cursor is sealed under a key derived from the key file's index key.
    const http::Cursors cursors(vault.derive_key("ghcursor"));
    // One budget for every lookup by ID number or phone, whichever domain answers it.
    auth::LookupLimiter lookup_limiter({cfg.lookups_per_minute, cfg.lookups_per_day,
                                        cfg.lookups_per_minute_per_ip, cfg.lookups_per_day_per_ip},
                                       [&t = *clock] { return t.now(); });
    auth::LookupGuard lookups(lookup_limiter, pool, audit_log);
    http::ImportLimits import_limits;
    import_limits.max_rows = cfg.import_max_rows;
    import_limits.report_rows = cfg.import_report_rows;

    // Every domain, from the domain list (src/domains/list.cmake). The list outlives the
    // services: a domain may own what its services point at (the SMS sender).
    const app::DomainList domains = app::all_domains();
    app::Services services;
    const app::Platform platform{cfg, pool, audit_log, vault, *clock, cfg.development};
    app::start_all(domains, platform, services);
    const auto& catalogues = services.get<app::Catalogues>();
    router.set_permission_check(
        [&catalogues](std::string_view p) { return catalogues.declares(p); });
    const app::RouteKit kit{cursors, lookups, import_limits, metrics};
    for (const auto& d : domains) d->routes(router, services, kit);
    for (const auto& d : domains) d->serve(services);

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
    dispatcher.set_authorizer(services.get<http::Authorizer>());

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
        "workers, {})",
        GONGHUI_VERSION, hp.host, server.port(), url.display, files.count(), threads, workers,
        cfg.development ? "开发模式 / development mode" : "生产模式 / production mode");
    if (cfg.development) {
        spdlog::warn(
            "开发模式：短信验证码写入本日志，切勿用于生产 / development mode: one-time "
            "codes are written to this log; never run production like this");
    }
    server.run();
    for (auto it = domains.rbegin(); it != domains.rend(); ++it) (*it)->stop(services);
    return 0;
}

}  // namespace gh
