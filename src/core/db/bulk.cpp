#include "core/db/bulk.h"

#include <algorithm>
#include <stdexcept>

#include "core/db/backends.h"

namespace gh::db {

namespace {

// SQLite's default SQLITE_MAX_VARIABLE_NUMBER is 32766 (since 3.32), PostgreSQL's 65535; stay
// well under both, and keep statements small enough to stay in the statement cache.
constexpr size_t kMaxParams = 4000;
constexpr size_t kMaxRows = 500;

bool plain_identifier(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
    });
}

}  // namespace

int64_t insert_rows(Connection& tx, std::string_view table, const std::vector<std::string>& columns,
                    const std::vector<Params>& rows) {
    if (!plain_identifier(table) || columns.empty()) {
        throw std::invalid_argument("insert_rows: bad table or no columns");
    }
    std::string head = "INSERT INTO " + std::string(table) + " (";
    std::string tuple = "(";
    for (size_t i = 0; i < columns.size(); ++i) {
        if (!plain_identifier(columns[i])) throw std::invalid_argument("insert_rows: bad column");
        head += (i ? ", " : "") + columns[i];
        tuple += i ? ", ?" : "?";
    }
    head += ") VALUES ";
    tuple += ")";
    const size_t per = std::max<size_t>(1, std::min(kMaxRows, kMaxParams / columns.size()));
    int64_t written = 0;
    for (size_t from = 0; from < rows.size(); from += per) {
        const size_t to = std::min(rows.size(), from + per);
        std::string sql = head;
        Params params;
        params.reserve((to - from) * columns.size());
        for (size_t r = from; r < to; ++r) {
            if (rows[r].size() != columns.size()) {
                throw std::invalid_argument("insert_rows: row width differs from the columns");
            }
            if (r > from) sql += ", ";
            sql += tuple;
            params.insert(params.end(), rows[r].begin(), rows[r].end());
        }
        written += tx.execute(sql, params);
    }
    return written;
}

int64_t copy_rows(Connection& tx, std::string_view table, const std::vector<std::string>& columns,
                  const std::vector<Params>& rows) {
    if (!plain_identifier(table) || columns.empty()) {
        throw std::invalid_argument("copy_rows: bad table or no columns");
    }
    for (const auto& c : columns) {
        if (!plain_identifier(c)) throw std::invalid_argument("copy_rows: bad column");
    }
    for (const auto& r : rows) {
        if (r.size() != columns.size()) {
            throw std::invalid_argument("copy_rows: row width differs from the columns");
        }
    }
    if (rows.empty()) return 0;
    if (auto* loader = dynamic_cast<BulkLoader*>(&tx)) return loader->copy_in(table, columns, rows);
    return insert_rows(tx, table, columns, rows);
}

std::vector<int64_t> allocate_ids(Connection& tx, std::string_view table, int64_t n) {
    if (!plain_identifier(table)) throw std::invalid_argument("allocate_ids: bad table");
    std::vector<int64_t> ids;
    if (n <= 0) return ids;
    ids.reserve(static_cast<size_t>(n));
    if (tx.backend() == Backend::postgresql) {
        // The sequence looked up once (OFFSET 0 keeps the subquery from being folded into the
        // outer one, which would look it up again for every id: 3 µs each, 3 s a million rows).
        for (auto r : tx.query("SELECT nextval(q.seq) FROM (SELECT CAST(pg_get_serial_sequence(?, "
                               "'id') AS regclass) AS seq OFFSET 0) AS q CROSS JOIN "
                               "generate_series(1, ?)",
                               {std::string(table), n})) {
            ids.push_back(r.get<int64_t>(0));
        }
        std::sort(ids.begin(), ids.end());
        return ids;
    }
    const int64_t last =
        tx.query("SELECT COALESCE(MAX(id), 0) FROM " + std::string(table)).front().get<int64_t>(0);
    for (int64_t i = 1; i <= n; ++i) ids.push_back(last + i);
    return ids;
}

IndexLookups::IndexLookups(Connection& c) : c_(c) {
    if (c_.backend() == Backend::postgresql) c_.exec_script("SET enable_seqscan = off");
}

IndexLookups::~IndexLookups() {
    if (c_.backend() != Backend::postgresql) return;
    try {
        c_.exec_script("RESET enable_seqscan");
    } catch (const DbError&) {  // a lost connection is reset (and its settings gone) on reuse
    }
}

}  // namespace gh::db
