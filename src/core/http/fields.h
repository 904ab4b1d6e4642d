// Reading fields out of a JSON request body, each mistake answered 422 with the field's name.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/http/message.h"
#include "core/time.h"

namespace gh::http {

// The body as an object (400/415 for malformed JSON or wrong content type, 422 if not an object).
nlohmann::json json_object(const Request& req);

// Text fields are one line unless `multiline` (a reason, a note): no control characters (a
// multi-line field takes TAB, LF, CR), no bidi overrides, not invisible characters only
// (cn::text_problem, 422 text.control / text.invisible).
std::string required_string(const nlohmann::json& body, const char* field, size_t max_bytes = 1000,
                            bool multiline = false);
std::optional<std::string> optional_string(const nlohmann::json& body, const char* field,
                                           size_t max_bytes = 1000, bool multiline = false);
std::optional<int64_t> optional_int(const nlohmann::json& body, const char* field);
std::vector<std::string> string_list(const nlohmann::json& body, const char* field,
                                     size_t max_items = 50);

// Path and query parameters.
int64_t path_id(const Request& req, std::string_view name = "id");
int query_limit(const Request& req, int def = 50, int max = 500);

// A stored time for the wire (+08:00, core/time.h), null when absent.
inline nlohmann::json wire_time(const std::optional<std::string>& stored) {
    return stored ? nlohmann::json(to_wire(*stored)) : nlohmann::json(nullptr);
}
int64_t query_int(const Request& req, std::string_view name, int64_t def);

}  // namespace gh::http
