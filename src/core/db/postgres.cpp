// PostgreSQL backend over libpq: text protocol for values, binary for bytea parameters,
// statements prepared once per connection, SQLSTATE mapped onto DbError kinds.
#include <libpq-fe.h>

#include <cstdio>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/db/backends.h"

namespace gh::db {

std::string number_placeholders(std::string_view sql) {
    std::string out;
    out.reserve(sql.size() + 16);
    int n = 0;
    for (size_t i = 0; i < sql.size(); ++i) {
        char c = sql[i];
        if (c == '\'' || c == '"') {  // copy a quoted run verbatim ('' and "" escape themselves)
            size_t j = sql.find(c, i + 1);
            if (j == std::string_view::npos) j = sql.size() - 1;
            out.append(sql.substr(i, j - i + 1));
            i = j;
        } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
            size_t j = sql.find('\n', i);
            if (j == std::string_view::npos) j = sql.size() - 1;
            out.append(sql.substr(i, j - i + 1));
            i = j;
        } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
            size_t j = sql.find("*/", i + 2);
            j = (j == std::string_view::npos) ? sql.size() - 1 : j + 1;
            out.append(sql.substr(i, j - i + 1));
            i = j;
        } else if (c == '?') {
            out += '$';
            out += std::to_string(++n);
        } else {
            out += c;
        }
    }
    return out;
}

namespace {

constexpr Oid kBool = 16, kBytea = 17, kInt8 = 20, kInt2 = 21, kInt4 = 23, kFloat4 = 700,
              kFloat8 = 701;

DbError::Kind classify(const char* sqlstate) {
    std::string s = sqlstate ? sqlstate : "";
    if (s == "23505") return DbError::Kind::unique;
    if (s == "23503") return DbError::Kind::foreign_key;
    if (s == "23502") return DbError::Kind::not_null;
    if (s == "23514") return DbError::Kind::check;
    if (s == "40001" || s == "40P01" || s == "55P03") return DbError::Kind::busy;
    if (s.rfind("08", 0) == 0 || s == "57P01") return DbError::Kind::connection;
    if (s.rfind("42", 0) == 0) return DbError::Kind::schema;
    return DbError::Kind::other;
}

std::string unhex_bytea(const char* p, int len) {
    // Text-format bytea is "\x" followed by hex digits.
    std::string out;
    if (len < 2 || p[0] != '\\' || p[1] != 'x') return std::string(p, len);
    auto nib = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        return c - 'A' + 10;
    };
    out.reserve((len - 2) / 2);
    for (int i = 2; i + 1 < len; i += 2) out += static_cast<char>(nib(p[i]) << 4 | nib(p[i + 1]));
    return out;
}

// One value in COPY's text format: \N for NULL; backslash, tab, newline and carriage return
// escaped in text; a blob as bytea's hex form, whose leading backslash COPY needs doubled.
void append_copy_value(std::string& out, const Value& v) {
    static constexpr char kHex[] = "0123456789abcdef";
    if (std::holds_alternative<std::nullptr_t>(v)) {
        out += "\\N";
    } else if (auto p = std::get_if<int64_t>(&v)) {
        char buf[24];
        const int n = std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(*p));
        out.append(buf, static_cast<size_t>(n));
    } else if (auto p = std::get_if<double>(&v)) {
        char buf[64];
        const int n = std::snprintf(buf, sizeof buf, "%.17g", *p);
        out.append(buf, static_cast<size_t>(n));
    } else if (auto p = std::get_if<std::string>(&v)) {
        for (char ch : *p) {
            switch (ch) {
                case '\\':
                    out += "\\\\";
                    break;
                case '\t':
                    out += "\\t";
                    break;
                case '\n':
                    out += "\\n";
                    break;
                case '\r':
                    out += "\\r";
                    break;
                default:
                    out += ch;
            }
        }
    } else if (auto p = std::get_if<Blob>(&v)) {
        out += "\\\\x";
        for (unsigned char ch : p->bytes) {
            out += kHex[ch >> 4];
            out += kHex[ch & 15];
        }
    }
}

