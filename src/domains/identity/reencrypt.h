// Private to the identity domain: key rotation for one encrypted column, in batches of one
// transaction each, so an interrupted run resumes where it stopped.
#pragma once

#include <string>

#include "core/db/pool.h"
#include "core/pii/vault.h"

namespace gh::identity {

// `select_sql` answers (id, blob) rows with id > ? in id order, LIMIT ?; `update_sql` takes
// (blob, id). Rewrites the blobs not under the vault's current key; answers how many.
inline int64_t reencrypt_column(db::Pool& pool, const pii::Vault& vault,
                                const std::string& select_sql, const std::string& update_sql,
                                std::string_view context, int batch) {
    auto c = pool.acquire();
    int64_t rewritten = 0, after = 0;
    for (;;) {
        auto rows = c->query(select_sql, {after, int64_t{batch}});
        if (rows.empty()) return rewritten;
        db::in_transaction(*c, [&](db::Connection& tx) {
            for (auto r : rows) {
                auto blob = r.get<db::Blob>(1).bytes;
                if (!vault.needs_rotation(blob)) continue;
                tx.execute(update_sql,
                           {db::Blob{vault.reencrypt(blob, context)}, r.get<int64_t>(0)});
                ++rewritten;
            }
        });
        after = rows[rows.size() - 1].get<int64_t>(0);
    }
}

}  // namespace gh::identity
