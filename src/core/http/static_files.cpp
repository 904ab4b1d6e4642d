#include "core/http/static_files.h"

#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <zlib.h>

namespace gh::http {

std::string mime_type(std::string_view path) {
    auto dot = path.rfind('.');
    std::string_view ext = dot == std::string_view::npos ? "" : path.substr(dot + 1);
    if (ext == "html") return "text/html; charset=utf-8";
    if (ext == "js" || ext == "mjs") return "text/javascript; charset=utf-8";
    if (ext == "css") return "text/css; charset=utf-8";
    if (ext == "json" || ext == "map") return "application/json; charset=utf-8";
    if (ext == "svg") return "image/svg+xml";
    if (ext == "png") return "image/png";
    if (ext == "jpg" || ext == "jpeg") return "image/jpeg";
    if (ext == "ico") return "image/x-icon";
    if (ext == "woff2") return "font/woff2";
    if (ext == "woff") return "font/woff";
    if (ext == "ttf") return "font/ttf";
    if (ext == "txt") return "text/plain; charset=utf-8";
    if (ext == "xlsx") return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    return "application/octet-stream";
}

std::string gzip(std::string_view in) {
    z_stream z{};
    if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) {
        return {};
    }
    std::string out(deflateBound(&z, in.size()), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.avail_in = static_cast<uInt>(in.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    return rc == Z_STREAM_END ? out : std::string();
}

bool accepts_gzip(std::string_view v) {
    while (!v.empty()) {
        const size_t comma = v.find(',');
        std::string_view item = v.substr(0, comma);
        v = comma == std::string_view::npos ? std::string_view() : v.substr(comma + 1);
        std::string lower;
        for (char c : item) {
            if (c != ' ' && c != '\t')
                lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        const size_t semi = lower.find(';');
        const std::string coding = lower.substr(0, semi);
        if (coding != "gzip" && coding != "x-gzip" && coding != "*") continue;
        if (semi == std::string::npos) return true;
        const size_t q = lower.find("q=", semi);
        if (q == std::string::npos) return true;
        // q=0, q=0.0, q=0.000 refuse; anything else accepts.
        const std::string value = lower.substr(q + 2);
        if (value.find_first_not_of("0.") != std::string::npos) return true;
    }
    return false;
}

StaticFiles::StaticFiles(const std::string& root) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (root.empty() || !fs::is_directory(root, ec)) return;
    for (auto it = fs::recursive_directory_iterator(root, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (!it->is_regular_file()) continue;
        std::ifstream in(it->path(), std::ios::binary);
        std::ostringstream ss;
        ss << in.rdbuf();
        std::string key = "/" + fs::relative(it->path(), root).generic_string();
        File f;
        f.body = ss.str();
        f.type = mime_type(key);
        f.etag = fmt::format("\"{:x}-{:x}\"", std::hash<std::string>{}(f.body), f.body.size());
        // Vite names built assets by content hash; those never change under the same name.
        f.immutable = key.rfind("/assets/", 0) == 0;
        const bool text = f.type.rfind("text/", 0) == 0 ||
                          f.type.rfind("application/json", 0) == 0 || f.type == "image/svg+xml";
        if (text && f.body.size() >= 1024) {
            std::string z = gzip(f.body);
            if (!z.empty() && z.size() < f.body.size() * 9 / 10) f.gzipped = std::move(z);
        }
        files_.emplace(std::move(key), std::move(f));
    }
}

namespace {
// The single-page app a path belongs to: the workers' phone page under /m/, the console for
// everything else. Its index.html is the answer for a path without a file (the app's router
// takes it from there).
std::string_view app_index(std::string_view path) {
    return path.rfind("/m/", 0) == 0 ? "/m/index.html" : "/index.html";
}

// Query parts put back into a URL: unreserved characters as they are, every other byte %XX.
std::string url_encode(std::string_view s) {
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += fmt::format("%{:02X}", c);
        }
    }
    return out;
}
}  // namespace

std::optional<Response> StaticFiles::serve(const Request& req) const {
    if (req.path == "/m") {  // the phone page's router works under /m/
        std::string location = "/m/";
        for (size_t i = 0; i < req.query.size(); ++i) {
            location += (i == 0 ? "?" : "&") + url_encode(req.query[i].first) + "=" +
                        url_encode(req.query[i].second);
        }
        Response r;
        r.status = 301;
        r.content_type.clear();
        r.headers.emplace_back("location", location);
        return r;
    }
    const std::string_view index = app_index(req.path);
    auto it = files_.find(req.path == "/" || req.path == "/m/" ? std::string(index) : req.path);
    if (it == files_.end()) it = files_.find(std::string(index));  // SPA fallback
    if (it == files_.end()) return std::nullopt;
    const File& f = it->second;
    const bool gz = !f.gzipped.empty() && accepts_gzip(req.header("accept-encoding").value_or(""));
    // Each encoding is its own representation, with its own (strong) ETag.
    const std::string etag = gz ? f.etag.substr(0, f.etag.size() - 1) + "-gz\"" : f.etag;
    Response r;
    r.headers.emplace_back("etag", etag);
    if (!f.gzipped.empty()) r.headers.emplace_back("vary", "accept-encoding");
    r.headers.emplace_back("cache-control",
                           f.immutable ? "public, max-age=31536000, immutable" : "no-cache");
    if (auto inm = req.header("if-none-match"); inm && *inm == etag) {
        r.status = 304;
        r.content_type.clear();
        return r;
    }
    r.content_type = f.type;
    if (gz) r.headers.emplace_back("content-encoding", "gzip");
    r.body = gz ? f.gzipped : f.body;
    return r;
}

}  // namespace gh::http
