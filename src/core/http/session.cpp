#include "core/http/session.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>
#include <random>

namespace gh::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
// Concrete executor types throughout: the type-erased any_io_executor costs a copy and a
// destroy on every operation.
using Executor = asio::io_context::executor_type;
using Socket = asio::basic_stream_socket<tcp, Executor>;
using Stream = beast::basic_stream<tcp, Executor, beast::unlimited_rate_policy>;

std::string new_request_id() {
    thread_local std::mt19937_64 rng{std::random_device{}()};
    static constexpr char hex[] = "0123456789abcdef";
    uint64_t v = rng();
    std::string id(16, '0');
    for (int i = 15; i >= 0; --i, v >>= 4) id[i] = hex[v & 0xf];
    return id;
}

namespace {

bool acceptable_request_id(std::string_view s) {
    if (s.empty() || s.size() > 64) return false;
    for (char c : s) {
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) {
            return false;
        }
    }
    return true;
}

// "/api/v1/x": starts with '/', and has no query, no escapes, nothing a URL parser would change.
bool is_plain_path(std::string_view t) {
    if (t.empty() || t[0] != '/') return false;
    for (unsigned char c : t) {
        if (c <= 0x20 || c >= 0x7f || c == '%' || c == '?' || c == '#') return false;
    }
    return true;
}

}  // namespace

// One connection. Lives on one io thread (its io_context runs on exactly one thread), so its
// handlers never run concurrently and need no strand.
class Session : public std::enable_shared_from_this<Session> {
public:
    Session(Socket socket, ServerCore& core, size_t thread)
        : stream_(std::move(socket)), core_(core), thread_(thread), grace_(stream_.get_executor()) {
        boost::system::error_code ec;
        auto ep = stream_.socket().remote_endpoint(ec);
        if (!ec) remote_ip_ = ep.address().to_string();
        stream_.socket().set_option(tcp::no_delay(true), ec);
    }

    ~Session() {
        size_t left;
        {
            std::lock_guard lock(core_.sessions_mu);
            core_.sessions.erase(this);
            left = core_.sessions.size();
        }
        if (left == 0 && core_.stopping.load() && core_.on_last_session) core_.on_last_session();
    }

    void start() {
        asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->do_read(); });
    }

    // From the server when shutting down: an idle connection gets a short grace to send one
    // more request (answered with Connection: close), then is closed without a reset.
    void on_stopping() {
        asio::dispatch(stream_.get_executor(), [self = shared_from_this()] {
            if (!self->idle_) return;  // a busy one closes after its response
            self->grace_.expires_after(self->core_.opts.shutdown_grace);
            self->grace_.async_wait([self](auto ec) {
                if (ec || !self->idle_ || self->parser_->got_some() || self->buffer_.size() > 0)
                    return;
                boost::system::error_code ignored;
                self->stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
            });
        });
    }

