// The physical limits later import figures are compared with: how fast can this machine put
// member-sized rows into SQLite (one prepared INSERT in one transaction) and PostgreSQL (COPY),
// with nothing of Gonghui in the way; and the same rows through gh::db, to show its overhead.
//
//   bench_db_raw sqlite:///tmp/b.db [ROWS]
//   bench_db_raw postgresql://postgres@127.0.0.1:5432/bench [ROWS]
#include <fmt/format.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "core/db/db.h"
#include "core/db/migrate.h"

namespace {

using Clock = std::chrono::steady_clock;

// A row shaped like a member: name, 32-byte ciphertext-sized id, 32-byte blind index, card
// number, org id, join date.
struct RowGen {
    std::string name(int i) const { return fmt::format("职工{:07d}", i); }
    std::string id_blob(int i) const { return fmt::format("{:032d}", i); }
    std::string card(int i) const { return fmt::format("GH{:016d}", i); }
    int64_t org(int i) const { return 1 + i % 273; }
    std::string date(int i) const {
        return fmt::format("2024-{:02d}-{:02d}", 1 + i % 12, 1 + i % 28);
    }
};

constexpr const char* kCreate =
    "CREATE TABLE bench_members (id {{id}}, name TEXT NOT NULL, id_enc {{blob}} NOT NULL,"
    " id_blind {{blob}} NOT NULL UNIQUE, card_no TEXT NOT NULL UNIQUE, org_id BIGINT NOT NULL,"
    " joined_on TEXT NOT NULL)";

double rate(int rows, Clock::duration d) { return rows / std::chrono::duration<double>(d).count(); }

void report(const char* what, int rows, Clock::duration d) {
    fmt::print("{:<44} {:>10} rows  {:>8.2f} s  {:>12.0f} rows/s\n", what, rows,
               std::chrono::duration<double>(d).count(), rate(rows, d));
}

void sqlite_raw(const std::string& path, int rows) {
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", nullptr, nullptr,
                 nullptr);
    sqlite3_exec(db, gh::db::apply_dialect(kCreate, gh::db::Backend::sqlite).c_str(), nullptr,
                 nullptr, nullptr);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db,
                       "INSERT INTO bench_members (name, id_enc, id_blind, card_no, org_id, "
                       "joined_on) VALUES (?,?,?,?,?,?)",
                       -1, &st, nullptr);
    RowGen g;
    auto t0 = Clock::now();
    sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
    for (int i = 0; i < rows; ++i) {
        auto n = g.name(i), b = g.id_blob(i), c = g.card(i), d = g.date(i);
        sqlite3_bind_text(st, 1, n.data(), n.size(), SQLITE_TRANSIENT);
        sqlite3_bind_blob(st, 2, b.data(), b.size(), SQLITE_TRANSIENT);
        sqlite3_bind_blob(st, 3, b.data(), b.size(), SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 4, c.data(), c.size(), SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 5, g.org(i));
        sqlite3_bind_text(st, 6, d.data(), d.size(), SQLITE_TRANSIENT);
        sqlite3_step(st);
        sqlite3_reset(st);
    }
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    report("SQLite raw prepared INSERT, one transaction", rows, Clock::now() - t0);
    sqlite3_finalize(st);
    sqlite3_exec(db, "DROP TABLE bench_members", nullptr, nullptr, nullptr);
    sqlite3_close(db);
}

void pg_copy(const std::string& url, int rows) {
    PGconn* c = PQconnectdb(url.c_str());
    if (PQstatus(c) != CONNECTION_OK) {
        fmt::print(stderr, "cannot connect: {}\n", PQerrorMessage(c));
        std::exit(1);
    }
    PQclear(PQexec(c, gh::db::apply_dialect(kCreate, gh::db::Backend::postgresql).c_str()));
    RowGen g;
    auto t0 = Clock::now();
    PQclear(PQexec(c,
                   "COPY bench_members (name, id_enc, id_blind, card_no, org_id, joined_on) "
                   "FROM STDIN"));
    std::string buf;
    for (int i = 0; i < rows; ++i) {
        // bytea in COPY text format: \\x + hex
        std::string hex;
        for (unsigned char ch : g.id_blob(i)) hex += fmt::format("{:02x}", ch);
        buf += fmt::format("{}\t\\\\x{}\t\\\\x{}\t{}\t{}\t{}\n", g.name(i), hex, hex, g.card(i),
                           g.org(i), g.date(i));
        if (buf.size() > (1 << 20)) {
            PQputCopyData(c, buf.data(), static_cast<int>(buf.size()));
            buf.clear();
        }
    }
    PQputCopyData(c, buf.data(), static_cast<int>(buf.size()));
    PQputCopyEnd(c, nullptr);
    PGresult* r = PQgetResult(c);
    if (PQresultStatus(r) != PGRES_COMMAND_OK)
        fmt::print(stderr, "COPY: {}\n", PQresultErrorMessage(r));
    PQclear(r);
    report("PostgreSQL COPY", rows, Clock::now() - t0);
    PQclear(PQexec(c, "DROP TABLE bench_members"));
    PQfinish(c);
}

void through_gh_db(const std::string& url, int rows) {
    auto conn = gh::db::connect(gh::db::parse_url(url));
    conn->exec_script(gh::db::apply_dialect(kCreate, conn->backend()));
    RowGen g;
    auto t0 = Clock::now();
    gh::db::in_transaction(*conn, [&](gh::db::Connection& c) {
        for (int i = 0; i < rows; ++i) {
            c.execute(
                "INSERT INTO bench_members (name, id_enc, id_blind, card_no, org_id, joined_on) "
                "VALUES (?,?,?,?,?,?)",
                {g.name(i), gh::db::Blob{g.id_blob(i)}, gh::db::Blob{g.id_blob(i)}, g.card(i),
                 g.org(i), g.date(i)});
        }
    });
    report(conn->backend() == gh::db::Backend::sqlite
               ? "SQLite via gh::db INSERT, one transaction"
               : "PostgreSQL via gh::db INSERT, one transaction",
           rows, Clock::now() - t0);
    conn->exec_script("DROP TABLE bench_members");
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        fmt::print(stderr, "usage: {} DB_URL [ROWS]\n", argv[0]);
        return 2;
    }
    std::string url = argv[1];
    int rows = argc > 2 ? std::stoi(argv[2]) : 1000000;
    auto u = gh::db::parse_url(url);
    if (u.backend == gh::db::Backend::sqlite) {
        sqlite_raw(u.target, rows);
    } else {
        pg_copy(u.target, rows);
    }
    through_gh_db(url, rows);
    return 0;
}
