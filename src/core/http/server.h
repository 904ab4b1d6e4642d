// The HTTP/1.1 server on Boost.Beast: keep-alive, limits, timeouts, request ids, access log and
// graceful shutdown. All request handling is delegated to the Dispatcher.
// One io_context per io thread, each run by exactly one thread (as nginx runs one event loop per
// worker): a connection stays on its thread, so no strands and no locks on the socket path.
// Handlers that may wait (the database) run on a WorkerPool; their answer is posted back to the
// connection's own io_context, which alone touches the socket.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "core/http/dispatcher.h"

namespace gh::http {

struct ServerOptions {
    std::string host = "127.0.0.1";
    uint16_t port = 8080;
    int threads = 0;  // io threads; 0: one per core
    int workers = 0;  // handler threads; 0: four per core
    int queue = 0;    // handlers that may wait for a worker; 0: 64 per worker. Beyond: 503
    size_t body_limit = 10 * 1024 * 1024;     // larger bodies answer 413
    size_t header_limit = 16 * 1024;          // larger headers answer 431
    std::chrono::seconds header_timeout{10};  // to receive a request's headers once begun
    std::chrono::seconds body_timeout{60};    // to receive its body
    std::chrono::seconds idle_timeout{30};    // keep-alive connection with nothing to do
    std::chrono::seconds write_timeout{30};
    std::chrono::milliseconds shutdown_grace{1000};  // idle connections may still send one
    std::chrono::seconds shutdown_deadline{10};      // then everything is cut
    bool access_log = true;                          // one line per request on stdout
};

// The thread counts `threads` and `workers` resolve to (0 → the defaults above).
int resolve_io_threads(int threads);
int resolve_workers(int workers);

class Server {
public:
    Server(ServerOptions opts, const Dispatcher& dispatcher, Metrics& metrics);
    ~Server();
    // Binds; throws std::runtime_error naming the address when it cannot.
    void listen();
    uint16_t port() const;
    // Serves until SIGINT/SIGTERM (or stop()), then drains and returns.
    void run();
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace gh::http
