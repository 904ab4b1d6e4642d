// The handler pool (core/http/workers.h) and the server's use of it: handlers run off the io
// thread, their answers come back to the connection's io_context, a full queue answers 503
// server.busy, shutdown drains. No timings: every wait is on a promise or a state change.
#include "core/http/workers.h"

#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <future>
#include <thread>

#include "core/http/dispatcher.h"
#include "core/http/server.h"

using namespace gh::http;
namespace asio = boost::asio;

namespace {

// A task that blocks until opened, and says when it started.
struct Gate {
    std::promise<void> open_p;
    std::shared_future<void> open = open_p.get_future().share();
    std::promise<void> started_p;
    std::future<void> started = started_p.get_future();
};

// Until `done()` holds; each round yields (a state to wait for, not a time).
template <class F>
void wait_until(F done) {
    while (!done()) std::this_thread::yield();
}

}  // namespace

TEST(WorkerPool, RunsTasksOffTheCallersThread) {
    WorkerPool pool(2, 8);
    std::promise<std::thread::id> ran;
    auto fut = ran.get_future();
    WorkerPool::Task t = [&ran] { ran.set_value(std::this_thread::get_id()); };
    ASSERT_TRUE(pool.try_post(t));
    EXPECT_NE(fut.get(), std::this_thread::get_id());
}

TEST(WorkerPool, CompletionsComeBackToTheIoContext) {
    asio::io_context io;
    auto guard = asio::make_work_guard(io);
    WorkerPool pool(2, 8);
    std::thread::id io_thread, worker_thread, completion_thread;
    std::promise<void> done;
    // As a session does: on the io thread, hand work to the pool; the worker posts the answer
    // back to the io_context.
    asio::post(io, [&] {
        io_thread = std::this_thread::get_id();
        WorkerPool::Task t = [&] {
            worker_thread = std::this_thread::get_id();
            asio::post(io, [&] {
                completion_thread = std::this_thread::get_id();
                done.set_value();
            });
        };
        ASSERT_TRUE(pool.try_post(t));
    });
    std::thread runner([&] { io.run(); });
    done.get_future().get();
    guard.reset();
    io.stop();
    runner.join();
    EXPECT_NE(worker_thread, io_thread);
    EXPECT_EQ(completion_thread, io_thread);
}

TEST(WorkerPool, RefusesWhenEveryWorkerIsBusyAndTheQueueIsFull) {
    WorkerPool pool(1, 1);
    Gate g;
    std::atomic<int> ran{0};
    WorkerPool::Task a = [&] {
        g.started_p.set_value();
        g.open.wait();
        ++ran;
    };
    ASSERT_TRUE(pool.try_post(a));
    g.started.wait();  // the one worker is busy
    WorkerPool::Task b = [&] { ++ran; };
    ASSERT_TRUE(pool.try_post(b));  // waits in the queue (limit 1)
    EXPECT_EQ(pool.queued(), 1u);
    bool c_ran = false;
    WorkerPool::Task c = [&] { c_ran = true; };
    EXPECT_FALSE(pool.try_post(c));
    EXPECT_TRUE(c) << "a refused task is left to the caller";
    EXPECT_EQ(pool.rejected(), 1u);
    g.open_p.set_value();
    pool.shutdown();
    EXPECT_EQ(ran.load(), 2);
    EXPECT_FALSE(c_ran);
}

TEST(WorkerPool, ShutdownRunsWhatIsQueuedThenRefuses) {
    WorkerPool pool(1, 16);
    Gate g;
    std::atomic<int> ran{0};
    WorkerPool::Task a = [&] {
        g.started_p.set_value();
        g.open.wait();
        ++ran;
    };
    ASSERT_TRUE(pool.try_post(a));
    g.started.wait();
    for (int i = 0; i < 5; ++i) {
        WorkerPool::Task t = [&] { ++ran; };
        ASSERT_TRUE(pool.try_post(t));
    }
    std::thread stopper([&] { pool.shutdown(); });
    // Once shutting down, new work is refused; what was queued still runs.
    wait_until([&] {
        WorkerPool::Task probe = [] {};
        return !pool.try_post(probe);
    });
    g.open_p.set_value();
    stopper.join();
    EXPECT_EQ(ran.load(), 6);
}

