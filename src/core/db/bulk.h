// Writing many rows at once, for bulk paths (imports, ceremonies): multi-row INSERT statements
// and ids allocated ahead, the same on both backends. One statement per chunk of rows instead of
// one per row is what makes a PostgreSQL import a few round trips per thousand rows.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/db/db.h"

namespace gh::db {

// INSERT INTO table (columns…) VALUES (…), (…) … for every row, in chunks that keep each
// statement under both backends' parameter limits. Every row must have columns.size() values.
// In the caller's transaction. Answers the number of rows written.
int64_t insert_rows(Connection& tx, std::string_view table, const std::vector<std::string>& columns,
                    const std::vector<Params>& rows);

// The fastest way each backend loads rows into `table`: COPY … FROM STDIN (text format, one
// stream for all the rows) on PostgreSQL, one prepared single-row INSERT stepped per row on
// SQLite (in-process: no statement text to build and parse per chunk). The same checks and
// result as insert_rows: every row columns.size() values (checked before anything
// is sent), plain identifiers only, in the caller's transaction (a rollback discards the rows),
// answers the number of rows written. Values are typed as for a statement's parameters: NULL,
// integers, doubles, text (any bytes but NUL) and blobs (bytea).
int64_t copy_rows(Connection& tx, std::string_view table, const std::vector<std::string>& columns,
                  const std::vector<Params>& rows);

// Reserves n ids of `table`'s {{id}} column, ascending, for rows the caller then inserts with
// explicit ids in the SAME transaction (so a row's id is known before its insert, e.g. for a
// number derived from it). PostgreSQL draws them from the identity sequence; SQLite, whose
// writers are serialised by the transaction, counts on from the largest id. Requires an open
// transaction on SQLite.
std::vector<int64_t> allocate_ids(Connection& tx, std::string_view table, int64_t n);

// While it lives, statements on `c` read tables through their indexes wherever one serves
// (PostgreSQL: enable_seqscan = off for the session; nothing on SQLite, which has no table
// statistics to be misled by). For bulk loads into a table that grows from empty under them: the
// import asks "who of these 500 people is already a member" against the unique index, and
// PostgreSQL, pricing 500 index probes as disk reads, chose to scan the whole table instead from
// a cached plan made while it was empty, and also fresh at 100,000 rows without statistics
// (200 ms a statement at 300,000 rows; 94 s for an import that takes 10 s). Restores the
// setting when it ends; a scan remains possible where no index serves.
class IndexLookups {
public:
    explicit IndexLookups(Connection& c);
    ~IndexLookups();
    IndexLookups(const IndexLookups&) = delete;
    IndexLookups& operator=(const IndexLookups&) = delete;

private:
    Connection& c_;
};

}  // namespace gh::db
