// Private to core/http: what the server shares with its connections.
#pragma once

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <functional>
#include <map>
#include <memory>
#include <mutex>

#include "core/http/dispatcher.h"
#include "core/http/server.h"

namespace gh::http {

class Session;

struct ServerCore {
    ServerOptions opts;
    const Dispatcher* dispatcher = nullptr;
    Metrics* metrics = nullptr;
    std::atomic<bool> stopping{false};
    std::function<void()> on_last_session;  // called when stopping and the last one closes

    std::mutex sessions_mu;
    std::map<Session*, std::weak_ptr<Session>> sessions;

    void notify_sessions_stopping();
    size_t session_count();
};

void start_session(boost::asio::ip::tcp::socket socket, ServerCore& core);

// Fast request ids: 16 hex digits, unique per process run with overwhelming probability.
std::string new_request_id();

}  // namespace gh::http
