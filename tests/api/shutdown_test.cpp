// Graceful shutdown: SIGTERM stops accepting, finishes what is in flight, and exits 0.
#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/error.hpp>
#include <boost/system/system_error.hpp>
#include <mutex>
#include <thread>

#include "http_client.h"
#include "test_env.h"

using gh::test::HttpClient;

namespace {
struct Served {
    gh::test::TestDatabase db;
    std::unique_ptr<gh::test::ServerProcess> server;
    Served() {
        auto m = gh::test::run_gonghui({"migrate", "--db", db.url()});
        if (m.exit_code != 0) throw std::runtime_error(m.output);
        server = std::make_unique<gh::test::ServerProcess>(db.url());
    }
};
}  // namespace

TEST(Shutdown, IdleServerExitsZeroPromptly) {
    Served s;
    HttpClient c(s.server->port());
    ASSERT_EQ(c.get("/healthz").status, 200);  // leaves a kept-alive idle connection
    auto start = std::chrono::steady_clock::now();
    EXPECT_EQ(s.server->terminate(), 0) << s.server->log();
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
}

TEST(Shutdown, RequestsUnderLoadAreAnsweredNotReset) {
    Served s;
    const uint16_t port = s.server->port();
    std::atomic<bool> stop{false};
    std::atomic<int> answered{0}, reset_mid_request{0};
    std::mutex why_mu;
    std::string why;  // the first unexpected failure, for the report
    std::vector<std::thread> clients;
    for (int t = 0; t < 4; ++t) {
        clients.emplace_back([&] {
            while (!stop.load()) {
                try {
                    HttpClient c(port);
                    for (;;) {
                        auto r = c.get("/api/v1/system/info");
                        if (r.status != 200) {
                            ++reset_mid_request;  // a non-200 during shutdown is a failure too
                            return;
                        }
                        ++answered;
                        if (r.header("connection") == "close") break;
                    }
                } catch (const boost::system::system_error& e) {
                    // Connecting after the listener closed is expected; losing a request
                    // already sent on an open connection is not.
                    if (e.code() != boost::asio::error::connection_refused) {
                        ++reset_mid_request;
                        std::lock_guard lock(why_mu);
                        if (why.empty()) why = e.code().message();
                    }
                    return;
                }
            }
        });
    }
    while (answered.load() < 200) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    int code = s.server->terminate();
    stop = true;
    for (auto& th : clients) th.join();
    EXPECT_EQ(code, 0) << s.server->log();
    EXPECT_EQ(reset_mid_request.load(), 0) << why;
}
