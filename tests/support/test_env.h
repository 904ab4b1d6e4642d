// Where API and database tests run: each test binary gets a fresh database on the backend named
// by GONGHUI_TEST_BACKEND ("sqlite", the default, or "postgresql"). PostgreSQL tests need
// GONGHUI_TEST_PG (e.g. postgresql://postgres@127.0.0.1:5433), which `make test` sets after
// starting a throwaway server (scripts/pg-cluster.sh); without it they fail, they do not skip.
#pragma once

#include <string>
#include <vector>

#include "core/db/db.h"

namespace gh::test {

class TestDatabase {
public:
    TestDatabase();   // creates it
    ~TestDatabase();  // drops it
    TestDatabase(const TestDatabase&) = delete;
    TestDatabase& operator=(const TestDatabase&) = delete;

    const std::string& url() const { return url_; }
    db::Backend backend() const { return backend_; }

private:
    db::Backend backend_;
    std::string url_;
    std::string admin_url_;  // PostgreSQL: where to CREATE/DROP DATABASE
    std::string name_;
    std::string dir_;  // SQLite: temp directory
};

// A process of `gonghui serve` on a free port, stopped (SIGTERM) when destroyed.
class ServerProcess {
public:
    ServerProcess(const std::string& db_url, std::vector<std::string> extra_args = {});
    ~ServerProcess();
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    uint16_t port() const { return port_; }
    int pid() const { return pid_; }
    // Sends SIGTERM and waits; answers the exit status (-1 if it had to be killed).
    int terminate(int timeout_ms = 15000);
    std::string log() const;  // everything it wrote to stdout and stderr

private:
    int pid_ = -1;
    uint16_t port_ = 0;
    std::string log_path_;
};

// Runs the gonghui binary with args; answers {exit code, stdout+stderr}.
struct RunResult {
    int exit_code;
    std::string output;
};
RunResult run_gonghui(const std::vector<std::string>& args, const std::string& stdin_text = {});

// `serve` flags that lift the limits on lookups by ID number or phone out of the way: every test
// talks from 127.0.0.1, so the per-IP budget would be shared by all of a binary's tests. The
// tests of the limits themselves start a server with small limits instead.
inline std::vector<std::string> roomy_lookup_limits() {
    return {"--lookups-per-minute",        "1000000", "--lookups-per-day",        "100000000",
            "--lookups-per-minute-per-ip", "1000000", "--lookups-per-day-per-ip", "100000000"};
}

uint16_t free_port();
std::string backend_label();  // for test names and messages

}  // namespace gh::test
