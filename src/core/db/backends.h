// Private to core/db: the two backend factories behind db::connect().
#pragma once

#include <memory>

#include "core/db/db.h"

namespace gh::db {
std::unique_ptr<Connection> connect_sqlite(const Url& url);
std::unique_ptr<Connection> connect_postgres(const Url& url);
// `?` → `$1, $2 …`, leaving quoted strings, identifiers and comments alone.
std::string number_placeholders(std::string_view sql);
}  // namespace gh::db
