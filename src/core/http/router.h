// Routes with path parameters ("/api/v1/orgs/{id}"). Each route declares who may call it when it
// registers; a route that declares nothing cannot register, so access is default-deny.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/http/message.h"

namespace gh::http {

// Who may call a route: anyone (public), or a caller holding `permission`.
struct Access {
    std::string permission;  // e.g. "member.read"; empty only when is_public
    bool is_public = false;
    static Access anyone() { return Access{"", true}; }
    static Access need(std::string permission) { return Access{std::move(permission), false}; }
};

struct Route {
    std::string method;
    std::string pattern;  // as registered, also the metrics label
    Access access;
    Handler handler;
    std::vector<std::string> segments;  // pattern split on '/'; "{x}" marks a parameter
    size_t index = 0;                   // position in registration order (metrics slot)
    // Runs on the io thread that read the request instead of a worker: only for public routes
    // that never wait (no database, no file system), e.g. /livez and /metrics.
    bool on_io_thread = false;
};

struct Match {
    const Route* route = nullptr;
    bool path_known = false;      // some route has this path, maybe with another method
    std::string allowed_methods;  // for 405's Allow header
    std::vector<std::pair<std::string, std::string>> params;
};

class Router {
public:
    // Throws std::logic_error for a route without an access declaration, a malformed pattern or
    // a duplicate: these are programming errors, caught when the server starts.
    // Once set, a route whose permission the check does not know is refused the same way (the
    // server sets it to the domains' catalogues: a mistyped permission never registers).
    void add(std::string method, std::string pattern, Access access, Handler handler);
    void set_permission_check(std::function<bool(std::string_view)> known) {
        known_ = std::move(known);
    }
    // A public route whose handler never waits, run on the io thread (Route::on_io_thread).
    void add_inline(std::string method, std::string pattern, Handler handler);
    Match match(std::string_view method, std::string_view path) const;
    const std::vector<std::unique_ptr<Route>>& routes() const { return routes_; }

private:
    // Routes bucketed by segment count and their third segment ("/api/v1/<here>/…"), the one that
    // tells domains apart, so a request is compared with a handful of routes, not all of them.
    // A route with a parameter there sits in the count's wildcard bucket.
    static std::string bucket_key(size_t count, std::string_view segment);
    std::vector<std::unique_ptr<Route>> routes_;
    std::unordered_map<std::string, std::vector<const Route*>> buckets_;
    std::function<bool(std::string_view)> known_;
};

}  // namespace gh::http
