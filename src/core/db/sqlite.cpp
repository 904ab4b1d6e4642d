// SQLite backend: WAL, foreign keys on, busy timeout, synchronous=NORMAL, secure_delete.
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>
#include <unordered_map>

#include "core/db/backends.h"

namespace gh::db {
namespace {

DbError::Kind classify(int extended) {
    switch (extended) {
        case SQLITE_CONSTRAINT_UNIQUE:
        case SQLITE_CONSTRAINT_PRIMARYKEY:
            return DbError::Kind::unique;
        case SQLITE_CONSTRAINT_FOREIGNKEY:
            return DbError::Kind::foreign_key;
        case SQLITE_CONSTRAINT_NOTNULL:
            return DbError::Kind::not_null;
        case SQLITE_CONSTRAINT_CHECK:
            return DbError::Kind::check;
        default:
            break;
    }
    switch (extended & 0xff) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            return DbError::Kind::busy;
        case SQLITE_CANTOPEN:
        case SQLITE_NOTADB:
            return DbError::Kind::connection;
        default:
            return DbError::Kind::other;
    }
}

// "UNIQUE constraint failed: members.id_blind" → "members.id_blind"
std::string constraint_of(const std::string& msg) {
    auto pos = msg.find("failed: ");
    return pos == std::string::npos ? std::string() : msg.substr(pos + 8);
}

class SqliteConnection final : public Connection, public BulkLoader {
public:
    explicit SqliteConnection(const Url& url) {
        const bool is_new = url.target != ":memory:" && ::access(url.target.c_str(), F_OK) != 0;
        int rc = sqlite3_open_v2(url.target.c_str(), &db_,
                                 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                                 nullptr);
        if (rc != SQLITE_OK) {
            std::string why = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
            sqlite3_close(db_);
            db_ = nullptr;
            throw DbError(DbError::Kind::connection,
                          "无法打开数据库 / cannot open database " + url.display + ": " + why);
        }
        // A new database holds password hashes and ciphertexts: owner-only, like the key file.
        // SQLite gives its -wal and -shm files the database file's mode.
        if (is_new) ::chmod(url.target.c_str(), 0600);
        sqlite3_extended_result_codes(db_, 1);
        sqlite3_busy_timeout(db_, 10000);
        exec_script(
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            "PRAGMA secure_delete=ON; PRAGMA temp_store=MEMORY;"
            // 32 MiB of page cache (default 2 MiB): a bulk import into a table with seven
            // indexes otherwise reads pages back from the OS for every row past ~50,000.
            "PRAGMA cache_size=-32768;");
    }

    ~SqliteConnection() override {
        for (auto& [_, st] : cache_) sqlite3_finalize(st);
        sqlite3_close_v2(db_);
    }

    Backend backend() const override { return Backend::sqlite; }

    ResultSet query(std::string_view sql, const Params& params) override {
        sqlite3_stmt* st = prepare(sql, params);
        std::vector<std::string> cols;
        int n = sqlite3_column_count(st);
        cols.reserve(n);
        for (int i = 0; i < n; ++i) cols.emplace_back(sqlite3_column_name(st, i));
        std::vector<std::vector<Value>> rows;
        for (;;) {
            int rc = sqlite3_step(st);
            if (rc == SQLITE_DONE) break;
            if (rc != SQLITE_ROW) fail(st, rc);
            std::vector<Value> row;
            row.reserve(n);
            for (int i = 0; i < n; ++i) row.push_back(column(st, i));
            rows.push_back(std::move(row));
        }
        sqlite3_reset(st);
        return ResultSet(std::move(cols), std::move(rows));
    }

    int64_t execute(std::string_view sql, const Params& params) override {
        sqlite3_stmt* st = prepare(sql, params);
        int rc;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        }
        if (rc != SQLITE_DONE) fail(st, rc);
        sqlite3_reset(st);
        return sqlite3_changes64(db_);
    }

    void exec_script(std::string_view sql) override {
        char* err = nullptr;
        std::string s(sql);
        int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
        if (rc != SQLITE_OK) {
            std::string msg = err ? err : sqlite3_errstr(rc);
            sqlite3_free(err);
            int ext = sqlite3_extended_errcode(db_);
            throw DbError(classify(ext), "sqlite: " + msg, constraint_of(msg));
        }
    }

