// The header timeout (issue #12, item 8): a request's headers must arrive within header_timeout
// of their first byte. A client dripping one header line at a time used to be held open for the
// idle timeout (30 s) instead of the documented 10 s. The server here runs with a 1 s header
// timeout and a 60 s idle timeout, so the two cannot be confused.
#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <thread>

#include "core/http/dispatcher.h"
#include "core/http/server.h"

using namespace gh::http;
namespace asio = boost::asio;
using namespace std::chrono_literals;

namespace {

struct TimeoutServer {
    Router router;
    StaticFiles files{""};
    Metrics metrics;
    std::unique_ptr<Dispatcher> dispatcher;
    std::unique_ptr<Server> server;
    std::thread runner;

    TimeoutServer() {
        router.add_inline("GET", "/livez", [](Request&) { return Response::text("ok\n"); });
        std::vector<std::string> labels;
        for (auto& r : router.routes()) labels.push_back(r->pattern);
        metrics.init(labels);
        dispatcher = std::make_unique<Dispatcher>(router, files, metrics);
        ServerOptions o;
        o.port = 0;
        o.threads = 1;
        o.workers = 1;
        o.access_log = false;
        o.header_timeout = 1s;
        o.idle_timeout = 60s;
        server = std::make_unique<Server>(o, *dispatcher, metrics);
        server->listen();
        runner = std::thread([this] { server->run(); });
    }
    ~TimeoutServer() {
        server->stop();
        runner.join();
    }
};

struct Conn {
    asio::io_context io;
    asio::ip::tcp::socket sock{io};
    explicit Conn(uint16_t port) { sock.connect({asio::ip::make_address("127.0.0.1"), port}); }
    // False once the server has closed the connection.
    bool send(std::string_view s) {
        boost::system::error_code ec;
        asio::write(sock, asio::buffer(s.data(), s.size()), ec);
        return !ec;
    }
    // Whether the peer closed: a read that ends in EOF (or a reset) with no bytes of an answer.
    bool closed_by_peer() {
        char c;
        boost::system::error_code ec;
        sock.non_blocking(true);
        size_t n = sock.read_some(asio::buffer(&c, 1), ec);
        sock.non_blocking(false);
        return n == 0 && (ec == asio::error::eof || ec == asio::error::connection_reset);
    }
};

}  // namespace

TEST(HeaderTimeout, TheDefaultIsTheDocumentedTenSeconds) {
    EXPECT_EQ(ServerOptions{}.header_timeout, 10s);
    EXPECT_EQ(ServerOptions{}.idle_timeout, 30s);
}

TEST(HeaderTimeout, ADrippedHeaderIsCutAfterTheHeaderTimeoutNotTheIdleTimeout) {
    TimeoutServer s;
    Conn c(s.server->port());
    ASSERT_TRUE(c.send("GET /livez HTTP/1.1\r\nHost: x\r\n"));
    // One header line every 200 ms for up to 20 s: with the idle timeout (60 s) holding the
    // headers, the server never closes within this loop; with the 1 s header timeout it does.
    bool closed = false;
    for (int i = 0; i < 100 && !closed; ++i) {
        std::this_thread::sleep_for(200ms);
        closed = c.closed_by_peer() || !c.send("X-Drip: " + std::to_string(i) + "\r\n");
    }
    EXPECT_TRUE(closed) << "the server held a dripping header for 20 s";
}

TEST(HeaderTimeout, AnIdleKeepAliveConnectionWaitsForTheIdleTimeout) {
    TimeoutServer s;
    Conn c(s.server->port());
    // Longer than the header timeout with nothing sent: still idle, not a slow header.
    std::this_thread::sleep_for(1500ms);
    ASSERT_FALSE(c.closed_by_peer());
    ASSERT_TRUE(c.send("GET /livez HTTP/1.1\r\nHost: x\r\n\r\n"));
    std::string got(256, '\0');
    boost::system::error_code ec;
    size_t n = c.sock.read_some(asio::buffer(got), ec);
    got.resize(n);
    EXPECT_EQ(got.rfind("HTTP/1.1 200", 0), 0u) << got;
}
