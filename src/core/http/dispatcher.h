// The pure part of the server: Request in, Response out. Routing, the access check, static
// files, and the one place where exceptions become error envelopes.
#pragma once

#include <functional>
#include <optional>

#include "core/error.h"
#include "core/http/message.h"
#include "core/http/metrics.h"
#include "core/http/router.h"
#include "core/http/static_files.h"

namespace gh::http {

// Decides whether `req` may use a route that needs `access.permission`; throws ApiError
// (401/403) when it may not. Public routes never reach it. The default denies everything.
using Authorizer = std::function<void(Request& req, const Access& access)>;

class Dispatcher {
public:
    Dispatcher(const Router& router, const StaticFiles& files, Metrics& metrics);
    void set_authorizer(Authorizer a) { authorize_ = std::move(a); }
    // Turns exceptions of lower layers (e.g. the database being down) into answers; an
    // exception it does not know stays a 500.
    using Translator = std::function<std::optional<ApiError>(const std::exception&)>;
    void set_translator(Translator t) { translate_ = std::move(t); }

    // Never throws. `slot` receives the metrics slot of whatever answered.
    Response handle(Request& req, size_t& slot) const;

    // handle() in two halves, for a server that runs handlers off its io threads.
    // begin (io thread): routes the request and answers what needs no wait — unknown paths,
    // 405, static files, routes registered to run inline — or returns nullopt with `deferred`
    // set to the route whose access check and handler must run (on a worker) through run().
    std::optional<Response> begin(Request& req, size_t& slot, const Route*& deferred) const;
    // Never throws.
    Response run(Request& req, const Route& route) const;

    static Response error_response(const ApiError& e, const std::string& request_id);

private:
    template <class F>
    Response guarded(Request& req, F&& f) const;
    Response unrouted(Request& req, const Match& m, size_t& slot) const;
    const Router& router_;
    const StaticFiles& files_;
    Metrics& metrics_;
    Authorizer authorize_;
    Translator translate_;
};

// Security headers every response carries: add_security_headers marks the response, the
// serializer writes security_headers_block().
void add_security_headers(Response& r);
const char* security_headers_block();

}  // namespace gh::http
