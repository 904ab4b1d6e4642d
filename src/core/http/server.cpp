#include "core/http/server.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <thread>

#include "core/http/session.h"

namespace gh::http {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using Work = asio::executor_work_guard<asio::io_context::executor_type>;

struct Server::Impl : ServerCore {
    // Loop 0 also owns the acceptor, the signals and the shutdown timer: all control steps run
    // there, one at a time.
    std::vector<std::unique_ptr<asio::io_context>> loops;
    std::vector<Work> work;
    // One acceptor per loop on the same port (SO_REUSEPORT): the kernel spreads connections, and
    // each connection's socket is created on the loop that serves it.
    std::vector<std::unique_ptr<Acceptor>> acceptors;
    std::unique_ptr<asio::signal_set> signals;
    std::unique_ptr<asio::steady_timer> deadline;
    std::unique_ptr<AccessLog> log;
    std::unique_ptr<WorkerPool> pool;

    ~Impl() {
        on_last_session = nullptr;  // connections destroyed with their loops must not call back
        pool.reset();  // before the loops: a running handler still posts to its connection's loop
        acceptors.clear();
        signals.reset();
        deadline.reset();
        work.clear();
        loops.clear();
    }

    asio::io_context& control() { return *loops[0]; }

    void accept(size_t i) {
        acceptors[i]->async_accept([this, i](auto ec, Socket sock) {
            if (ec) {
                if (stopping.load() || !acceptors[i]->is_open()) return;
                spdlog::warn("accept: {}", ec.message());
            } else {
                start_session(std::move(sock), *this, i);
            }
            if (!stopping.load()) accept(i);
        });
    }

    // Closing a listening socket resets the connections still queued in its backlog: clients
    // that connected (and may have sent a request) would be answered by a reset. So take every
    // queued connection first (they are served, with Connection: close), then close.
    void close_acceptors() {
        for (size_t i = 0; i < acceptors.size(); ++i) {
            asio::post(*loops[i], [this, i] {
                auto& a = *acceptors[i];
                boost::system::error_code ec;
                a.non_blocking(true, ec);
                for (;;) {
                    Socket sock(loops[i]->get_executor());
                    a.accept(sock, ec);
                    if (ec) break;
                    start_session(std::move(sock), *this, i);
                }
                a.close(ec);
            });
        }
    }

    void stop_loops() {
        for (auto& l : loops) l->stop();
    }

