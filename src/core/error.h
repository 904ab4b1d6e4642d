// The one error type that crosses the service/HTTP boundary. Services throw it (or return a
// Problem); the HTTP layer renders it as {"error":{"code","message","field",...}} with `status`.
// The message is for people (Chinese); internal detail goes to the log, never to the client:
// with_log_detail() carries it (a library's what(), a row id) to the dispatcher's log line only.
// A message is never built from a library exception's what().
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
          extra_(std::move(extra)) {
        if (auto it = extra_.find("retry_after"); it != extra_.end() && it->is_number_integer()) {
            retry_after_ = it->get<int64_t>();
        }
    }

    // 429: too many requests. The dispatcher sends `Retry-After: <retry_after_seconds>` with it
    // (and the envelope carries "retry_after"), so a limit can never answer without one.
    static ApiError too_many(std::string code, std::string message, int64_t retry_after_seconds,
                             std::string field = {}) {
        return ApiError(429, std::move(code), std::move(message), std::move(field),
                        {{"retry_after", retry_after_seconds < 1 ? 1 : retry_after_seconds}});
    }

    // A broken input rule, answered 400 (or `status`) with the rule's own code and message.
    static ApiError from(const Problem& p, int status = 400) {
        return ApiError(status, p.code, p.message, p.field);
    }

    // Detail for the server log only (never in the envelope).
    ApiError&& with_log_detail(std::string detail) && {
        log_detail_ = std::move(detail);
        return std::move(*this);
    }
    const std::string& log_detail() const { return log_detail_; }

    int status() const { return status_; }
    const std::string& code() const { return code_; }
    const std::string& message() const { return message_; }
    const std::string& field() const { return field_; }
    const nlohmann::json& extra() const { return extra_; }
    // Seconds for Retry-After: the one given (too_many, or extra "retry_after"); a 429 built
    // without one still gets 60, a calendar minute, the shortest window of any limit here.
    int64_t retry_after() const {
        if (retry_after_ > 0) return retry_after_;
        return status_ == 429 ? 60 : 0;
    }

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
    std::string log_detail_;
    int64_t retry_after_ = 0;
};

}  // namespace gh
