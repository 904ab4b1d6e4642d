// Values bound to and read from SQL, the same for both backends.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace gh::db {

struct Blob {
    std::string bytes;  // raw bytes; std::string keeps it movable and cheap to compare
    bool operator==(const Blob&) const = default;
};

using Value = std::variant<std::nullptr_t, int64_t, double, std::string, Blob>;
using Params = std::vector<Value>;

inline Value null() { return nullptr; }
template <class T>
Value opt(const std::optional<T>& v) {
    if (!v) return nullptr;
    return Value(*v);
}

class ResultSet;

// One row of a ResultSet; typed access by index or column name. Reading NULL as a non-optional
// type, or a text column as an integer that does not parse, throws std::logic_error: that is a
// bug in the query, not bad input.
class Row {
public:
    Row(const ResultSet* rs, size_t index) : rs_(rs), index_(index) {}
    // A row taken from a temporary ResultSet keeps the set alive.
    Row(std::shared_ptr<const ResultSet> owner, size_t index)
        : rs_(owner.get()), index_(index), owner_(std::move(owner)) {}
    bool is_null(size_t col) const;
    bool is_null(std::string_view col) const;
    template <class T>
    T get(size_t col) const;
    template <class T>
    T get(std::string_view col) const;
    template <class T>
    std::optional<T> get_opt(size_t col) const {
        if (is_null(col)) return std::nullopt;
        return get<T>(col);
    }
    template <class T>
    std::optional<T> get_opt(std::string_view col) const {
        if (is_null(col)) return std::nullopt;
        return get<T>(col);
    }

private:
    const Value& at(size_t col) const;
    size_t col_index(std::string_view name) const;
    const ResultSet* rs_;
    size_t index_;
    std::shared_ptr<const ResultSet> owner_;
};

// Specialisations live in value.cpp; these are the types a column can be read as.
template <>
int64_t Row::get<int64_t>(size_t) const;
template <>
int Row::get<int>(size_t) const;
template <>
bool Row::get<bool>(size_t) const;
template <>
double Row::get<double>(size_t) const;
template <>
std::string Row::get<std::string>(size_t) const;
template <>
Blob Row::get<Blob>(size_t) const;

class ResultSet {
public:
    ResultSet() = default;
    ResultSet(std::vector<std::string> columns, std::vector<std::vector<Value>> rows)
        : columns_(std::move(columns)), rows_(std::move(rows)) {}

    size_t size() const { return rows_.size(); }
    bool empty() const { return rows_.empty(); }
    Row operator[](size_t i) const& { return Row(this, i); }
    Row front() const& { return Row(this, 0); }
    // `auto row = c.query(...).front();` must not dangle: the row takes the set with it.
    Row operator[](size_t i) && {
        return Row(std::make_shared<const ResultSet>(std::move(*this)), i);
    }
    Row front() && { return Row(std::make_shared<const ResultSet>(std::move(*this)), 0); }
    const std::vector<std::string>& columns() const { return columns_; }
    const std::vector<std::vector<Value>>& raw() const { return rows_; }

    struct Iterator {
        const ResultSet* rs;
        size_t i;
        Row operator*() const { return Row(rs, i); }
        Iterator& operator++() {
            ++i;
            return *this;
        }
        bool operator!=(const Iterator& o) const { return i != o.i; }
    };
    Iterator begin() const { return {this, 0}; }
    Iterator end() const { return {this, rows_.size()}; }

private:
    friend class Row;
    std::vector<std::string> columns_;
    std::vector<std::vector<Value>> rows_;
};

}  // namespace gh::db
