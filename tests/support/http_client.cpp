#include "http_client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace gh::test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

nlohmann::json HttpResponse::json() const { return nlohmann::json::parse(body); }

std::string HttpResponse::header(const std::string& lower) const {
    auto it = headers.find(lower);
    return it == headers.end() ? std::string() : it->second;
}

struct HttpClient::Impl {
    std::string host;
    uint16_t port;
    asio::io_context ioc;
    std::optional<tcp::socket> sock;
    beast::flat_buffer buffer;

    tcp::socket& connected() {
        if (!sock || !sock->is_open()) {
            sock.emplace(ioc);
            sock->connect(tcp::endpoint(asio::ip::make_address(host), port));
            buffer.clear();
        }
        return *sock;
    }
};

HttpClient::HttpClient(uint16_t port, std::string host) : impl_(std::make_unique<Impl>()) {
    impl_->host = std::move(host);
    impl_->port = port;
}

HttpClient::~HttpClient() = default;

HttpResponse HttpClient::request(const std::string& method, const std::string& target,
                                 const std::string& body,
                                 const std::vector<std::pair<std::string, std::string>>& headers) {
    bhttp::request<bhttp::string_body> req;
    req.method_string(method);
    req.target(target);
    req.version(11);
    req.set(bhttp::field::host, impl_->host);
    for (const auto& [k, v] : headers) req.set(k, v);
    req.body() = body;
    req.prepare_payload();
    for (int attempt = 0;; ++attempt) {
        try {
            auto& s = impl_->connected();
            bhttp::write(s, req);
            bhttp::response_parser<bhttp::string_body> parser;
            parser.body_limit(256 * 1024 * 1024);
            bhttp::read(s, impl_->buffer, parser);
            auto res = parser.release();
            HttpResponse out;
            out.status = static_cast<int>(res.result_int());
            for (const auto& f : res) {
                std::string name(f.name_string());
                for (auto& c : name) c = static_cast<char>(std::tolower(c));
                out.headers[name] = std::string(f.value());
            }
            out.body = std::move(res.body());
            if (!res.keep_alive()) impl_->sock.reset();
            return out;
        } catch (const boost::system::system_error&) {
            impl_->sock.reset();  // a kept-alive connection the server closed: retry once
            if (attempt > 0) throw;
        }
    }
}

std::string HttpClient::raw(const std::string& bytes) {
    tcp::socket s(impl_->ioc);
    s.connect(tcp::endpoint(asio::ip::make_address(impl_->host), impl_->port));
    asio::write(s, asio::buffer(bytes));
    std::string out;
    boost::system::error_code ec;
    char buf[4096];
    for (;;) {
        size_t n = s.read_some(asio::buffer(buf), ec);
        if (ec) break;
        out.append(buf, n);
    }
    return out;
}

}  // namespace gh::test
