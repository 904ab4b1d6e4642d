// Private to core/db: the two backend factories behind db::connect().
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/db/db.h"

namespace gh::db {
std::unique_ptr<Connection> connect_sqlite(const Url& url);
std::unique_ptr<Connection> connect_postgres(const Url& url);
// A backend with a bulk load path of its own (PostgreSQL's COPY); db::copy_rows asks for it.
class BulkLoader {
public:
    virtual ~BulkLoader() = default;
    // Table and columns already checked; every row has columns.size() values.
    virtual int64_t copy_in(std::string_view table, const std::vector<std::string>& columns,
                            const std::vector<Params>& rows) = 0;
};
// `?` → `$1, $2 …`, leaving quoted strings, identifiers and comments alone.
std::string number_placeholders(std::string_view sql);
}  // namespace gh::db
