// Request and Response as handlers see them: plain structs, no Beast. A handler is a function
// from Request to Response; errors are thrown as gh::ApiError and rendered at one boundary.
#pragma once

#include <any>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gh::http {

using Headers = std::vector<std::pair<std::string, std::string>>;  // names lower-case

struct Request {
    std::string method;                                      // "GET", "POST", …
    std::string path;                                        // decoded path, no query
    std::vector<std::pair<std::string, std::string>> query;  // decoded, in order
    Headers headers;
    std::string body;
    std::vector<std::pair<std::string, std::string>> path_params;
    std::string request_id;
    std::string remote_ip;
    // Set by the authorizer: who is calling (identity::Principal). Empty on public routes.
    std::any context;

    std::optional<std::string_view> header(std::string_view lower_name) const;
    std::optional<std::string_view> cookie(std::string_view name) const;
    std::optional<std::string_view> query_param(std::string_view name) const;
    std::string_view path_param(std::string_view name) const;  // throws if the route lacks it
    // Parses the body as a JSON object or array: 415 request.unsupported_media_type when the
    // content type is not JSON, 400 request.malformed_json naming the byte offset otherwise.
    nlohmann::json json() const;
};

struct Response {
    int status = 200;
    std::string content_type = "application/json; charset=utf-8";
    std::string body;
    Headers headers;
    // The fixed security headers (CSP …) are written by the serializer from one constant block
    // rather than copied into `headers` on every response.
    bool security_headers = false;

    static Response json(const nlohmann::json& j, int status = 200);
    static Response text(std::string body, int status = 200);
    static Response no_content();
};

using Handler = std::function<Response(Request&)>;

}  // namespace gh::http
