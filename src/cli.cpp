// The administration commands: run by an operator on the server, audited as the system actor.
#include <fmt/format.h>

#include <iostream>

#include "app.h"
#include "cli_services.h"
#include "core/audit/audit.h"
#include "core/auth/audit_record.h"
#include "core/db/migrate.h"
#include "core/db/pool.h"
#include "core/error.h"
#include "core/pii/key_file.h"
#include "domains/identity/identity.h"
#include "domains/identity/workers.h"
#include "domains/orgs/orgs.h"

namespace gh {

namespace {

int report(const ApiError& e) {
    std::cerr << "错误 / error: " << e.message() << " (" << e.code()
              << (e.field().empty() ? "" : ", " + e.field()) << ")\n";
    return 1;
}

}  // namespace

int user_add(const Config& cfg, const std::string& org, const std::vector<std::string>& roles,
             const std::string& username, const std::string& display_name, bool password_stdin) {
    CliServices s(cfg);
    std::optional<std::string> password;
    if (password_stdin) {
        std::string line;
        std::getline(std::cin, line);
        while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.pop_back();
        password = line;
    }
    try {
        auto [view, initial] = s.identity.create_account(auth::system_actor("cli"), org, username,
                                                         display_name, roles, password);
        fmt::print("已创建账号 / created account {} (id {}, org {}, roles {})\n", view.username,
                   view.id, view.org_id, fmt::join(view.roles, ","));
        if (!password) {
            fmt::print("一次性初始密码 / one-time initial password: {}\n", initial);
            fmt::print("首次登录后须修改密码 / must be changed at first login\n");
        }
        return 0;
    } catch (const ApiError& e) {
        return report(e);
    }
}

int user_reset_password(const Config& cfg, const std::string& username) {
    CliServices s(cfg);
    try {
        auto initial = s.identity.reset_password(auth::system_actor("cli"), username);
        fmt::print("一次性初始密码 / one-time initial password: {}\n", initial);
        return 0;
    } catch (const ApiError& e) {
        return report(e);
    }
}

int pii_rotate_key(const Config& cfg, bool add_new_key) {
    std::string path = key_file_path(cfg);
    if (add_new_key) {
        auto ring = pii::add_key(path);
        fmt::print("已添加新密钥 / added key {} to {}\n", ring.current().id, path);
    }
    CliServices s(cfg);  // loads the ring, now with the new key current
    int64_t n = s.identity.reencrypt_secrets();
    fmt::print("已重新加密 / re-encrypted {} secret(s) under key {}\n", n,
               s.vault.current_key_id());
    int64_t phones = s.services.get<identity::WorkerService>().reencrypt_phones();
    fmt::print("已重新加密 / re-encrypted {} phone number(s) under key {}\n", phones,
               s.vault.current_key_id());
    return 0;
}

int service_account_add(const Config& cfg, const std::string& name, const std::string& org,
                        const std::vector<std::string>& permissions) {
    CliServices s(cfg);
    try {
        auto [id, token] =
            s.identity.create_service_account(auth::system_actor("cli"), name, org, permissions);
        fmt::print("已创建接口账号 / created service account {} (id {})\n", name, id);
        fmt::print("令牌（只显示这一次）/ bearer token (shown once): {}\n", token);
        return 0;
    } catch (const ApiError& e) {
        return report(e);
    }
}

int service_account_revoke(const Config& cfg, const std::string& name) {
    CliServices s(cfg);
    try {
        s.identity.revoke_service_account(auth::system_actor("cli"), name);
        fmt::print("已停用 / revoked {}\n", name);
        return 0;
    } catch (const ApiError& e) {
        return report(e);
    }
}

int audit_harden(const Config& cfg, const std::string& app_role) {
    auto url = db::parse_url(cfg.db_url);
    if (url.backend != db::Backend::postgresql) {
        std::cerr << "用法错误 / usage error: 仅适用于 PostgreSQL；SQLite 没有数据库角色 / "
                     "PostgreSQL only: SQLite has no database roles\n";
        return 2;
    }
    std::string sql;
    try {
        sql = audit::postgres_revoke_sql(app_role);
    } catch (const std::invalid_argument& e) {
        std::cerr << "用法错误 / usage error: " << e.what() << "\n";
        return 2;
    }
    auto c = db::connect(url);
    c->exec_script(sql);
    fmt::print("已收回 / revoked UPDATE, DELETE, TRUNCATE on audit_log from {}\n", app_role);
    return 0;
}

int audit_prune(const Config& cfg) {
    constexpr int kMinimumDays = 184;  // Cybersecurity Law art. 21: at least six months
    if (cfg.audit_retention_days < kMinimumDays) {
        std::cerr << "用法错误 / usage error: 审计日志至少保存 184 天 / audit rows must be kept at "
                     "least 184 days\n";
        return 2;
    }
    CliServices s(cfg);
    auto c = s.pool.acquire();
    const auto cutoff =
        std::chrono::system_clock::now() - std::chrono::days(cfg.audit_retention_days);
    int64_t n = db::in_transaction(*c, [&](db::Connection& tx) {
        int64_t pruned = s.audit_log.prune_before(tx, cutoff);
        auth::record(s.audit_log, tx, auth::system_actor("cli"), "audit.prune", "audit_log", "",
                     {{"rows", pruned}, {"retention_days", cfg.audit_retention_days}});
        return pruned;
    });
    fmt::print("已删除 / pruned {} audit row(s) older than {} days\n", n, cfg.audit_retention_days);
    return 0;
}

int audit_verify(const Config& cfg) {
    CliServices s(cfg);
    auto c = s.pool.acquire();
    auto v = s.audit_log.verify(*c);
    if (v.ok) {
        fmt::print("审计日志完整 / audit chain intact: {} rows\n", v.rows_checked);
        return 0;
    }
    fmt::print("审计日志被篡改 / audit chain broken at row {}: {}\n",
               v.first_broken_id ? std::to_string(*v.first_broken_id) : "?", v.reason);
    return 1;
}

}  // namespace gh
