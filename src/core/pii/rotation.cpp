#include "core/pii/rotation.h"

#include <stdexcept>
#include <string_view>

namespace gh::pii {

namespace {

// The step's names go into SQL text, so they must be plain identifiers.
const std::string& identifier(const std::string& name) {
    const bool ok =
        !name.empty() &&
        name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") == std::string::npos;
    if (!ok) throw std::invalid_argument("not a plain SQL identifier: '" + name + "'");
    return name;
}

// (id, blob) rows with id > ? in id order, LIMIT ?: the same text on both databases.
std::string select_sql(const RotationStep& s) {
    const std::string& id = identifier(s.id_column);
    const std::string& blob = identifier(s.blob_column);
    return "SELECT " + id + ", " + blob + " FROM " + identifier(s.table) + " WHERE " + id + " > ?" +
           (s.nullable ? " AND " + blob + " IS NOT NULL" : "") + " ORDER BY " + id + " LIMIT ?";
}

// Compares the old blob, so a value rewritten meanwhile by the application is not overwritten.
std::string update_sql(const RotationStep& s) {
    const std::string& blob = identifier(s.blob_column);
    return "UPDATE " + identifier(s.table) + " SET " + blob + " = ? WHERE " +
           identifier(s.id_column) + " = ? AND " + blob + " = ?";
}

[[noreturn]] void unreadable(const RotationStep& s, int64_t id, const PiiError& e) {
    const std::string where = s.name + " id " + std::to_string(id);
    throw PiiError(where + " 的密文无法读取 / the ciphertext of " + where +
                   " cannot be read: " + e.what());
}

// The row's ciphertext, or nullptr when it holds none (NULL, or emptied by a purge).
const std::string* ciphertext(const db::Row& r, std::string& slot) {
    if (r.is_null(1)) return nullptr;
    slot = r.get<db::Blob>(1).bytes;
    return slot.empty() ? nullptr : &slot;
}

uint32_t key_of(const Vault& vault, const RotationStep& s, int64_t id, const std::string& blob) {
    try {
        return vault.key_id_of(blob);
    } catch (const PiiError& e) {
        unreadable(s, id, e);
    }
}

}  // namespace

RotationRun rotate_step(db::Pool& pool, const Vault& vault, const RotationStep& step, int batch,
                        int max_batches) {
    if (batch < 1) throw std::invalid_argument("rotate_step: batch must be positive");
    const std::string select = select_sql(step), update = update_sql(step);
    auto c = pool.acquire();
    RotationRun run;
    for (int n = 0; !run.finished && (max_batches <= 0 || n < max_batches); ++n) {
        struct Batch {
            int64_t rewritten = 0, last_id = 0;
            bool full = false;
        };
        // Read inside the batch's transaction: on SQLite it holds the write lock, on
        // PostgreSQL the UPDATE's comparison catches a concurrent writer.
        const Batch b = db::in_transaction(*c, [&](db::Connection& tx) {
            Batch out;
            out.last_id = run.last_id;
            const auto rows = tx.query(select, {run.last_id, int64_t{batch}});
            std::string slot;
            for (auto r : rows) {
                out.last_id = r.get<int64_t>(0);
                const std::string* blob = ciphertext(r, slot);
                if (!blob || key_of(vault, step, out.last_id, *blob) == vault.current_key_id())
                    continue;
                std::string fresh;
                try {
                    fresh = vault.reencrypt(*blob, step.context);
                } catch (const PiiError& e) {
                    unreadable(step, out.last_id, e);
                }
                out.rewritten +=
                    tx.execute(update, {db::Blob{std::move(fresh)}, out.last_id, db::Blob{*blob}});
            }
            out.full = rows.size() == static_cast<size_t>(batch);
            return out;
        });
        run.rewritten += b.rewritten;
        run.last_id = b.last_id;
        run.finished = !b.full;
    }
    return run;
}

std::map<uint32_t, int64_t> rows_under_old_keys(db::Pool& pool, const Vault& vault,
                                                const RotationStep& step, int batch) {
    if (batch < 1) throw std::invalid_argument("rows_under_old_keys: batch must be positive");
    const std::string select = select_sql(step);
    auto c = pool.acquire();
    std::map<uint32_t, int64_t> out;
    std::string slot;
    for (int64_t after = 0;;) {
        const auto rows = c->query(select, {after, int64_t{batch}});
        for (auto r : rows) {
            after = r.get<int64_t>(0);
            const std::string* blob = ciphertext(r, slot);
            if (!blob) continue;
            const uint32_t key = key_of(vault, step, after, *blob);
            if (key != vault.current_key_id()) ++out[key];
        }
        if (rows.size() < static_cast<size_t>(batch)) return out;
    }
}

}  // namespace gh::pii
