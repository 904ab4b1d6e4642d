#include "core/db/value.h"

#include <charconv>
#include <stdexcept>
#include <string>

namespace gh::db {

const Value& Row::at(size_t col) const {
    const auto& row = rs_->rows_.at(index_);
    if (col >= row.size()) throw std::logic_error("db: column index out of range");
    return row[col];
}

size_t Row::col_index(std::string_view name) const {
    const auto& cols = rs_->columns_;
    for (size_t i = 0; i < cols.size(); ++i) {
        if (cols[i] == name) return i;
    }
    throw std::logic_error("db: no column named " + std::string(name));
}

bool Row::is_null(size_t col) const { return std::holds_alternative<std::nullptr_t>(at(col)); }
bool Row::is_null(std::string_view col) const { return is_null(col_index(col)); }

namespace {

// PostgreSQL answers in text, SQLite in its storage class: each getter accepts both.
int64_t to_int(const Value& v) {
    if (auto p = std::get_if<int64_t>(&v)) return *p;
    if (auto p = std::get_if<double>(&v)) return static_cast<int64_t>(*p);
    if (auto p = std::get_if<std::string>(&v)) {
        if (*p == "t") return 1;  // PostgreSQL booleans
        if (*p == "f") return 0;
        int64_t out = 0;
        auto [ptr, ec] = std::from_chars(p->data(), p->data() + p->size(), out);
        if (ec == std::errc() && ptr == p->data() + p->size()) return out;
        throw std::logic_error("db: not an integer: " + *p);
    }
    throw std::logic_error("db: value is not an integer");
}

double to_double(const Value& v) {
    if (auto p = std::get_if<double>(&v)) return *p;
    if (auto p = std::get_if<int64_t>(&v)) return static_cast<double>(*p);
    if (auto p = std::get_if<std::string>(&v)) {
        try {
            size_t used = 0;
            double d = std::stod(*p, &used);
            if (used == p->size()) return d;
        } catch (const std::exception&) {
        }
        throw std::logic_error("db: not a number: " + *p);
    }
    throw std::logic_error("db: value is not a number");
}

std::string to_text(const Value& v) {
    if (auto p = std::get_if<std::string>(&v)) return *p;
    if (auto p = std::get_if<int64_t>(&v)) return std::to_string(*p);
    if (auto p = std::get_if<double>(&v)) return std::to_string(*p);
    if (auto p = std::get_if<Blob>(&v)) return p->bytes;
    throw std::logic_error("db: NULL read as text");
}

}  // namespace

template <>
int64_t Row::get<int64_t>(size_t col) const {
    return to_int(at(col));
}
template <>
int Row::get<int>(size_t col) const {
    return static_cast<int>(to_int(at(col)));
}
template <>
bool Row::get<bool>(size_t col) const {
    return to_int(at(col)) != 0;
}
template <>
double Row::get<double>(size_t col) const {
    return to_double(at(col));
}
template <>
std::string Row::get<std::string>(size_t col) const {
    return to_text(at(col));
}
template <>
Blob Row::get<Blob>(size_t col) const {
    const Value& v = at(col);
    if (auto p = std::get_if<Blob>(&v)) return *p;
    if (auto p = std::get_if<std::string>(&v)) return Blob{*p};
    throw std::logic_error("db: value is not a blob");
}

template <class T>
T Row::get(std::string_view col) const {
    return get<T>(col_index(col));
}
template int64_t Row::get<int64_t>(std::string_view) const;
template int Row::get<int>(std::string_view) const;
template bool Row::get<bool>(std::string_view) const;
template double Row::get<double>(std::string_view) const;
template std::string Row::get<std::string>(std::string_view) const;
template Blob Row::get<Blob>(std::string_view) const;

}  // namespace gh::db
