// The built console (web/dist), held in memory: hashed assets are cached for a year, index.html
// never; any unknown non-API path answers its app's index.html so that SPA's router can take it:
// m/index.html (the workers' phone page) under /m/, index.html (the console) elsewhere; /m
// redirects to /m/.
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
        bool immutable;
    };
    std::unordered_map<std::string, File> files_;  // key: "/assets/x.js"
};

std::string mime_type(std::string_view path);

}  // namespace gh::http
