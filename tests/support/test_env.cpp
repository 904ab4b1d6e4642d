#include "test_env.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <regex>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "core/cn/clear_numbers.h"
#include "http_client.h"

namespace gh::test {

namespace fs = std::filesystem;

std::string backend_label() {
    const char* b = std::getenv("GONGHUI_TEST_BACKEND");
    return (b && std::string(b) == "postgresql") ? "postgresql" : "sqlite";
}

namespace {
std::string random_suffix() {
    std::mt19937_64 rng{std::random_device{}()};
    return std::to_string(getpid()) + "_" + std::to_string(rng() % 1000000000);
}
}  // namespace

TestDatabase::TestDatabase() {
    if (backend_label() == "postgresql") {
        backend_ = db::Backend::postgresql;
        const char* base = std::getenv("GONGHUI_TEST_PG");
        if (!base || !*base) {
            throw std::runtime_error(
                "GONGHUI_TEST_PG is not set: PostgreSQL tests need a server (run `make test`, "
                "which starts one with scripts/pg-cluster.sh)");
        }
        name_ = "gh_test_" + random_suffix();
        admin_url_ = std::string(base) + "/postgres";
        url_ = std::string(base) + "/" + name_;
        auto admin = db::connect(db::parse_url(admin_url_));
        admin->exec_script("CREATE DATABASE " + name_);
    } else {
        backend_ = db::Backend::sqlite;
        dir_ = (fs::temp_directory_path() / ("gonghui_test_" + random_suffix())).string();
        fs::create_directories(dir_);
        url_ = "sqlite://" + dir_ + "/test.db";
    }
}

std::vector<std::string> clear_numbers_in(std::string_view bytes, size_t max) {
    std::vector<std::string> out;
    for (const auto& n : cn::find_clear_numbers(bytes, true)) {
        if (out.size() >= max) break;
        // Show where it is (a little text either side, bytes made printable), not just the value.
        const size_t from = n.offset > 40 ? n.offset - 40 : 0;
        std::string around;
        for (char c : bytes.substr(from, n.value.size() + 80)) {
            around += (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f) ? c : '.';
        }
        out.push_back(n.value + " in …" + around + "…");
    }
    return out;
}

namespace {

// Every row of every table as text (PostgreSQL renders a row as "(a,b,…)", bytea as \x hex).
std::string dump_postgres(const std::string& url) {
    auto c = db::connect(db::parse_url(url));
    std::string out;
    for (auto t : c->query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
        const auto name = t.get<std::string>(0);
        for (auto r : c->query("SELECT CAST(t AS TEXT) FROM \"" + name + "\" AS t")) {
            out += name + " " + r.get<std::string>(0) + "\n";
        }
    }
    return out;
}

std::string read_bytes(const std::string& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace

void TestDatabase::scan_for_clear_numbers() const {
    if (scanned_) return;
    scanned_ = true;
    std::string bytes;
    if (backend_ == db::Backend::postgresql) {
        bytes = dump_postgres(url_);
    } else {
        for (const char* suffix : {"", "-wal", "-journal"}) {
            bytes += read_bytes(dir_ + "/test.db" + suffix);
            bytes += '\n';
        }
    }
    for (const auto& hit : clear_numbers_in(bytes)) {
        ADD_FAILURE() << "an ID number or phone number in clear in the " << backend_label()
                      << " database (or its WAL): " << hit;
    }
}

TestDatabase::~TestDatabase() {
    try {
        if (!allow_clear_numbers_) scan_for_clear_numbers();
    } catch (const std::exception& e) {
        ADD_FAILURE() << "scanning the test database: " << e.what();
    }
    try {
        if (backend_ == db::Backend::postgresql) {
            auto admin = db::connect(db::parse_url(admin_url_));
            admin->exec_script("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
        } else {
            std::error_code ec;
            fs::remove_all(dir_, ec);
        }
    } catch (...) {
    }
}

uint16_t free_port() {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t len = sizeof a;
    getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    close(fd);
    return ntohs(a.sin_port);
}

namespace {

// fork + exec with stdout/stderr into `log_path`, stdin from `stdin_path` (may be empty).
int spawn(const std::vector<std::string>& args, const std::string& log_path,
          const std::string& stdin_path) {
    std::vector<char*> argv;
    std::string bin = GONGHUI_BINARY;
    argv.push_back(bin.data());
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = fork();
    if (pid == 0) {
        int out = open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        dup2(out, 1);
        dup2(out, 2);
        int in = open(stdin_path.empty() ? "/dev/null" : stdin_path.c_str(), O_RDONLY);
        dup2(in, 0);
        execv(bin.c_str(), argv.data());
        _exit(127);
    }
    return pid;
}

std::string read_file(const std::string& p) {
    std::ifstream in(p);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string temp_path(const std::string& what) {
    return (fs::temp_directory_path() / ("gonghui_" + what + "_" + random_suffix())).string();
}

}  // namespace

RunResult run_gonghui(const std::vector<std::string>& args, const std::string& stdin_text) {
    std::string log = temp_path("run.log");
    std::string in;
    if (!stdin_text.empty()) {
        in = temp_path("stdin");
        std::ofstream(in) << stdin_text;
    }
    int pid = spawn(args, log, in);
    int status = 0;
    waitpid(pid, &status, 0);
    RunResult r{WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_file(log)};
    fs::remove(log);
    if (!in.empty()) fs::remove(in);
    return r;
}

ServerProcess::ServerProcess(const std::string& db_url, std::vector<std::string> extra_args) {
    port_ = free_port();
    log_path_ = temp_path("server.log");
    std::vector<std::string> args = {"serve", "--db", db_url, "--listen",
                                     "127.0.0.1:" + std::to_string(port_)};
    for (auto& a : extra_args) args.push_back(std::move(a));
    pid_ = spawn(args, log_path_, "");
    auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < until) {
        int status = 0;
        if (waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            throw std::runtime_error("gonghui serve exited at start:\n" + log());
        }
        try {
            HttpClient c(port_);
            if (c.get("/livez").status == 200) return;
        } catch (const std::exception&) {
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    throw std::runtime_error("gonghui serve did not start in 20 s:\n" + log());
}

int ServerProcess::terminate(int timeout_ms) {
    if (pid_ <= 0) return -1;
    kill(pid_, SIGTERM);
    auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    int status = 0;
    while (std::chrono::steady_clock::now() < until) {
        if (waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    kill(pid_, SIGKILL);
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return -1;
}

ServerProcess::~ServerProcess() {
    terminate();
    const std::string text = log();
    for (const auto& hit : clear_numbers_in(text)) {
        ADD_FAILURE() << "an ID number or phone number in clear in the server log: " << hit;
    }
    if (auto at = text.find("is not on the allow-list"); at != std::string::npos) {
        ADD_FAILURE() << "an audit detail key is not on the allow-list (core/audit/detail_fields): "
                      << text.substr(text.rfind('\n', at) + 1, 200);
    }
    std::error_code ec;
    fs::remove(log_path_, ec);
}

std::string ServerProcess::log() const { return read_file(log_path_); }

std::string logged_code(const ServerProcess& server, const std::string& phone) {
    const std::regex line("phone=" + phone.substr(0, 3) + "\\*\\*\\*\\*" + phone.substr(7) +
                          " code=([0-9]{6})");
    for (int i = 0; i < 50; ++i) {
        const std::string log = server.log();
        std::string last;
        for (std::sregex_iterator it(log.begin(), log.end(), line), end; it != end; ++it) {
            last = (*it)[1];
        }
        if (!last.empty()) return last;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ADD_FAILURE() << "no code for the number in the server log";
    return "";
}

}  // namespace gh::test
