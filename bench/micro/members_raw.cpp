// The physical limit for the member import: the same number of member rows written straight into
// Gonghui's own `members` table (all its indexes: org path, blind indexes, the UNIQUE active
// blind index and card number, pinyin), with nothing of Gonghui in the way — one prepared INSERT
// in one transaction on SQLite, COPY on PostgreSQL. Rows carry ciphertext- and blind-index-sized
// byte strings, not real encryption.
//
//   bench_members_raw sqlite:///tmp/raw.db ROWS
//   bench_members_raw postgresql://postgres@127.0.0.1:5432/raw ROWS
//
// With --same-rows SRC_URL instead of ROWS: the very rows an import wrote into SRC's `members`
// (every column the import writes, its ciphertexts, blind indexes, names and pinyin, in id order),
// read first and not timed, then written into the fresh database at DEST the same way. That is
// "the raw insert rate of the same rows" the import is measured against.
//   bench_members_raw postgresql://…/raw --same-rows postgresql://…/m_csv
#include <fmt/format.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "core/db/db.h"
#include "core/db/migrate.h"

namespace {

using Clock = std::chrono::steady_clock;

// Row i's values, in kColumns order; blobs are distinct per row where the schema is UNIQUE.
struct Row {
    std::vector<std::string> text;  // for COPY / binding
};

constexpr const char* kColumns =
    "org_id, org_path, name, id_enc, id_blind, phone_enc, phone_blind, birth_date, gender, "
    "occupation, new_form, card_no, joined_on, status, active_blind, created_at, updated_at, "
    "occupation_category, employer_name, name_initials, name_pinyin";
constexpr int kBlobColumns[] = {3, 4, 5, 6, 14};

// RAW_KEYS=random: blind indexes, names and pinyin scattered like real ones (HMAC outputs and
// people's names land anywhere in their indexes) instead of the default, where consecutive rows
// fall on a few hundred insertion points of each index and stay in cache.
const bool kRandomKeys = [] {
    const char* k = std::getenv("RAW_KEYS");
    return k && std::string(k) == "random";
}();

uint64_t mix(uint64_t x) {  // splitmix64
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

std::string blob(int i, int size, char salt) {
    std::string b(static_cast<size_t>(size), salt);
    if (kRandomKeys) {
        for (size_t k = 0; k < b.size(); ++k) {
            b[k] = static_cast<char>(mix(static_cast<uint64_t>(i) * 131 + salt * 7919ULL + k));
        }
        return b;
    }
    for (int k = 0; k < 8; ++k)
        b[static_cast<size_t>(k)] = static_cast<char>((i >> (8 * (k % 4))) + k);
    auto digits = fmt::format("{:010d}", i);
    b.replace(8, digits.size(), digits);
    return b;
}

std::vector<std::string> values(int i, int64_t org, const std::string& path) {
    return {std::to_string(org),
            path,
            fmt::format("职工{:07d}", kRandomKeys ? mix(static_cast<uint64_t>(i)) % 10000000 : i),
            blob(i, 58, 'e'),
            blob(i, 32, 'b'),
            blob(i, 51, 'p'),
            blob(i, 32, 'q'),
            fmt::format("19{:02d}-{:02d}-{:02d}", 60 + i % 40, 1 + i % 12, 1 + i % 28),
            i % 2 ? "M" : "F",
            "快递员",
            "1",
            fmt::format("GH{:06d}{:08d}", org, i),
            fmt::format("2024-{:02d}-{:02d}", 1 + i % 12, 1 + i % 28),
            "active",
            blob(i, 32, 'b'),
            "2026-11-23T00:00:00.000Z",
            "2026-11-23T00:00:00.000Z",
            "courier",
            "某物流公司",
            fmt::format("zg{}", kRandomKeys ? mix(static_cast<uint64_t>(i) + 1) % 100000 : i % 100),
            fmt::format("zhigong{}",
                        kRandomKeys ? mix(static_cast<uint64_t>(i) + 2) % 100000 : i % 100)};
}

double report(const char* what, int rows, Clock::duration d) {
    const double s = std::chrono::duration<double>(d).count();
    fmt::print("{:<50} {:>9} rows  {:>7.2f} s  {:>10.0f} rows/s\n", what, rows, s, rows / s);
    return rows / s;
}

// The org every row belongs to, made through plain SQL after the migrations.
std::pair<int64_t, std::string> make_org(gh::db::Connection& c) {
    c.execute(
        "INSERT INTO orgs (parent_id, path, name, type, created_at) VALUES (NULL, '/pending/', "
        "'基准工会', 'grassroots_union', '2026-11-23T00:00:00.000Z')");
    const int64_t id =
        c.query("SELECT id FROM orgs WHERE path = '/pending/'").front().get<int64_t>(0);
    const std::string path = "/" + std::to_string(id) + "/";
    c.execute("UPDATE orgs SET path = ? WHERE id = ?", {path, id});
    return {id, path};
}

// Opens `file` with the same settings as gh::db's SQLite connections (core/db/sqlite.cpp) and
// prepares an INSERT of `columns` (`n` of them) into members.
std::pair<sqlite3*, sqlite3_stmt*> sqlite_insert(const std::string& file, const char* columns,
                                                 int n) {
    sqlite3* db = nullptr;
    sqlite3_open(file.c_str(), &db);
    sqlite3_exec(db,
                 "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
                 "PRAGMA secure_delete=ON; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-32768;",
                 nullptr, nullptr, nullptr);
    std::string marks;
    for (int k = 0; k < n; ++k) marks += k ? ",?" : "?";
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db,
                       fmt::format("INSERT INTO members ({}) VALUES ({})", columns, marks).c_str(),
                       -1, &st, nullptr);
    return {db, st};
}

void sqlite_raw(const std::string& file, int rows, int64_t org, const std::string& path) {
    auto [db, st] = sqlite_insert(file, kColumns, 21);
    auto t0 = Clock::now();
    sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
    for (int i = 0; i < rows; ++i) {
        auto v = values(i, org, path);
        for (int k = 0; k < static_cast<int>(v.size()); ++k) {
            bool is_blob = false;
            for (int b : kBlobColumns) is_blob |= b == k;
            if (is_blob) {
                sqlite3_bind_blob(st, k + 1, v[k].data(), static_cast<int>(v[k].size()),
                                  SQLITE_TRANSIENT);
            } else {
                sqlite3_bind_text(st, k + 1, v[k].data(), static_cast<int>(v[k].size()),
                                  SQLITE_TRANSIENT);
            }
        }
        if (sqlite3_step(st) != SQLITE_DONE) {
            fmt::print(stderr, "insert: {}\n", sqlite3_errmsg(db));
            std::exit(1);
        }
        sqlite3_reset(st);
    }
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    report("SQLite raw INSERT into members, one transaction", rows, Clock::now() - t0);
    sqlite3_finalize(st);
    sqlite3_close(db);
}

void pg_copy(const std::string& conninfo, int rows, int64_t org, const std::string& path) {
    PGconn* c = PQconnectdb(conninfo.c_str());
    if (PQstatus(c) != CONNECTION_OK) {
        fmt::print(stderr, "cannot connect: {}\n", PQerrorMessage(c));
        std::exit(1);
    }
    auto t0 = Clock::now();
    PQclear(PQexec(c, fmt::format("COPY members ({}) FROM STDIN", kColumns).c_str()));
    std::string buf;
    for (int i = 0; i < rows; ++i) {
        auto v = values(i, org, path);
        for (int k = 0; k < static_cast<int>(v.size()); ++k) {
            bool is_blob = false;
            for (int b : kBlobColumns) is_blob |= b == k;
            if (k) buf += '\t';
            if (is_blob) {
                buf += "\\\\x";
                for (unsigned char ch : v[k]) buf += fmt::format("{:02x}", ch);
            } else {
                buf += v[k];
            }
        }
        buf += '\n';
        if (buf.size() > (1 << 20)) {
            PQputCopyData(c, buf.data(), static_cast<int>(buf.size()));
            buf.clear();
        }
    }
    PQputCopyData(c, buf.data(), static_cast<int>(buf.size()));
    PQputCopyEnd(c, nullptr);
    PGresult* r = PQgetResult(c);
    if (PQresultStatus(r) != PGRES_COMMAND_OK) {
        fmt::print(stderr, "COPY: {}\n", PQresultErrorMessage(r));
        std::exit(1);
    }
    PQclear(r);
    report("PostgreSQL COPY into members", rows, Clock::now() - t0);
    PQfinish(c);
}

// The import's own columns (MemberService::insert_batch), id included.
constexpr const char* kSameColumns =
    "id, org_id, org_path, name, id_enc, id_blind, phone_enc, phone_blind, birth_date, gender, "
    "occupation, new_form, card_no, joined_on, status, active_blind, created_at, updated_at, "
    "ethnicity, education, political_status, occupation_category, employer_name, employer_id, "
    "migrant_worker, model_worker, hardship, name_initials, name_pinyin";
constexpr int kSameOrgColumn = 1;

// Reads SRC's members page by page (id order), handing each row to `take`.
template <typename Take>
size_t read_members(gh::db::Connection& src, Take take) {
    size_t n = 0;
    int64_t after = 0;
    for (;;) {
        auto page = src.query(fmt::format("SELECT {} FROM members WHERE id > ? ORDER BY id LIMIT "
                                          "20000",
                                          kSameColumns),
                              {after});
        if (page.empty()) return n;
        for (const auto& row : page.raw()) {
            after = std::get<int64_t>(row[0]);
            take(row);
            ++n;
        }
    }
}

void same_rows_sqlite(const std::string& file, gh::db::Connection& src, int64_t org) {
    std::vector<std::vector<gh::db::Value>> rows;
    read_members(src, [&](const std::vector<gh::db::Value>& r) {
        rows.push_back(r);
        rows.back()[kSameOrgColumn] = org;
    });
    auto [db, st] = sqlite_insert(file, kSameColumns, 29);
    auto t0 = Clock::now();
    sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
    for (const auto& row : rows) {
        for (int k = 0; k < static_cast<int>(row.size()); ++k) {
            const auto& v = row[static_cast<size_t>(k)];
            if (auto i = std::get_if<int64_t>(&v)) {
                sqlite3_bind_int64(st, k + 1, *i);
            } else if (auto t = std::get_if<std::string>(&v)) {
                sqlite3_bind_text(st, k + 1, t->data(), static_cast<int>(t->size()), SQLITE_STATIC);
            } else if (auto b = std::get_if<gh::db::Blob>(&v)) {
                sqlite3_bind_blob(st, k + 1, b->bytes.data(), static_cast<int>(b->bytes.size()),
                                  SQLITE_STATIC);
            } else if (auto d = std::get_if<double>(&v)) {
                sqlite3_bind_double(st, k + 1, *d);
            } else {
                sqlite3_bind_null(st, k + 1);
            }
        }
        if (sqlite3_step(st) != SQLITE_DONE) {
            fmt::print(stderr, "insert: {}\n", sqlite3_errmsg(db));
            std::exit(1);
        }
        sqlite3_reset(st);
    }
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    report("SQLite raw INSERT of the import's own rows", static_cast<int>(rows.size()),
           Clock::now() - t0);
    sqlite3_finalize(st);
    sqlite3_close(db);
}

void same_rows_pg(const std::string& conninfo, gh::db::Connection& src, int64_t org) {
    // The COPY text of every row, rendered before the clock starts: what is timed is the server
    // taking the rows in, nothing of the client.
    std::vector<std::string> pieces(1);
    const size_t rows = read_members(src, [&](const std::vector<gh::db::Value>& r) {
        std::string& buf = pieces.back();
        for (size_t k = 0; k < r.size(); ++k) {
            if (k) buf += '\t';
            const auto& v = k == kSameOrgColumn ? gh::db::Value(org) : r[k];
            if (auto i = std::get_if<int64_t>(&v)) {
                buf += std::to_string(*i);
            } else if (auto t = std::get_if<std::string>(&v)) {
                for (char ch : *t) {  // the text format's escapes
                    if (ch == '\\')
                        buf += "\\\\";
                    else if (ch == '\t')
                        buf += "\\t";
                    else if (ch == '\n')
                        buf += "\\n";
                    else if (ch == '\r')
                        buf += "\\r";
                    else
                        buf += ch;
                }
            } else if (auto b = std::get_if<gh::db::Blob>(&v)) {
                buf += "\\\\x";
                for (unsigned char ch : b->bytes) buf += fmt::format("{:02x}", ch);
            } else if (auto d = std::get_if<double>(&v)) {
                buf += fmt::format("{}", *d);
            } else {
                buf += "\\N";
            }
        }
        buf += '\n';
        if (buf.size() > (1 << 20)) pieces.emplace_back();
    });
    PGconn* c = PQconnectdb(conninfo.c_str());
    if (PQstatus(c) != CONNECTION_OK) {
        fmt::print(stderr, "cannot connect: {}\n", PQerrorMessage(c));
        std::exit(1);
    }
    auto t0 = Clock::now();
    PQclear(PQexec(c, fmt::format("COPY members ({}) FROM STDIN", kSameColumns).c_str()));
    for (const auto& piece : pieces) {
        if (!piece.empty()) PQputCopyData(c, piece.data(), static_cast<int>(piece.size()));
    }
    PQputCopyEnd(c, nullptr);
    PGresult* r = PQgetResult(c);
    if (PQresultStatus(r) != PGRES_COMMAND_OK) {
        fmt::print(stderr, "COPY: {}\n", PQresultErrorMessage(r));
        std::exit(1);
    }
    if (std::to_string(rows) != PQcmdTuples(r)) {
        fmt::print(stderr, "COPY wrote {} rows of {}\n", PQcmdTuples(r), rows);
        std::exit(1);
    }
    PQclear(r);
    report("PostgreSQL COPY of the import's own rows", static_cast<int>(rows), Clock::now() - t0);
    PQfinish(c);
}

}  // namespace

int main(int argc, char** argv) {
    const bool same = argc == 4 && std::string(argv[2]) == "--same-rows";
    if (argc != 3 && !same) {
        fmt::print(stderr, "usage: {} DB_URL ROWS | DB_URL --same-rows SRC_DB_URL\n", argv[0]);
        return 2;
    }
    const std::string url = argv[1];
    auto u = gh::db::parse_url(url);
    auto conn = gh::db::connect(u);
    gh::db::migrate(*conn, gh::db::builtin_migrations());
    auto [org, path] = make_org(*conn);
    conn.reset();
    if (same) {
        auto src = gh::db::connect(gh::db::parse_url(argv[3]));
        if (u.backend == gh::db::Backend::sqlite) {
            same_rows_sqlite(u.target, *src, org);
        } else {
            same_rows_pg(u.target, *src, org);
        }
        return 0;
    }
    const int rows = std::stoi(argv[2]);
    if (u.backend == gh::db::Backend::sqlite) {
        sqlite_raw(u.target, rows, org, path);
    } else {
        pg_copy(u.target, rows, org, path);
    }
    return 0;
}
