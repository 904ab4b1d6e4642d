// A small installation for identity tests: 陕西 → 咸阳 → 乾县 (610424) and 彬州市 (610482), with
// cadres at each level and the three administrators, created through the real CLI.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "staff_session.h"
#include "test_env.h"

namespace gh::test {

inline const std::string kInitial = "Init1al-Passw0rd!";
inline const std::string kChanged = "Chang3d-Passw0rd!";

struct IdentityWorld {
    TestDatabase db;
    std::string key_file;
    std::unique_ptr<ServerProcess> server;
    std::vector<std::string> serve_args;  // extra flags of `gonghui serve`

    explicit IdentityWorld(std::vector<std::string> serve_flags = roomy_lookup_limits())
        : serve_args(std::move(serve_flags)) {
        key_file = (std::filesystem::temp_directory_path() /
                    ("gonghui_key_" + std::to_string(getpid()) + "_" +
                     std::to_string(reinterpret_cast<uintptr_t>(this))))
                       .string();
        auto m = run_gonghui({"migrate", "--db", db.url()});
        if (m.exit_code != 0) throw std::runtime_error(m.output);
        add("qianxian", "610424", {"federation_cadre"});
        add("binzhou", "610482", {"federation_cadre"});
        add("xianyang", "610400", {"federation_cadre"});
        add("sysadm", "610000", {"admin"});
        add("secadm", "610000", {"security_admin"});
        add("auditadm", "610000", {"audit_admin"});
        start();
    }
    ~IdentityWorld() {
        server.reset();
        std::filesystem::remove(key_file);
    }
    void add(const std::string& user, const std::string& org, std::vector<std::string> roles) {
        std::vector<std::string> args = {
            "user",  "add", "--db",       db.url(), "--key-file",      key_file,
            "--org", org,   "--username", user,     "--password-stdin"};
        for (auto& r : roles) {
            args.push_back("--role");
            args.push_back(r);
        }
        auto r = run_gonghui(args, kInitial + "\n");
        if (r.exit_code != 0) throw std::runtime_error(r.output);
    }
    void start() {
        sessions.clear();  // they talk to the old port
        std::vector<std::string> args{"--key-file", key_file, "--dev"};  // codes in the log
        args.insert(args.end(), serve_args.begin(), serve_args.end());
        server = std::make_unique<ServerProcess>(db.url(), std::move(args));
    }
    uint16_t port() const { return server->port(); }
    // A session past the first-login steps (password changed, TOTP enrolled), one per user and
    // kept: a TOTP code works once, so a second sign-in in the same 30 s would be refused.
    StaffSession& ready(const std::string& user) {
        auto& slot = sessions[user];
        if (!slot) {
            slot = std::make_unique<StaffSession>(port());
            slot->login_ready(user, kInitial, kChanged);
        }
        return *slot;
    }
    std::map<std::string, std::unique_ptr<StaffSession>> sessions;

    // The id of the org named `name` as `user` sees it (0, and a test failure, if unseen).
    int64_t org_id(const std::string& user, const std::string& name) {
        const auto r = ready(user).get("/api/v1/orgs?limit=500").json();
        for (auto& o : r["items"]) {
            if (o["name"] == name) return o["id"];
        }
        ADD_FAILURE() << name << " not seen by " << user;
        return 0;
    }
};

}  // namespace gh::test