    void begin_shutdown() {
        if (stopping.exchange(true)) return;
        spdlog::info("正在停止服务 / shutting down: finishing in-flight requests");
        close_acceptors();
        signals->cancel();
        notify_sessions_stopping();
        deadline->expires_after(opts.shutdown_deadline);
        deadline->async_wait([this](auto ec) {
            if (ec) return;
            if (session_count() > 0) {
                spdlog::warn("shutdown deadline reached: closing remaining connections");
            }
            stop_loops();
        });
        if (session_count() == 0) stop_loops();
    }
};

int resolve_io_threads(int threads) {
    return threads > 0 ? threads
                       : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

int resolve_workers(int workers) { return workers > 0 ? workers : 4 * resolve_io_threads(0); }

Server::Server(ServerOptions opts, const Dispatcher& dispatcher, Metrics& metrics)
    : impl_(std::make_unique<Impl>()) {
    auto& im = *impl_;
    im.opts = std::move(opts);
    im.dispatcher = &dispatcher;
    im.metrics = &metrics;
    const int n = resolve_io_threads(im.opts.threads);
    const auto w = static_cast<size_t>(resolve_workers(im.opts.workers));
    im.pool = std::make_unique<WorkerPool>(
        w, im.opts.queue > 0 ? static_cast<size_t>(im.opts.queue) : 64 * w);
    im.workers = im.pool.get();
    metrics.add_gauges([p = im.pool.get()] {
        return fmt::format(
            "# HELP gonghui_workers Handler threads, and handlers running or waiting for one.\n"
            "# TYPE gonghui_workers gauge\n"
            "gonghui_workers{{state=\"threads\"}} {}\n"
            "gonghui_workers{{state=\"running\"}} {}\n"
            "gonghui_workers{{state=\"queued\"}} {}\n"
            "gonghui_workers{{state=\"queue_limit\"}} {}\n"
            "# HELP gonghui_workers_rejected_total Requests answered 503 server.busy.\n"
            "# TYPE gonghui_workers_rejected_total counter\n"
            "gonghui_workers_rejected_total {}\n",
            p->threads(), p->running(), p->queued(), p->queue_limit(), p->rejected());
    });
    for (int i = 0; i < n; ++i) {
        // Each loop is run by one thread and its sockets are only touched there, so the reactor
        // needs no locks; posting between loops (shutdown) still goes through a locked queue.
        im.loops.push_back(
            std::make_unique<asio::io_context>(BOOST_ASIO_CONCURRENCY_HINT_UNSAFE_IO));
        im.work.push_back(asio::make_work_guard(*im.loops.back()));
    }
    for (auto& l : im.loops) im.acceptors.push_back(std::make_unique<Acceptor>(l->get_executor()));
    im.signals = std::make_unique<asio::signal_set>(im.control(), SIGINT, SIGTERM);
    im.deadline = std::make_unique<asio::steady_timer>(im.control());
    if (im.opts.access_log) {
        im.log = std::make_unique<AccessLog>(im.loops.size());
        im.access_log = im.log.get();
    }
    im.on_last_session = [p = impl_.get()] {
        // Once stopping and every connection is gone, end the loops now rather than at the
        // deadline.
        asio::post(p->control(), [p] {
            if (p->session_count() == 0) p->stop_loops();
        });
    };
}

Server::~Server() = default;

void Server::listen() {
    auto& im = *impl_;
    boost::system::error_code ec;
    auto addr = asio::ip::make_address(im.opts.host, ec);
    if (ec) throw std::runtime_error("无效的监听地址 / invalid listen address: " + im.opts.host);
    tcp::endpoint ep(addr, im.opts.port);
    auto fail = [&](const boost::system::error_code& e) {
        return std::runtime_error("无法监听 / cannot listen on " + im.opts.host + ":" +
                                  std::to_string(ep.port()) + ": " + e.message());
    };
    // SO_REUSEPORT would let a second gonghui share a port already in use without a word: a
    // plain socket binds first to prove the port is free.
    {
        tcp::acceptor probe(im.control());
        probe.open(ep.protocol());
        probe.set_option(asio::socket_base::reuse_address(true));
        probe.bind(ep, ec);
        if (ec) throw fail(ec);
        ep.port(probe.local_endpoint().port());  // resolves port 0 once for every acceptor
    }
    for (auto& a : im.acceptors) {
        a->open(ep.protocol());
        a->set_option(asio::socket_base::reuse_address(true));
        a->set_option(asio::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>(true));
        a->bind(ep, ec);
        if (ec) throw fail(ec);
        a->listen(asio::socket_base::max_listen_connections);
    }
}

uint16_t Server::port() const { return impl_->acceptors[0]->local_endpoint().port(); }

void Server::stop() {
    asio::post(impl_->control(), [p = impl_.get()] { p->begin_shutdown(); });
}

void Server::run() {
    auto& im = *impl_;
    im.signals->async_wait([&im](auto ec, int) {
        if (!ec) im.begin_shutdown();
    });
    for (size_t i = 0; i < im.acceptors.size(); ++i) im.accept(i);
    std::vector<std::thread> threads;
    for (size_t i = 1; i < im.loops.size(); ++i) {
        threads.emplace_back([&im, i] { im.loops[i]->run(); });
    }
    im.loops[0]->run();
    for (auto& t : threads) t.join();
    // Handlers still running (past the shutdown deadline) finish; their answers go nowhere.
    im.pool->shutdown();
    if (im.log) im.log->flush();
    spdlog::info("服务已停止 / stopped");
}

}  // namespace gh::http