    // SQLite runs in this process: one prepared single-row INSERT stepped per row is its fastest
    // load (no statement text per chunk to build, hash and parse; values bound without a copy).
    int64_t copy_in(std::string_view table, const std::vector<std::string>& columns,
                    const std::vector<Params>& rows) override {
        std::string sql = "INSERT INTO " + std::string(table) + " (";
        for (size_t i = 0; i < columns.size(); ++i) sql += (i ? ", " : "") + columns[i];
        sql += ") VALUES (";
        for (size_t i = 0; i < columns.size(); ++i) sql += i ? ", ?" : "?";
        sql += ")";
        sqlite3_stmt* st = cached(sql);
        int64_t written = 0;
        for (const auto& row : rows) {
            for (size_t i = 0; i < row.size(); ++i) {
                bind(st, static_cast<int>(i) + 1, row[i], SQLITE_STATIC);
            }
            const int rc = sqlite3_step(st);
            if (rc != SQLITE_DONE) {
                try {
                    fail(st, rc);
                } catch (...) {
                    sqlite3_clear_bindings(st);  // they point into the caller's rows
                    throw;
                }
            }
            sqlite3_reset(st);
            written += sqlite3_changes64(db_);
        }
        sqlite3_clear_bindings(st);
        return written;
    }

    bool ping() override {
        try {
            query("SELECT 1", {});
            return true;
        } catch (const DbError&) {
            return false;
        }
    }

protected:
    // IMMEDIATE takes the write lock up front: two writers never deadlock upgrading a read lock.
    void raw_begin() override { exec_script("BEGIN IMMEDIATE"); }
    void raw_commit() override { exec_script("COMMIT"); }
    void raw_rollback() noexcept override {
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    }

private:
    // The statement for `sql`, prepared once per connection.
    sqlite3_stmt* cached(std::string_view sql) {
        std::string key(sql);
        auto it = cache_.find(key);
        sqlite3_stmt* st = nullptr;
        if (it == cache_.end()) {
            int rc = sqlite3_prepare_v3(db_, key.data(), static_cast<int>(key.size()),
                                        SQLITE_PREPARE_PERSISTENT, &st, nullptr);
            if (rc != SQLITE_OK) {
                throw DbError(DbError::Kind::schema, std::string("sqlite prepare: ") +
                                                         sqlite3_errmsg(db_) + " in: " + key);
            }
            cache_.emplace(std::move(key), st);
        } else {
            st = it->second;
        }
        return st;
    }

    sqlite3_stmt* prepare(std::string_view sql, const Params& params) {
        sqlite3_stmt* st = cached(sql);
        sqlite3_clear_bindings(st);
        if (static_cast<int>(params.size()) != sqlite3_bind_parameter_count(st)) {
            throw std::logic_error("db: wrong number of parameters for: " + std::string(sql));
        }
        for (size_t i = 0; i < params.size(); ++i) bind(st, static_cast<int>(i) + 1, params[i]);
        return st;
    }

    static void bind(sqlite3_stmt* st, int i, const Value& v,
                     sqlite3_destructor_type keep = SQLITE_TRANSIENT) {
        if (std::holds_alternative<std::nullptr_t>(v)) {
            sqlite3_bind_null(st, i);
        } else if (auto p = std::get_if<int64_t>(&v)) {
            sqlite3_bind_int64(st, i, *p);
        } else if (auto p = std::get_if<double>(&v)) {
            sqlite3_bind_double(st, i, *p);
        } else if (auto p = std::get_if<std::string>(&v)) {
            sqlite3_bind_text64(st, i, p->data(), p->size(), keep, SQLITE_UTF8);
        } else if (auto p = std::get_if<Blob>(&v)) {
            sqlite3_bind_blob64(st, i, p->bytes.data(), p->bytes.size(), keep);
        }
    }

    static Value column(sqlite3_stmt* st, int i) {
        switch (sqlite3_column_type(st, i)) {
            case SQLITE_INTEGER:
                return static_cast<int64_t>(sqlite3_column_int64(st, i));
            case SQLITE_FLOAT:
                return sqlite3_column_double(st, i);
            case SQLITE_TEXT: {
                auto p = reinterpret_cast<const char*>(sqlite3_column_text(st, i));
                return std::string(p, sqlite3_column_bytes(st, i));
            }
            case SQLITE_BLOB: {
                auto p = static_cast<const char*>(sqlite3_column_blob(st, i));
                return Blob{std::string(p ? p : "", sqlite3_column_bytes(st, i))};
            }
            default:
                return nullptr;
        }
    }

    [[noreturn]] void fail(sqlite3_stmt* st, int rc) {
        std::string msg = sqlite3_errmsg(db_);
        int ext = sqlite3_extended_errcode(db_);
        (void)rc;
        sqlite3_reset(st);
        throw DbError(classify(ext), "sqlite: " + msg, constraint_of(msg));
    }

    sqlite3* db_ = nullptr;
    std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

}  // namespace

std::unique_ptr<Connection> connect_sqlite(const Url& url) {
    return std::make_unique<SqliteConnection>(url);
}

}  // namespace gh::db
