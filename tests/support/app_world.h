// Every domain's services over a test database, built from the domain list by the same start-up
// sequence as the server and the CLI (core/app/domain.h), with a clock the test sets. Link the
// test with gh_domains and gh_migrations.
#pragma once

#include <unistd.h>
#include <filesystem>
#include <string>

#include "core/app/domain.h"
#include "core/db/migrate.h"
#include "core/pii/key_file.h"
#include "test_env.h"

namespace gh::test {

class AppWorld {
public:
    // Migrates the database, loads (or creates) a key file of its own, starts every domain.
    explicit AppWorld(const std::string& db_url, Config cfg = {})
        : cfg_(std::move(cfg)),
          key_file_((std::filesystem::temp_directory_path() /
                     ("gonghui_world_key_" + std::to_string(getpid()) + "_" +
                      std::to_string(reinterpret_cast<uintptr_t>(this))))
                        .string()),
          pool_(db::parse_url(db_url), 2),
          vault_(load(key_file_)),
          clock_(parse_instant("2026-03-02T09:00:00+08:00")) {
        {
            auto c = pool_.acquire();
            db::migrate(*c, db::builtin_migrations());
        }
        app::start_all(domains_, app::Platform{cfg_, pool_, audit_, vault_, clock_, true},
                       services_);
    }
    ~AppWorld() { std::filesystem::remove(key_file_); }

    template <class T>
    T& get() {
        return services_.get<T>();
    }
    db::Pool& pool() { return pool_; }
    ManualTime& clock() { return clock_; }
    const pii::Vault& vault() const { return vault_; }

private:
    static pii::KeyRing load(const std::string& path) { return pii::load_or_create(path); }

    Config cfg_;
    std::string key_file_;
    db::Pool pool_;
    audit::AuditLog audit_;
    pii::Vault vault_;
    ManualTime clock_;
    app::DomainList domains_ = app::all_domains();
    app::Services services_;
};

}  // namespace gh::test