// The server end to end, in process: one io thread, one worker, a queue of one.
namespace {

struct Reply {
    int status = 0;
    std::string body, retry_after, connection;
};

class Client {
public:
    explicit Client(uint16_t port) : sock_(io_) {
        sock_.connect({asio::ip::make_address("127.0.0.1"), port});
    }
    // False once the server has stopped accepting.
    static bool can_connect(uint16_t port) {
        asio::io_context io;
        asio::ip::tcp::socket s(io);
        boost::system::error_code ec;
        s.connect({asio::ip::make_address("127.0.0.1"), port}, ec);
        return !ec;
    }
    void close() { sock_.close(); }
    void send(const std::string& path) {
        std::string req = "GET " + path + " HTTP/1.1\r\nHost: t\r\n\r\n";
        asio::write(sock_, asio::buffer(req));
    }
    Reply read() {
        namespace http = boost::beast::http;
        http::response<http::string_body> res;
        http::read(sock_, buf_, res);
        return {static_cast<int>(res.result_int()), res.body(),
                std::string(res[http::field::retry_after]),
                std::string(res[http::field::connection])};
    }

private:
    asio::io_context io_;
    asio::ip::tcp::socket sock_;
    boost::beast::flat_buffer buf_;
};

struct InProcessServer {
    Router router;
    StaticFiles files{""};
    Metrics metrics;
    std::unique_ptr<Dispatcher> dispatcher;
    std::unique_ptr<Server> server;
    std::thread runner;
    std::atomic<int> started{0};
    std::promise<void> open_p;
    std::shared_future<void> open = open_p.get_future().share();
    std::thread::id handler_thread;

    InProcessServer() {
        router.add("GET", "/slow", Access::anyone(), [this](Request&) {
            handler_thread = std::this_thread::get_id();
            ++started;
            open.wait();
            return Response::text("done\n");
        });
        router.add_inline("GET", "/livez", [](Request&) { return Response::text("ok\n"); });
        std::vector<std::string> labels;
        for (auto& r : router.routes()) labels.push_back(r->pattern);
        metrics.init(labels);
        dispatcher = std::make_unique<Dispatcher>(router, files, metrics);
        ServerOptions o;
        o.port = 0;
        o.threads = 1;
        o.workers = 1;
        o.queue = 1;
        o.access_log = false;
        server = std::make_unique<Server>(o, *dispatcher, metrics);
        server->listen();
        runner = std::thread([this] { server->run(); });
    }
    ~InProcessServer() {
        if (runner.joinable()) {
            server->stop();
            runner.join();
        }
    }
    bool queued(int n) const {
        return metrics.render().find("gonghui_workers{state=\"queued\"} " + std::to_string(n) +
                                     "\n") != std::string::npos;
    }
};

}  // namespace

TEST(ServerWorkers, FullQueueAnswersBusyWhileCheapPathsStayOnTheIoThread) {
    InProcessServer s;
    const uint16_t port = s.server->port();
    Client a(port), b(port), c(port), d(port);
    a.send("/slow");
    wait_until([&] { return s.started.load() == 1; });  // the only worker is busy
    b.send("/slow");
    wait_until([&] { return s.queued(1); });  // b waits in the queue, which is now full
    c.send("/slow");
    Reply busy = c.read();
    EXPECT_EQ(busy.status, 503);
    EXPECT_NE(busy.body.find("\"server.busy\""), std::string::npos) << busy.body;
    EXPECT_EQ(busy.retry_after, "1");
    // Routes on the io thread, unknown paths and 405s answer while every worker is busy.
    d.send("/livez");
    EXPECT_EQ(d.read().status, 200);
    d.send("/api/v1/nope");
    EXPECT_EQ(d.read().status, 404);
    // The held requests complete once the worker is free; the connection answered busy is
    // still usable.
    s.open_p.set_value();
    Reply ra = a.read(), rb = b.read();
    EXPECT_EQ(ra.status, 200);
    EXPECT_EQ(ra.body, "done\n");
    EXPECT_EQ(rb.status, 200);
    EXPECT_NE(s.handler_thread, std::thread::id());
    EXPECT_NE(s.handler_thread, s.runner.get_id()) << "the handler ran on the io thread";
    c.send("/slow");
    EXPECT_EQ(c.read().status, 200);
    EXPECT_NE(s.metrics.render().find("gonghui_workers_rejected_total 1\n"), std::string::npos);
}

TEST(ServerWorkers, ShutdownWaitsForAHandlerInFlight) {
    InProcessServer s;
    const uint16_t port = s.server->port();
    Client a(port);
    a.send("/slow");
    wait_until([&] { return s.started.load() == 1; });
    s.server->stop();  // while the handler is still running on its worker
    wait_until([&] { return !Client::can_connect(port); });  // the server is stopping
    s.open_p.set_value();
    Reply r = a.read();
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, "done\n");
    EXPECT_EQ(r.connection, "close");
    a.close();
    s.runner.join();  // returns once the last connection is gone
}
