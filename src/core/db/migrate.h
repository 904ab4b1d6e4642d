// Schema migrations: numbered SQL files per domain (src/**/migrations/NNNN_what.sql), compiled
// into the binary at build time, applied in order, each in its own transaction, and recorded in
// schema_migrations. Applying twice changes nothing; a database that has migrations this binary
// does not know (it is newer) is refused.
#pragma once

#include <string>
#include <vector>

#include "core/db/db.h"

namespace gh::db {

struct Migration {
    std::string id;   // "<domain>/<NNNN_what>", e.g. "core/0001_system_settings"
    std::string sql;  // may use the dialect markers of dialect.h
};

// Every migration compiled into this binary, in the order they must run (generated file).
const std::vector<Migration>& builtin_migrations();

struct MigrationStatus {
    std::vector<std::string> applied;  // already in the database
    std::vector<std::string> pending;  // known here, not yet applied
    std::vector<std::string> unknown;  // in the database, not known here: the schema is newer
};

MigrationStatus migration_status(Connection& c, const std::vector<Migration>& all);

// Applies what is pending; answers the ids it applied. Throws DbError(schema) when the
// database is newer than the binary.
std::vector<std::string> migrate(Connection& c, const std::vector<Migration>& all);

// Every scoped read is a range over materialised paths ('/1/7/' .. '/1/70'), and the name search a
// range over names: both need text ordered by bytes. SQLite compares text that way (BINARY); a
// PostgreSQL database created with a linguistic collation (zh_CN.UTF-8, en_US.UTF-8, an ICU
// locale) ignores '/' and case and would put another county's rows inside a range. Throws
// DbError(schema) with the way out unless the database orders text by bytes (C, POSIX, C.UTF-8).
// migrate() and require_current_schema() call it.
void require_bytewise_collation(Connection& c);

// Throws DbError(schema) with a clear message unless the schema is exactly current.
void require_current_schema(Connection& c, const std::vector<Migration>& all);

// Replaces the dialect markers ({{id}}, {{blob}}, {{now}}, …) for the backend. This is the one
// place where the SQL of the two backends differs.
std::string apply_dialect(std::string_view sql, Backend b);

}  // namespace gh::db
