#include "core/http/fields.h"

#include <charconv>

#include "core/cn/text_rules.h"

namespace gh::http {

nlohmann::json json_object(const Request& req) {
    auto j = req.json();
    if (!j.is_object()) throw ApiError(422, "request.not_object", "请求体必须是 JSON 对象");
    return j;
}

std::string required_string(const nlohmann::json& body, const char* field, size_t max_bytes,
                            bool multiline) {
    auto v = optional_string(body, field, max_bytes, multiline);
    if (!v || v->empty()) throw ApiError(422, "field.required", "此项必填", field);
    return *v;
}

std::optional<std::string> optional_string(const nlohmann::json& body, const char* field,
                                           size_t max_bytes, bool multiline) {
    auto it = body.find(field);
    if (it == body.end() || it->is_null()) return std::nullopt;
    if (!it->is_string()) throw ApiError(422, "field.type", "应为文本", field);
    std::string v = it->get<std::string>();
    if (v.size() > max_bytes) {
        throw ApiError(422, "field.too_long",
                       "内容过长（最多 " + std::to_string(max_bytes) + " 字节）", field);
    }
    if (auto p = cn::text_problem(v, field, multiline)) throw ApiError::from(*p, 422);
    return v;
}

std::optional<int64_t> optional_int(const nlohmann::json& body, const char* field) {
    auto it = body.find(field);
    if (it == body.end() || it->is_null()) return std::nullopt;
    if (!it->is_number_integer()) throw ApiError(422, "field.type", "应为整数", field);
    return it->get<int64_t>();
}

std::vector<std::string> string_list(const nlohmann::json& body, const char* field,
                                     size_t max_items) {
    auto it = body.find(field);
    if (it == body.end() || it->is_null()) return {};
    if (!it->is_array() || it->size() > max_items) {
        throw ApiError(422, "field.type", "应为文本列表", field);
    }
    std::vector<std::string> out;
    for (const auto& v : *it) {
        if (!v.is_string()) throw ApiError(422, "field.type", "应为文本列表", field);
        out.push_back(v.get<std::string>());
    }
    return out;
}

namespace {
std::optional<int64_t> parse_int(std::string_view s) {
    int64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
    return v;
}
}  // namespace

int64_t path_id(const Request& req, std::string_view name) {
    auto v = parse_int(req.path_param(name));
    // A malformed id names nothing that exists: the same answer as a missing one.
    if (!v || *v <= 0) throw ApiError(404, "request.not_found", "对象不存在");
    return *v;
}

int query_limit(const Request& req, int def, int max) {
    auto q = req.query_param("limit");
    if (!q) return def;
    auto v = parse_int(*q);
    if (!v || *v < 1 || *v > max) {
        throw ApiError(400, "request.limit", "limit 应在 1 到 " + std::to_string(max) + " 之间",
                       "limit");
    }
    return static_cast<int>(*v);
}

int64_t query_int(const Request& req, std::string_view name, int64_t def) {
    auto q = req.query_param(name);
    if (!q || q->empty()) return def;
    auto v = parse_int(*q);
    if (!v) throw ApiError(400, "request.query", "参数应为整数", std::string(name));
    return *v;
}

}  // namespace gh::http