private:
    void do_read() {
        parser_.emplace();
        parser_->header_limit(static_cast<std::uint32_t>(core_.opts.header_limit));
        parser_->body_limit(core_.opts.body_limit);
        idle_ = true;
        if (core_.stopping.load()) on_stopping();
        // A pipelined request already has its first bytes here; otherwise wait for them under
        // the idle timeout, then give the headers header_timeout from their first byte, so a
        // client dripping a header byte at a time is cut after header_timeout, not idle_timeout.
        if (buffer_.size() > 0) return read_header();
        stream_.expires_after(core_.opts.idle_timeout);
        stream_.async_read_some(buffer_.prepare(4096),
                                [self = shared_from_this()](beast::error_code ec, size_t n) {
                                    self->buffer_.commit(n);
                                    if (ec) return self->on_header(ec);
                                    self->read_header();
                                });
    }

    void read_header() {
        stream_.expires_after(core_.opts.header_timeout);
        bhttp::async_read_header(
            stream_, buffer_, *parser_,
            [self = shared_from_this()](auto ec, size_t) { self->on_header(ec); });
    }

    void on_header(beast::error_code ec) {
        idle_ = false;
        if (core_.stopping.load()) grace_.cancel();
        start_ = std::chrono::steady_clock::now();
        if (ec == bhttp::error::end_of_stream || ec == asio::error::eof ||
            ec == beast::error::timeout || ec == asio::error::connection_reset ||
            ec == asio::error::operation_aborted) {
            return close();
        }
        if (ec == bhttp::error::body_limit) {  // Content-Length alone already exceeds it
            return reply_error(413, "request.too_large", too_large_message());
        }
        if (ec == bhttp::error::header_limit) {
            return reply_error(431, "request.header_too_large", "请求头过大");
        }
        if (ec) return reply_error(400, "request.bad_http", "无法解析的 HTTP 请求");
        if (parser_->is_done()) return process();
        stream_.expires_after(core_.opts.body_timeout);
        auto& req = parser_->get();
        if (beast::iequals(req[bhttp::field::expect], "100-continue")) {
            static const std::string kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
            return asio::async_write(stream_, asio::buffer(kContinue),
                                     [self = shared_from_this()](auto ec, size_t) {
                                         if (ec) return self->close();
                                         self->read_body();
                                     });
        }
        read_body();
    }

    void read_body() {
        bhttp::async_read(stream_, buffer_, *parser_,
                          [self = shared_from_this()](auto ec, size_t) { self->on_body(ec); });
    }

    void on_body(beast::error_code ec) {
        if (ec == bhttp::error::body_limit) {
            return reply_error(413, "request.too_large", too_large_message());
        }
        if (ec == beast::error::timeout) {
            return reply_error(408, "request.timeout", "请求体接收超时");
        }
        if (ec) return close();
        process();
    }

    std::string too_large_message() const {
        return "请求体过大（上限 " + std::to_string(core_.opts.body_limit / (1024 * 1024)) +
               " MiB）";
    }

    void process() {
        auto breq = parser_->release();
        Request req;
        req.method = std::string(breq.method_string());
        req.remote_ip = remote_ip_;
        auto in_id = breq["x-request-id"];
        req.request_id = acceptable_request_id(in_id) ? std::string(in_id) : new_request_id();
        req.headers.reserve(8);
        for (const auto& f : breq) {
            std::string name(f.name_string());
            for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            req.headers.emplace_back(std::move(name), std::string(f.value()));
        }
        keep_alive_ = breq.keep_alive() && !core_.stopping.load();
        version_ = breq.version();
        head_ = breq.method() == bhttp::verb::head;
        std::string_view raw_target = breq.target();
        if (is_plain_path(raw_target)) {  // nothing to decode: skip the URL parser
            req.path = std::string(raw_target);
        } else {
            auto target = boost::urls::parse_origin_form(raw_target);
            if (!target) {
                return reply_error(400, "request.bad_target", "请求地址格式错误", req.request_id);
            }
            req.path = std::string(target->path());
            for (auto p : target->params()) req.query.emplace_back(p.key, p.value);
        }
        req.body = std::move(breq.body());
        size_t slot = 0;
        const Route* deferred = nullptr;
        auto answer = core_.dispatcher->begin(req, slot, deferred);
        if (answer) {  // answered on this thread: the request is no longer needed
            log_ = {std::move(req.method),
                    std::move(req.path),
                    std::move(req.request_id),
                    slot,
                    0,
                    -1,
                    -1};
            return respond(std::move(*answer));
        }
        log_ = {req.method, req.path, req.request_id, slot, 0, -1, -1};
        // The handler may wait on the database: a worker runs it, and its answer comes back to
        // this connection's io_context (the only thread that touches the socket).
        const auto queued_at = std::chrono::steady_clock::now();
        WorkerPool::Task task = [self = shared_from_this(), ex = stream_.get_executor(),
                                 req = std::move(req), deferred, queued_at]() mutable {
            const auto started = std::chrono::steady_clock::now();
            Response r = self->core_.dispatcher->run(req, *deferred);
            const auto done = std::chrono::steady_clock::now();
            // `self` moves into the completion, so the session is never released (and its
            // socket never destroyed) on this thread.
            asio::post(
                ex, [self = std::move(self), r = std::move(r), queued_at, started, done]() mutable {
                    using std::chrono::duration_cast;
                    using std::chrono::microseconds;
                    self->log_.queue_us = duration_cast<microseconds>(started - queued_at).count();
                    self->log_.work_us = duration_cast<microseconds>(done - started).count();
                    self->respond(std::move(r));
                });
        };
        if (!core_.workers->try_post(task)) {
            Response busy = Dispatcher::error_response(
                ApiError(503, "server.busy", "服务器繁忙，请稍后重试"), log_.rid);
            busy.headers.emplace_back("retry-after", "1");
            add_security_headers(busy);
            respond(std::move(busy));
        }
    }

    void respond(Response r) {
        log_.status = r.status;
        send(r, log_.rid);
    }

    void reply_error(int status, const char* code, std::string message, std::string rid = {}) {
        if (rid.empty()) rid = new_request_id();
        keep_alive_ = false;
        Response r = Dispatcher::error_response(ApiError(status, code, std::move(message)), rid);
        add_security_headers(r);
        std::string method, path;
        if (parser_ && parser_->is_header_done()) {
            const auto& h = parser_->get();
            method = std::string(h.method_string());
            path = std::string(h.target().substr(0, h.target().find('?')));
            version_ = h.version();
        }
        log_ = {std::move(method),
                std::move(path),
                rid,
                core_.metrics->unmatched_slot(),
                status,
                -1,
                -1};
        send(r, rid);
    }

    void send(const Response& r, const std::string& rid) {
        if (core_.stopping.load()) keep_alive_ = false;
        out_ = serialize(r, version_ ? version_ : 11, keep_alive_, head_, rid);
        stream_.expires_after(core_.opts.write_timeout);
        asio::async_write(
            stream_, asio::buffer(out_),
            [self = shared_from_this()](auto ec, size_t bytes) { self->on_write(ec, bytes); });
    }

    void on_write(beast::error_code ec, size_t bytes) {
        auto us = std::chrono::duration_cast<std::chrono::microseconds>(
            std::chrono::steady_clock::now() - start_);
        core_.metrics->record(log_.slot, log_.status, us);
        if (core_.access_log) {
            core_.access_log->append(
                thread_, {remote_ip_, log_.method, log_.path, log_.rid, log_.status, bytes,
                          us.count(), log_.queue_us, log_.work_us});
        }
        if (ec) return close();
        if (!keep_alive_) return graceful_close();
        do_read();
    }

    // Half-close, then read what the peer still sends until it closes: closing a socket with
    // unread data would answer the peer with a reset.
    void graceful_close() {
        boost::system::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
        stream_.expires_after(std::chrono::seconds(2));
        drain_ = std::make_unique<std::array<char, 4096>>();
        drain();
    }

    void drain() {
        stream_.async_read_some(asio::buffer(*drain_),
                                [self = shared_from_this()](auto ec, size_t) {
                                    if (ec) return self->close();
                                    self->drain();
                                });
    }

    void close() {
        boost::system::error_code ignored;
        stream_.socket().close(ignored);
    }

    struct LogLine {
        std::string method, path, rid;
        size_t slot = 0;
        int status = 0;
        long long queue_us = -1, work_us = -1;  // on a worker: waiting for it, running there
    };

    Stream stream_;
    ServerCore& core_;
    size_t thread_;
    asio::basic_waitable_timer<std::chrono::steady_clock,
                               asio::wait_traits<std::chrono::steady_clock>, Executor>
        grace_;
    beast::flat_buffer buffer_;
    std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
    std::string out_;
    std::unique_ptr<std::array<char, 4096>> drain_;
    std::string remote_ip_;
    std::chrono::steady_clock::time_point start_;
    LogLine log_;
    unsigned version_ = 11;
    bool keep_alive_ = true;
    bool idle_ = false;
    bool head_ = false;
};

void start_session(Socket socket, ServerCore& core, size_t thread) {
    auto s = std::make_shared<Session>(std::move(socket), core, thread);
    {
        std::lock_guard lock(core.sessions_mu);
        core.sessions.emplace(s.get(), s);
    }
    s->start();
}

void ServerCore::notify_sessions_stopping() {
    std::vector<std::shared_ptr<Session>> live;
    {
        std::lock_guard lock(sessions_mu);
        for (auto& [_, w] : sessions) {
            if (auto s = w.lock()) live.push_back(std::move(s));
        }
    }
    for (auto& s : live) s->on_stopping();
}

size_t ServerCore::session_count() {
    std::lock_guard lock(sessions_mu);
    return sessions.size();
}

}  // namespace gh::http
