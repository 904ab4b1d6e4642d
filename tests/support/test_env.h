// Where API and database tests run: each test binary gets a fresh database on the backend named
// by GONGHUI_TEST_BACKEND ("sqlite", the default, or "postgresql"). PostgreSQL tests need
// GONGHUI_TEST_PG (e.g. postgresql://postgres@127.0.0.1:5433), which `make test` sets after
// starting a throwaway server (scripts/pg-cluster.sh); without it they fail, they do not skip.
#pragma once

#include <string>
#include <string_view>
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

    // Issue #12, item 3: when a test database is dropped, every table (SQLite: the file, its WAL
    // and journal) is scanned for ID numbers and phone numbers in clear, and each one found is a
    // test failure. A test of the database layer itself, whose tables hold arbitrary data, opts
    // out with allow_clear_numbers().
    void scan_for_clear_numbers() const;
    void allow_clear_numbers() { allow_clear_numbers_ = true; }

private:
    db::Backend backend_;
    std::string url_;
    std::string admin_url_;  // PostgreSQL: where to CREATE/DROP DATABASE
    std::string name_;
    std::string dir_;  // SQLite: temp directory
    bool allow_clear_numbers_ = false;
    mutable bool scanned_ = false;
};

// The clear ID numbers and phone numbers in `bytes` (hex text excluded), each with its context.
std::vector<std::string> clear_numbers_in(std::string_view bytes, size_t max = 20);

// A process of `gonghui serve` on a free port, stopped (SIGTERM) when destroyed.
// Its destructor scans the server's log for clear ID numbers and phones and for audit detail keys
// off the allow-list, and fails the test on any.
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

// The one-time code the development log sender wrote last for `phone` (logged masked:
// "phone=137****1111 code=123456"), waiting up to 5 s for it (the outbox sends after the commit).
// Empty, and a test failure, when none came.
std::string logged_code(const ServerProcess& server, const std::string& phone);

// Runs the gonghui binary with args; answers {exit code, stdout+stderr}.
struct RunResult {
    int exit_code;
    std::string output;
};
RunResult run_gonghui(const std::vector<std::string>& args, const std::string& stdin_text = {});

// A number written with Chinese digits (12 → 一二): for generated names, which may not hold
// ASCII digits (a person's name is Chinese characters, middle dots or Latin letters).
inline std::string cn_numeral(long long n) {
    static const char* const kDigits[] = {"〇", "一", "二", "三", "四",
                                          "五", "六", "七", "八", "九"};
    std::string out;
    for (char c : std::to_string(n)) out += c == '-' ? std::string("负") : kDigits[c - '0'];
    return out;
}

// `serve` flags that lift the limits on lookups by ID number or phone out of the way: every test
// talks from 127.0.0.1, so the per-IP budget would be shared by all of a binary's tests. The
// tests of the limits themselves start a server with small limits instead.
inline std::vector<std::string> roomy_lookup_limits() {
    return {"--lookups-per-minute",        "1000000", "--lookups-per-day",        "100000000",
            "--lookups-per-minute-per-ip", "1000000", "--lookups-per-day-per-ip", "100000000"};
}

// roomy_lookup_limits() and a sign-in budget per IP for tests that sign many workers in from
// 127.0.0.1 (the limit's own tests keep the default of 30).
inline std::vector<std::string> roomy_sign_in_limits() {
    auto flags = roomy_lookup_limits();
    flags.insert(flags.end(), {"--logins-per-minute-per-ip", "100000"});
    return flags;
}

uint16_t free_port();
std::string backend_label();  // for test names and messages

}  // namespace gh::test
