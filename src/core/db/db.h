// The database interface every domain uses: one API, two backends (SQLite, PostgreSQL).
// SQL is written once with `?` placeholders; the PostgreSQL backend renumbers them ($1, $2 …).
// Statements are prepared once per connection and cached by their text.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include "core/db/value.h"

namespace gh::db {

enum class Backend { sqlite, postgresql };
std::string_view backend_name(Backend b);

// Where a database is: parsed from sqlite:///abs.db, sqlite://rel.db or postgresql://…
struct Url {
    Backend backend;
    std::string target;   // file path for SQLite, the libpq connection URI for PostgreSQL
    std::string display;  // safe to print: any password replaced by ***
};
// Throws std::invalid_argument with a bilingual message when the URL is not understood.
Url parse_url(std::string_view url);

// What went wrong in the database, classified so callers can turn a constraint into a field error.
class DbError : public std::runtime_error {
public:
    enum class Kind { unique, foreign_key, not_null, check, busy, connection, schema, other };
    DbError(Kind kind, std::string message, std::string constraint = {})
        : std::runtime_error(std::move(message)), kind_(kind), constraint_(std::move(constraint)) {}
    Kind kind() const { return kind_; }
    // For constraint errors: the constraint (PostgreSQL) or "table.column" list (SQLite).
    const std::string& constraint() const { return constraint_; }

private:
    Kind kind_;
    std::string constraint_;
};

class Connection {
public:
    virtual ~Connection() = default;
    virtual Backend backend() const = 0;

    // Runs a statement that returns rows.
    virtual ResultSet query(std::string_view sql, const Params& params = {}) = 0;
    // Runs a statement and answers the number of rows it changed.
    virtual int64_t execute(std::string_view sql, const Params& params = {}) = 0;
    // Runs one or more statements without parameters (DDL, migrations); not cached.
    virtual void exec_script(std::string_view sql) = 0;
    // Cheap liveness check; false when the server is gone.
    virtual bool ping() = 0;

    // Transactions: use the Transaction guard, not these.
    void begin();
    void commit();
    void rollback() noexcept;
    bool in_transaction() const { return in_tx_; }

protected:
    virtual void raw_begin() = 0;
    virtual void raw_commit() = 0;
    virtual void raw_rollback() noexcept = 0;

private:
    bool in_tx_ = false;
};

// Opens a connection; throws DbError(connection) naming the URL and the reason.
std::unique_ptr<Connection> connect(const Url& url);

// RAII transaction: rolls back unless commit() was called. Opening one inside another is a bug
// (the inner one would commit nothing), so it throws std::logic_error instead of nesting silently.
class Transaction {
public:
    explicit Transaction(Connection& c) : c_(c) { c_.begin(); }
    ~Transaction() {
        if (!done_) c_.rollback();
    }
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit() {
        c_.commit();
        done_ = true;
    }

private:
    Connection& c_;
    bool done_ = false;
};

// Runs fn(Connection&) in one transaction; commits when it returns, rolls back when it throws.
template <class Fn>
auto in_transaction(Connection& c, Fn&& fn) {
    Transaction tx(c);
    if constexpr (std::is_void_v<decltype(fn(c))>) {
        fn(c);
        tx.commit();
    } else {
        auto r = fn(c);
        tx.commit();
        return r;
    }
}

}  // namespace gh::db
