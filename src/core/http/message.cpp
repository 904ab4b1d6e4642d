#include "core/http/message.h"

#include <stdexcept>

#include "core/cn/text_rules.h"
#include "core/error.h"

namespace gh::http {

std::optional<std::string_view> Request::header(std::string_view name) const {
    for (const auto& [k, v] : headers) {
        if (k == name) return std::string_view(v);
    }
    return std::nullopt;
}

std::optional<std::string_view> Request::cookie(std::string_view name) const {
    auto h = header("cookie");
    if (!h) return std::nullopt;
    std::string_view rest = *h;
    while (!rest.empty()) {
        size_t semi = rest.find(';');
        std::string_view pair = rest.substr(0, semi);
        rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
        while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
        size_t eq = pair.find('=');
        if (eq != std::string_view::npos && pair.substr(0, eq) == name) return pair.substr(eq + 1);
    }
    return std::nullopt;
}

std::optional<std::string_view> Request::query_param(std::string_view name) const {
    for (const auto& [k, v] : query) {
        if (k == name) return std::string_view(v);
    }
    return std::nullopt;
}

std::string_view Request::path_param(std::string_view name) const {
    for (const auto& [k, v] : path_params) {
        if (k == name) return v;
    }
    throw std::logic_error("route has no path parameter " + std::string(name));
}

namespace {

// Every string in the body, at any depth, is checked once here (multi-line allowed; a field read
// with http::optional_string is held to one line): so no write route can store a control or
// bidi-override character, or a value of invisible characters only, whatever it reads.
void check_strings(const nlohmann::json& j, const std::string& path) {
    if (j.is_string()) {
        if (auto p = cn::text_problem(j.get_ref<const std::string&>(), path, true)) {
            throw ApiError::from(*p, 422);
        }
    } else if (j.is_object()) {
        for (auto it = j.begin(); it != j.end(); ++it) check_strings(it.value(), it.key());
    } else if (j.is_array()) {
        for (const auto& v : j) check_strings(v, path);
    }
}

}  // namespace

nlohmann::json Request::json() const {
    auto ct = header("content-type");
    std::string_view type = ct ? *ct : std::string_view();
    type = type.substr(0, type.find(';'));
    while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
    if (type != "application/json") {
        throw ApiError(415, "request.unsupported_media_type", "请求内容类型必须是 application/json",
                       "Content-Type");
    }
    nlohmann::json parsed;
    try {
        parsed = nlohmann::json::parse(body);
    } catch (const nlohmann::json::parse_error& e) {
        throw ApiError(400, "request.malformed_json",
                       "请求体不是合法的 JSON（第 " + std::to_string(e.byte) + " 字节处出错）", "",
                       {{"byte_offset", e.byte}});
    } catch (const nlohmann::json::exception&) {
        // Well-formed text the parser still cannot hold: a number out of range (1e400), nesting
        // deeper than the parser allows. The same answer as malformed text, never a 500.
        throw ApiError(400, "request.malformed_json",
                       "请求体不是合法的 JSON（数值超出范围或结构过深）");
    }
    check_strings(parsed, "");
    return parsed;
}

Response Response::json(const nlohmann::json& j, int status) {
    Response r;
    r.status = status;
    r.body = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return r;
}

Response Response::text(std::string body, int status) {
    Response r;
    r.status = status;
    r.content_type = "text/plain; charset=utf-8";
    r.body = std::move(body);
    return r;
}

Response Response::no_content() {
    Response r;
    r.status = 204;
    r.content_type.clear();
    return r;
}

}  // namespace gh::http
