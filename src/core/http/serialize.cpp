#include <boost/beast/http/status.hpp>

#include "core/http/session.h"

namespace gh::http {

namespace {
// Hand-rolled: std::string::find_first_of calls memchr once per character scanned.
bool has_crlf(std::string_view s) {
    for (char c : s) {
        if (c == '\r' || c == '\n') return true;
    }
    return false;
}
}  // namespace

std::string serialize(const Response& r, unsigned version, bool keep_alive, bool head,
                      std::string_view request_id) {
    auto reason =
        boost::beast::http::obsolete_reason(static_cast<boost::beast::http::status>(r.status));
    std::string out;
    out.reserve(512 + r.body.size());
    out += version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ";
    out += std::to_string(r.status);
    out += ' ';
    out.append(reason.data(), reason.size());
    out += "\r\nServer: gonghui\r\nX-Request-Id: ";
    out += request_id;
    out += "\r\n";
    if (!r.content_type.empty()) {
        out += "Content-Type: ";
        out += r.content_type;
        out += "\r\n";
    }
    for (const auto& [k, v] : r.headers) {
        // A CR or LF in a header would let whoever chose the value write their own headers.
        if (has_crlf(k) || has_crlf(v)) continue;
        out += k;
        out += ": ";
        out += v;
        out += "\r\n";
    }
    if (r.security_headers) out += security_headers_block();
    const bool bodyless = r.status == 204 || r.status == 304 || (r.status >= 100 && r.status < 200);
    if (!bodyless) {
        out += "Content-Length: ";
        out += std::to_string(r.body.size());
        out += "\r\n";
    }
    if (!keep_alive && version >= 11) out += "Connection: close\r\n";
    if (keep_alive && version == 10) out += "Connection: keep-alive\r\n";
    out += "\r\n";
    if (!head && !bodyless) out += r.body;
    return out;
}

}  // namespace gh::http
