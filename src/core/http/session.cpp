#include "core/http/session.h"

#include <spdlog/spdlog.h>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>
#include <random>

namespace gh::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

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

// Control characters in a logged path would forge log lines: write them as \xNN.
std::string log_safe(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (unsigned char c : s) {
        if (c < 0x20 || c == 0x7f || c == '"') {
            out += fmt::format("\\x{:02x}", c);
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

}  // namespace

class Session : public std::enable_shared_from_this<Session> {
public:
    Session(tcp::socket socket, ServerCore& core)
        : stream_(std::move(socket)), core_(core), grace_(stream_.get_executor()) {
        boost::system::error_code ec;
        auto ep = stream_.socket().remote_endpoint(ec);
        if (!ec) remote_ip_ = ep.address().to_string();
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
                if (ec || !self->idle_ || self->parser_->got_some()) return;
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
        stream_.expires_after(
            core_.stopping.load()
                ? std::chrono::duration_cast<std::chrono::seconds>(core_.opts.shutdown_grace) +
                      std::chrono::seconds(1)
                : core_.opts.idle_timeout);
        if (core_.stopping.load()) on_stopping();
        bhttp::async_read_header(
            stream_, buffer_, *parser_,
            [self = shared_from_this()](auto ec, size_t) { self->on_header(ec); });
    }

    void on_header(beast::error_code ec) {
        idle_ = false;
        grace_.cancel();
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
        auto& req = parser_->get();
        if (auto len = parser_->content_length(); len && *len > core_.opts.body_limit) {
            return reply_error(413, "request.too_large", too_large_message());
        }
        stream_.expires_after(core_.opts.body_timeout);
        if (parser_->is_done()) return process();
        if (beast::iequals(req[bhttp::field::expect], "100-continue")) {
            auto cont = std::make_shared<bhttp::response<bhttp::empty_body>>(
                bhttp::status::continue_, req.version());
            return bhttp::async_write(stream_, *cont,
                                      [self = shared_from_this(), cont](auto ec, size_t) {
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
        for (const auto& f : breq) {
            std::string name(f.name_string());
            for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            req.headers.emplace_back(std::move(name), std::string(f.value()));
        }
        keep_alive_ = breq.keep_alive() && !core_.stopping.load();
        version_ = breq.version();
        auto target = boost::urls::parse_origin_form(breq.target());
        if (!target) {
            return reply_error(400, "request.bad_target", "请求地址格式错误", req.request_id);
        }
        req.path = std::string(target->path());
        for (auto p : target->params()) req.query.emplace_back(p.key, p.value);
        req.body = std::move(breq.body());
        size_t slot = 0;
        Response r = core_.dispatcher->handle(req, slot);
        send(std::move(r), req.method, req.path, req.request_id, slot);
    }

    void reply_error(int status, const char* code, std::string message, std::string rid = {}) {
        if (rid.empty()) rid = new_request_id();
        keep_alive_ = false;
        Response r = Dispatcher::error_response(ApiError(status, code, std::move(message)), rid);
        add_security_headers(r);
        std::string method, path;
        if (parser_ && parser_->is_header_done()) {
            method = std::string(parser_->get().method_string());
            path =
                std::string(parser_->get().target().substr(0, parser_->get().target().find('?')));
        }
        send(std::move(r), method, path, rid, core_.metrics->unmatched_slot());
    }

    void send(Response r, const std::string& method, const std::string& path,
              const std::string& rid, size_t slot) {
        if (core_.stopping.load()) keep_alive_ = false;
        res_ = {};
        res_.version(version_ ? version_ : 11);
        res_.result(static_cast<unsigned>(r.status));
        res_.set(bhttp::field::server, "gonghui");
        res_.set("x-request-id", rid);
        if (!r.content_type.empty()) res_.set(bhttp::field::content_type, r.content_type);
        for (auto& [k, v] : r.headers) res_.set(k, v);
        res_.body() = std::move(r.body);
        res_.keep_alive(keep_alive_);
        res_.prepare_payload();
        log_line_ = {method, path, rid, slot, r.status};
        stream_.expires_after(core_.opts.write_timeout);
        bhttp::async_write(stream_, res_, [self = shared_from_this()](auto ec, size_t bytes) {
            self->on_write(ec, bytes);
        });
    }

    void on_write(beast::error_code ec, size_t bytes) {
        auto us = std::chrono::duration_cast<std::chrono::microseconds>(
            std::chrono::steady_clock::now() - start_);
        core_.metrics->record(log_line_.slot, log_line_.status, us);
        if (auto log = spdlog::get("access")) {
            log->info("{} {} {} {} {} {}us {}", remote_ip_, log_line_.method,
                      log_safe(log_line_.path), log_line_.status, bytes, us.count(), log_line_.rid);
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
        drain_ = std::make_shared<std::array<char, 4096>>();
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
    };

    beast::tcp_stream stream_;
    ServerCore& core_;
    asio::steady_timer grace_;
    beast::flat_buffer buffer_;
    std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
    bhttp::response<bhttp::string_body> res_;
    std::shared_ptr<std::array<char, 4096>> drain_;
    std::string remote_ip_;
    std::chrono::steady_clock::time_point start_;
    LogLine log_line_;
    unsigned version_ = 11;
    bool keep_alive_ = true;
    bool idle_ = false;
};

void start_session(tcp::socket socket, ServerCore& core) {
    auto s = std::make_shared<Session>(std::move(socket), core);
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
