// Key rotation over the database: rewriting every ciphertext column under the vault's current
// key, so that older keys can be retired from the key file (retire_keys in key_file.h).
//
// The columns are data, not code: each domain that stores ciphertext declares its own steps
// (`pii_rotation_steps()` in its public header), so table names stay inside their domain and
// this piece knows none of them. The blind indexes are keyed by the index key, which is never
// rotated: a step rewrites the ciphertext column only, so lookups and UNIQUE indexes (one active
// membership per person) hold before, during and after a rotation.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "core/db/pool.h"
#include "core/pii/vault.h"

namespace gh::pii {

// One ciphertext column. Identifiers are the owning domain's constants (checked to be plain
// lower-case SQL names, never user input).
struct RotationStep {
    std::string name;         // what the operator reads, e.g. "members.id_number"
    std::string table;        // "members"
    std::string id_column;    // a unique integer key: the keyset order
    std::string blob_column;  // "id_enc"
    std::string context;      // the vault context the column is encrypted under
    bool nullable = false;    // NULL holds no value; so does an empty blob (a purged member)
};

struct RotationRun {
    int64_t rewritten = 0;  // blobs this run moved to the current key
    int64_t last_id = 0;    // the last row looked at
    bool finished = false;  // false when max_batches stopped it before the end
};

// Rewrites, in batches of `batch` rows of one transaction each (keyset by id), every blob of the
// step not under the vault's current key. A batch is all or nothing, so a crash loses nothing,
// and running it again resumes: rows already under the current key are passed over. A row
// changed by someone else between the read and the write is left as they wrote it (the UPDATE
// compares the old blob). max_batches > 0 stops after that many batches (tests; pacing).
// Throws PiiError naming the step and row id when a blob cannot be decrypted.
RotationRun rotate_step(db::Pool& pool, const Vault& vault, const RotationStep& step,
                        int batch = 500, int max_batches = 0);

// How many rows of the step hold a blob under a key other than the vault's current one, by key
// id (read from each blob's header; empty when none). Read in batches, outside any transaction.
std::map<uint32_t, int64_t> rows_under_old_keys(db::Pool& pool, const Vault& vault,
                                                const RotationStep& step, int batch = 2000);

}  // namespace gh::pii
