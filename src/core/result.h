// A value or a Problem: how core code reports a rule a piece of input broke. The HTTP layer turns
// a Problem into the error envelope {"error":{"code","message","field"}}; nothing else is needed.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace gh {

// code: stable, dotted, English (e.g. "id_number.checksum"); message: Chinese, for people;
// field: the input field it concerns (may be empty).
struct Problem {
    std::string code;
    std::string message;
    std::string field;
};

template <class T>
class Result {
public:
    Result(T value) : v_(std::move(value)) {}            // NOLINT(google-explicit-constructor)
    Result(Problem problem) : v_(std::move(problem)) {}  // NOLINT(google-explicit-constructor)

    bool ok() const { return std::holds_alternative<T>(v_); }
    explicit operator bool() const { return ok(); }
    const T& value() const& { return std::get<T>(v_); }
    T& value() & { return std::get<T>(v_); }
    T&& value() && { return std::get<T>(std::move(v_)); }
    const Problem& problem() const { return std::get<Problem>(v_); }
    const T* operator->() const { return &std::get<T>(v_); }
    const T& operator*() const { return std::get<T>(v_); }

private:
    std::variant<T, Problem> v_;
};

}  // namespace gh
