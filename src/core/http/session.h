// Private to core/http: what the server shares with its connections.
#pragma once

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <functional>
#include <map>
#include <memory>
#include <mutex>

#include "core/http/access_log.h"
#include "core/http/dispatcher.h"
#include "core/http/server.h"
#include "core/http/workers.h"

namespace gh::http {

class Session;

struct ServerCore {
    ServerOptions opts;
    const Dispatcher* dispatcher = nullptr;
    Metrics* metrics = nullptr;
    AccessLog* access_log = nullptr;
    WorkerPool* workers = nullptr;
    std::atomic<bool> stopping{false};
    std::function<void()> on_last_session;  // called when stopping and the last one closes

    std::mutex sessions_mu;
    std::map<Session*, std::weak_ptr<Session>> sessions;

    void notify_sessions_stopping();
    size_t session_count();
};

// `thread` is the index of the io thread (and io_context) that owns the socket.
using Socket =
    boost::asio::basic_stream_socket<boost::asio::ip::tcp, boost::asio::io_context::executor_type>;
using Acceptor = boost::asio::basic_socket_acceptor<boost::asio::ip::tcp,
                                                    boost::asio::io_context::executor_type>;
void start_session(Socket socket, ServerCore& core, size_t thread);

// Fast request ids: 16 hex digits, unique per process run with overwhelming probability.
std::string new_request_id();

// The status line, headers and body of a response, in one buffer for one write.
std::string serialize(const Response& r, unsigned version, bool keep_alive, bool head,
                      std::string_view request_id);

}  // namespace gh::http