class PgConnection final : public Connection, public BulkLoader {
public:
    explicit PgConnection(const Url& url) : url_(url) {
        const char* keys[] = {"dbname", "connect_timeout", "application_name", nullptr};
        const char* vals[] = {url.target.c_str(), "5", "gonghui", nullptr};
        conn_ = PQconnectdbParams(keys, vals, 1);
        if (PQstatus(conn_) != CONNECTION_OK) {
            std::string why = PQerrorMessage(conn_);
            while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
            PQfinish(conn_);
            conn_ = nullptr;
            throw DbError(DbError::Kind::connection,
                          "无法连接数据库 / cannot connect to " + url.display + ": " + why);
        }
        PQsetNoticeProcessor(
            conn_, [](void*, const char*) {}, nullptr);
        exec_script("SET client_min_messages = warning; SET TIME ZONE 'UTC'");
    }

    ~PgConnection() override {
        if (conn_) PQfinish(conn_);
    }

    Backend backend() const override { return Backend::postgresql; }

    ResultSet query(std::string_view sql, const Params& params) override {
        PGresult* res = run(sql, params);
        ResultSet rs = convert(res);
        PQclear(res);
        return rs;
    }

    int64_t execute(std::string_view sql, const Params& params) override {
        PGresult* res = run(sql, params);
        const char* n = PQcmdTuples(res);
        int64_t changed = (n && *n) ? std::stoll(n) : 0;
        PQclear(res);
        return changed;
    }

    void exec_script(std::string_view sql) override {
        std::string s(sql);
        PGresult* res = PQexec(conn_, s.c_str());
        check(res);
        PQclear(res);
    }

    int64_t copy_in(std::string_view table, const std::vector<std::string>& columns,
                    const std::vector<Params>& rows) override {
        ensure_connected();
        std::string sql = "COPY " + std::string(table) + " (";
        for (size_t i = 0; i < columns.size(); ++i) sql += (i ? ", " : "") + columns[i];
        sql += ") FROM STDIN";
        PGresult* start = PQexec(conn_, sql.c_str());
        if (!start || PQresultStatus(start) != PGRES_COPY_IN) {
            check(start);  // an error: throws
            PQclear(start);
            throw DbError(DbError::Kind::other, "postgresql: COPY did not start");
        }
        PQclear(start);
        // Rows go out in pieces of about 1 MiB; the server reports any bad row at the end.
        constexpr size_t kChunk = 1 << 20;
        std::string buf;
        buf.reserve(kChunk + 4096);
        bool sent = true;
        for (const auto& row : rows) {
            for (size_t i = 0; i < row.size(); ++i) {
                if (i) buf += '\t';
                append_copy_value(buf, row[i]);
            }
            buf += '\n';
            if (buf.size() >= kChunk) {
                sent = PQputCopyData(conn_, buf.data(), static_cast<int>(buf.size())) == 1;
                buf.clear();
                if (!sent) break;
            }
        }
        if (sent && !buf.empty()) {
            sent = PQputCopyData(conn_, buf.data(), static_cast<int>(buf.size())) == 1;
        }
        PQputCopyEnd(conn_, sent ? nullptr : "gonghui: sending the rows failed");
        PGresult* res = PQgetResult(conn_);
        while (PGresult* more = PQgetResult(conn_)) PQclear(more);
        check(res);  // throws on a failed COPY (constraint, type, connection)
        const char* n = PQcmdTuples(res);
        const int64_t written = (n && *n) ? std::stoll(n) : 0;
        PQclear(res);
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
    void raw_begin() override { exec_script("BEGIN"); }
    void raw_commit() override { exec_script("COMMIT"); }
    void raw_rollback() noexcept override {
        PGresult* r = PQexec(conn_, "ROLLBACK");
        PQclear(r);
    }

private:
    PGresult* run(std::string_view sql, const Params& params) {
        ensure_connected();
        std::string key(sql);
        auto it = cache_.find(key);
        if (it == cache_.end()) {
            std::string name = "s" + std::to_string(cache_.size() + 1);
            std::string text = number_placeholders(sql);
            PGresult* r = PQprepare(conn_, name.c_str(), text.c_str(), 0, nullptr);
            check(r);
            PQclear(r);
            PGresult* d = PQdescribePrepared(conn_, name.c_str());
            check(d);
            int nparams = PQnparams(d);
            PQclear(d);
            it = cache_.emplace(std::move(key), Prepared{std::move(name), nparams}).first;
        }
        if (static_cast<int>(params.size()) != it->second.nparams) {
            throw std::logic_error("db: wrong number of parameters for: " + std::string(sql));
        }
        std::vector<std::string> text(params.size());
        std::vector<const char*> values(params.size());
        std::vector<int> lengths(params.size()), formats(params.size());
        for (size_t i = 0; i < params.size(); ++i) {
            const Value& v = params[i];
            if (std::holds_alternative<std::nullptr_t>(v)) {
                values[i] = nullptr;
                continue;
            }
            if (auto p = std::get_if<int64_t>(&v)) {
                text[i] = std::to_string(*p);
            } else if (auto p = std::get_if<double>(&v)) {
                char buf[64];
                snprintf(buf, sizeof buf, "%.17g", *p);
                text[i] = buf;
            } else if (auto p = std::get_if<std::string>(&v)) {
                text[i] = *p;
            } else if (auto p = std::get_if<Blob>(&v)) {
                text[i] = p->bytes;
                formats[i] = 1;
            }
            values[i] = text[i].data();
            lengths[i] = static_cast<int>(text[i].size());
        }
        PGresult* res =
            PQexecPrepared(conn_, it->second.name.c_str(), static_cast<int>(params.size()),
                           values.data(), lengths.data(), formats.data(), 0);
        check(res);
        return res;
    }

    void check(PGresult* res) {
        auto st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
        if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) return;
        std::string msg = res ? PQresultErrorMessage(res) : PQerrorMessage(conn_);
        while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
        const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
        const char* cons = res ? PQresultErrorField(res, PG_DIAG_CONSTRAINT_NAME) : nullptr;
        DbError::Kind kind = classify(state);
        std::string constraint = cons ? cons : "";
        if (res) PQclear(res);
        if (PQstatus(conn_) != CONNECTION_OK) kind = DbError::Kind::connection;
        throw DbError(kind, "postgresql: " + msg, constraint);
    }

