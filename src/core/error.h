// The one error type that crosses the service/HTTP boundary. Services throw it (or return a
// Problem); the HTTP layer renders it as {"error":{"code","message","field",...}} with `status`.
// The message is for people (Chinese); internal detail goes to the log, never to the client.
#pragma once

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "core/result.h"

namespace gh {

class ApiError : public std::runtime_error {
public:
    ApiError(int status, std::string code, std::string message, std::string field = {},
             nlohmann::json extra = nlohmann::json::object())
        : std::runtime_error(code),
          status_(status),
          code_(std::move(code)),
          message_(std::move(message)),
          field_(std::move(field)),
          extra_(std::move(extra)) {}

    // A broken input rule, answered 400 (or `status`) with the rule's own code and message.
    static ApiError from(const Problem& p, int status = 400) {
        return ApiError(status, p.code, p.message, p.field);
    }

    int status() const { return status_; }
    const std::string& code() const { return code_; }
    const std::string& message() const { return message_; }
    const std::string& field() const { return field_; }
    const nlohmann::json& extra() const { return extra_; }

    nlohmann::json envelope() const {
        nlohmann::json e = extra_;
        e["code"] = code_;
        e["message"] = message_;
        if (!field_.empty()) e["field"] = field_;
        return nlohmann::json{{"error", std::move(e)}};
    }

private:
    int status_;
    std::string code_;
    std::string message_;
    std::string field_;
    nlohmann::json extra_;
};

}  // namespace gh
