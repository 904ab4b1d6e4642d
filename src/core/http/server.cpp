#include "core/http/server.h"

#include <spdlog/spdlog.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "core/http/session.h"

namespace gh::http {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

struct Server::Impl : ServerCore {
    asio::io_context ioc;
    tcp::acceptor acceptor{ioc};
    asio::signal_set signals{ioc, SIGINT, SIGTERM};
    asio::steady_timer deadline{ioc};
    // Shutdown steps (signal, stop(), last connection gone) run one at a time on this strand.
    asio::strand<asio::io_context::executor_type> control{asio::make_strand(ioc)};
    std::vector<std::thread> threads;

    ~Impl() { on_last_session = nullptr; }  // connections destroyed with ioc must not call back

    void accept() {
        // The handler runs on `control`, so it never races begin_shutdown() closing the acceptor.
        acceptor.async_accept(
            asio::make_strand(ioc), asio::bind_executor(control, [this](auto ec, tcp::socket sock) {
                if (ec) {
                    if (!stopping.load()) spdlog::warn("accept: {}", ec.message());
                    if (ec == asio::error::operation_aborted || !acceptor.is_open()) return;
                } else {
                    start_session(std::move(sock), *this);
                }
                if (!stopping.load()) accept();
            }));
    }

    void begin_shutdown() {
        if (stopping.exchange(true)) return;
        spdlog::info("正在停止服务 / shutting down: finishing in-flight requests");
        boost::system::error_code ec;
        acceptor.close(ec);
        signals.cancel();
        notify_sessions_stopping();
        deadline.expires_after(opts.shutdown_deadline);
        deadline.async_wait(asio::bind_executor(control, [this](auto ec) {
            if (!ec) {
                spdlog::warn("shutdown deadline reached: closing remaining connections");
                ioc.stop();
            }
        }));
        if (session_count() == 0) deadline.cancel();
    }
};

Server::Server(ServerOptions opts, const Dispatcher& dispatcher, Metrics& metrics)
    : impl_(std::make_unique<Impl>()) {
    impl_->opts = std::move(opts);
    impl_->dispatcher = &dispatcher;
    impl_->metrics = &metrics;
    impl_->on_last_session = [im = impl_.get()] {
        // Once stopping and every connection is gone, nothing keeps run() going but the timer.
        asio::post(im->control, [im] { im->deadline.cancel(); });
    };
}

Server::~Server() = default;

void Server::listen() {
    auto& im = *impl_;
    boost::system::error_code ec;
    auto addr = asio::ip::make_address(im.opts.host, ec);
    if (ec) throw std::runtime_error("无效的监听地址 / invalid listen address: " + im.opts.host);
    tcp::endpoint ep(addr, im.opts.port);
    im.acceptor.open(ep.protocol());
    im.acceptor.set_option(asio::socket_base::reuse_address(true));
    im.acceptor.bind(ep, ec);
    if (ec) {
        throw std::runtime_error("无法监听 / cannot listen on " + im.opts.host + ":" +
                                 std::to_string(im.opts.port) + ": " + ec.message());
    }
    im.acceptor.listen(asio::socket_base::max_listen_connections);
}

uint16_t Server::port() const { return impl_->acceptor.local_endpoint().port(); }

void Server::stop() {
    asio::post(impl_->control, [im = impl_.get()] { im->begin_shutdown(); });
}

void Server::run() {
    auto& im = *impl_;
    im.signals.async_wait(asio::bind_executor(im.control, [&im](auto ec, int) {
        if (!ec) im.begin_shutdown();
    }));
    im.accept();
    int n = im.opts.threads > 0
                ? im.opts.threads
                : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    for (int i = 1; i < n; ++i) im.threads.emplace_back([&im] { im.ioc.run(); });
    im.ioc.run();
    for (auto& t : im.threads) t.join();
    im.threads.clear();
    spdlog::info("服务已停止 / stopped");
}

}  // namespace gh::http