    // A server restart drops the session and its prepared statements: reconnect once, lazily.
    void ensure_connected() {
        if (PQstatus(conn_) == CONNECTION_OK) return;
        if (in_transaction()) {
            throw DbError(DbError::Kind::connection, "postgresql: connection lost in transaction");
        }
        PQreset(conn_);
        cache_.clear();
        if (PQstatus(conn_) != CONNECTION_OK) {
            throw DbError(DbError::Kind::connection,
                          "无法连接数据库 / cannot connect to " + url_.display);
        }
    }

    static ResultSet convert(PGresult* res) {
        int nf = PQnfields(res), nt = PQntuples(res);
        std::vector<std::string> cols;
        cols.reserve(nf);
        std::vector<Oid> types(nf);
        for (int f = 0; f < nf; ++f) {
            cols.emplace_back(PQfname(res, f));
            types[f] = PQftype(res, f);
        }
        std::vector<std::vector<Value>> rows;
        rows.reserve(nt);
        for (int t = 0; t < nt; ++t) {
            std::vector<Value> row;
            row.reserve(nf);
            for (int f = 0; f < nf; ++f) {
                if (PQgetisnull(res, t, f)) {
                    row.emplace_back(nullptr);
                    continue;
                }
                const char* v = PQgetvalue(res, t, f);
                int len = PQgetlength(res, t, f);
                switch (types[f]) {
                    case kInt2:
                    case kInt4:
                    case kInt8:
                        row.emplace_back(static_cast<int64_t>(std::stoll(v)));
                        break;
                    case kBool:
                        row.emplace_back(static_cast<int64_t>(v[0] == 't'));
                        break;
                    case kFloat4:
                    case kFloat8:
                        row.emplace_back(std::stod(v));
                        break;
                    case kBytea:
                        row.emplace_back(Blob{unhex_bytea(v, len)});
                        break;
                    default:
                        row.emplace_back(std::string(v, len));
                }
            }
            rows.push_back(std::move(row));
        }
        return ResultSet(std::move(cols), std::move(rows));
    }

    struct Prepared {
        std::string name;
        int nparams;
    };
    Url url_;
    PGconn* conn_ = nullptr;
    std::unordered_map<std::string, Prepared> cache_;
};

}  // namespace

std::unique_ptr<Connection> connect_postgres(const Url& url) {
    return std::make_unique<PgConnection>(url);
}

}  // namespace gh::db
