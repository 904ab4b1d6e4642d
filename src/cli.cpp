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
#include "core/pii/rotation.h"
#include "domains/identity/identity.h"
#include "domains/identity/workers.h"
#include "domains/joining/joining.h"
#include "domains/members/members.h"
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

namespace {

// The rotation steps of every domain in the domain list (Domain::rotation_steps).
std::vector<pii::RotationStep> rotation_steps(const CliServices& s) {
    std::vector<pii::RotationStep> steps;
    for (const auto& d : s.domains) {
        auto mine = d->rotation_steps();
        steps.insert(steps.end(), mine.begin(), mine.end());
    }
    return steps;
}

// Rows still under a key other than the current one: "step: N row(s) under key K" lines.
std::vector<std::string> rows_left(CliServices& s, const std::vector<pii::RotationStep>& steps) {
    std::vector<std::string> out;
    for (const auto& step : steps) {
        for (auto [key, rows] : pii::rows_under_old_keys(s.pool, s.vault, step)) {
            out.push_back(fmt::format("{}: {} row(s) under key {}", step.name, rows, key));
        }
    }
    return out;
}

std::vector<uint32_t> older_keys(const pii::KeyRing& ring) {
    std::vector<uint32_t> ids;
    for (const auto& k : ring.keys) {
        if (k.id != ring.current().id) ids.push_back(k.id);
    }
    return ids;
}

}  // namespace

int pii_rotate_key(const Config& cfg, bool add_new_key) {
    const std::string path = key_file_path(cfg);
    if (add_new_key) {
        auto ring = pii::add_key(path);
        fmt::print("已添加新密钥 / added key {} to {}\n", ring.current().id, path);
        fmt::print(
            "运行中的服务仍以旧密钥加密，请重启它们后执行 gonghui pii resume-rotation / running "
            "servers still encrypt under the old key: restart them, then run `gonghui pii "
            "resume-rotation`\n");
    }
    CliServices s(cfg);  // loads the ring, now with the new key current
    const auto steps = rotation_steps(s);
    for (const auto& step : steps) {
        const auto run = pii::rotate_step(s.pool, s.vault, step);
        fmt::print("{}: 已重新加密 / re-encrypted {} row(s) under key {}\n", step.name,
                   run.rewritten, s.vault.current_key_id());
    }
    // Counted afresh: a server still on the old ring may have written behind the pass.
    const auto left = rows_left(s, steps);
    const auto older = older_keys(pii::load_key_file(path));
    if (!left.empty()) {
        fmt::print("仍有数据在旧密钥下 / rows are still under older keys:\n  {}\n",
                   fmt::join(left, "\n  "));
        fmt::print(
            "重启仍用旧密钥的服务后再次执行 / restart any server still on the old key and "
            "run `gonghui pii resume-rotation` again\n");
    } else if (older.empty()) {
        fmt::print("密钥文件中没有旧密钥 / no older key is left in the key file\n");
    } else {
        fmt::print(
            "旧密钥 {0} 下已无数据，可执行 gonghui pii retire-key 将其删除 / no row is left "
            "under key(s) {0}: they can be retired with `gonghui pii retire-key`\n",
            fmt::join(older, ", "));
    }
    return 0;
}

int pii_retire_key(const Config& cfg) {
    const std::string path = key_file_path(cfg);
    CliServices s(cfg);
    const auto older = older_keys(pii::load_key_file(path));
    if (older.empty()) {
        fmt::print("密钥文件中只有当前密钥 / only the current key {} is in {}: nothing to retire\n",
                   s.vault.current_key_id(), path);
        return 0;
    }
    // Only when nothing is left to read with them: a retired key's data would be lost.
    const auto left = rows_left(s, rotation_steps(s));
    if (!left.empty()) {
        std::cerr << fmt::format(
            "错误 / error: 仍有数据在旧密钥下，拒绝删除 / refusing to retire key(s) {}, rows are "
            "still under them:\n  {}\n先执行 / first run `gonghui pii resume-rotation`\n",
            fmt::join(older, ", "), fmt::join(left, "\n  "));
        return 1;
    }
    pii::retire_keys(path, s.vault.current_key_id());
    auto c = s.pool.acquire();
    db::in_transaction(*c, [&](db::Connection& tx) {
        auth::record(s.audit_log, tx, auth::system_actor("cli"), "pii.key_retire", "key_file", "",
                     {{"retired", older}, {"key", s.vault.current_key_id()}});
    });
    fmt::print("已删除旧密钥 / retired key(s) {} from {}; the current key {} remains\n",
               fmt::join(older, ", "), path, s.vault.current_key_id());
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
    const auto cutoff = s.clock.now() - std::chrono::days(cfg.audit_retention_days);
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
