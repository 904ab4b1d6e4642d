// The built console (web/dist), held in memory: hashed assets are cached for a year, index.html
// never; any unknown non-API path answers its app's index.html so that SPA's router can take it:
// m/index.html (the workers' phone page) under /m/, index.html (the console) elsewhere; /m
// redirects to /m/. Text files are gzipped once at load and sent so to a client that accepts
// gzip (a phone on a slow link gets the first screen at about a third of its size).
#pragma once

#include <optional>
#include <string>
#include <unordered_map>

#include "core/http/message.h"

namespace gh::http {

class StaticFiles {
public:
    // Loads every file under `root`; a missing root leaves the set empty (API-only server).
    explicit StaticFiles(const std::string& root);
    bool empty() const { return files_.empty(); }
    size_t count() const { return files_.size(); }
    // nullopt when nothing fits (no such file and no index.html to fall back on).
    std::optional<Response> serve(const Request& req) const;

private:
    struct File {
        std::string body, type, etag;
        std::string gzipped;  // empty when not worth it (binary, tiny, or no smaller)
        bool immutable;
    };
    std::unordered_map<std::string, File> files_;  // key: "/assets/x.js"
};

std::string mime_type(std::string_view path);
// gzip (RFC 1952) of `in` at the best compression; empty on failure.
std::string gzip(std::string_view in);
// Whether an Accept-Encoding value accepts gzip (a `gzip` or `*` token without q=0).
bool accepts_gzip(std::string_view accept_encoding);

}  // namespace gh::http
