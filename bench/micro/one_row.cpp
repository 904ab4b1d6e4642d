// The one-row-insert limit the check-in figures are compared with: a visit-sized row inserted in
// its own transaction (BEGIN, INSERT, COMMIT), one after another on one connection, through
// gh::db, on SQLite (WAL, synchronous=NORMAL) or PostgreSQL — what a check-in would cost if every
// one were its own transaction. Group commit (stations/checkin.cpp) is measured against it.
//
//   bench_one_row sqlite:///tmp/b.db [ROWS]
//   bench_one_row postgresql://postgres@127.0.0.1:5432/bench [ROWS]
#include <fmt/format.h>

#include <chrono>
#include <string>

#include "core/db/db.h"
#include "core/db/migrate.h"

int main(int argc, char** argv) {
    if (argc < 2) {
        fmt::print(stderr, "usage: bench_one_row DB_URL [ROWS]\n");
        return 2;
    }
    const int rows = argc > 2 ? std::stoi(argv[2]) : 5000;
    auto c = gh::db::connect(gh::db::parse_url(argv[1]));
    c->exec_script("DROP TABLE IF EXISTS bench_one_row");
    c->exec_script(gh::db::apply_dialect(
        "CREATE TABLE bench_one_row (id {{id}}, station_id BIGINT NOT NULL, visitor TEXT NOT NULL, "
        "method TEXT NOT NULL, visited_at TEXT NOT NULL, day TEXT NOT NULL, hour INTEGER NOT NULL)",
        c->backend()));
    const auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < rows; ++i) {
        gh::db::in_transaction(*c, [&](gh::db::Connection& tx) {
            tx.execute(
                "INSERT INTO bench_one_row (station_id, visitor, method, visited_at, day, "
                "hour) VALUES (?, ?, 'door', '2026-12-04T04:00:00.000Z', '2026-12-04', 12)",
                {int64_t{1 + i % 9}, "m" + std::to_string(i)});
        });
    }
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    fmt::print("{}: {} one-row transactions in {:.2f} s = {:.0f} rows/s\n",
               gh::db::backend_name(c->backend()), rows, s, rows / s);
    c->exec_script("DROP TABLE bench_one_row");
    return 0;
}
