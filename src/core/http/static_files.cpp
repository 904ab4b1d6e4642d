#include "core/http/static_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

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
        files_.emplace(std::move(key), std::move(f));
    }
}

std::optional<Response> StaticFiles::serve(const Request& req) const {
    auto it = files_.find(req.path == "/" ? "/index.html" : req.path);
    if (it == files_.end()) it = files_.find("/index.html");  // SPA fallback
    if (it == files_.end()) return std::nullopt;
    const File& f = it->second;
    Response r;
    r.headers.emplace_back("etag", f.etag);
    r.headers.emplace_back("cache-control",
                           f.immutable ? "public, max-age=31536000, immutable" : "no-cache");
    if (auto inm = req.header("if-none-match"); inm && *inm == f.etag) {
        r.status = 304;
        r.content_type.clear();
        return r;
    }
    r.content_type = f.type;
    r.body = f.body;
    return r;
}

}  // namespace gh::http
