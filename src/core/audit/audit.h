// The audit log: append-only and hash-chained. Every write and every PII reveal calls
// AuditLog::append inside the same transaction as the change, so when the audit row cannot be
// written the change fails too.
//
// Chain: row n stores prev_hash = hash of row n-1 (row 1: the genesis hash, 32 zero bytes) and
// hash = BLAKE2b-256 over a length-prefixed encoding of all its stored fields and prev_hash.
// audit_head (one row) holds the last id and hash; append locks it first, so concurrent appends
// serialise on both backends and ids have no gaps. verify() recomputes the chain.
//
// Retention: the application never deletes audit rows on its own. `gonghui audit prune` (an
// operator's command) removes rows older than the retention period (at least 184 days, the
// Cybersecurity Law's minimum) and records the cut in audit_base, where verify() starts.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/db/db.h"

namespace gh::audit {

enum class ActorType { staff, worker, service, system, anonymous };
std::string_view actor_type_name(ActorType t);
std::optional<ActorType> parse_actor_type(std::string_view s);

// One audit event, as the caller describes it. Empty strings are stored as NULL. Text is stored
// as given (it is data, not markup), except that invalid UTF-8 and NUL bytes, which PostgreSQL
// cannot store, become U+FFFD on both backends. `detail` is a JSON object of changed field
// names and non-PII values: callers never put PII values in it.
struct Entry {
    ActorType actor_type = ActorType::system;
    std::optional<int64_t> actor_id;
    std::string actor_name;
    std::optional<int64_t> org_id;
    // The materialised path ("/1/5/") of the org the row belongs to, for reading the log by
    // subtree: the acting cadre's org. Empty (NULL) for workers, anonymous callers and the
    // operator's CLI: those rows are read only at the root of the tree.
    std::string org_path;
    std::string ip;
    std::string request_id;
    std::string action;  // required, e.g. "auth.login_failed", "member.update", "pii.reveal"
    std::string entity;
    std::string entity_id;
    // Built from the allow-list in core/audit/detail_fields.h: a key not on it is stored as
    // "[redacted]" (and logged as a warning). Every text value (and actor_name, entity_id) has
    // clear ID numbers and phone numbers masked before it is stored.
    nlohmann::json detail = nlohmann::json::object();
};

// A stored audit row as search() answers it.
struct Row {
    int64_t id = 0;
    std::string at;  // UTC, ISO-8601 with milliseconds: 2026-11-23T01:02:03.456Z
    Entry entry;
};

struct VerifyResult {
    bool ok = true;
    int64_t rows_checked = 0;  // rows that verified, in id order, before any break
    std::optional<int64_t> first_broken_id;
    std::string reason;  // empty when ok
};

struct Filter {
    std::optional<int64_t> actor_id;
    std::optional<std::string> actor_name;     // exact
    std::optional<std::string> action_prefix;  // "member." matches "member.update"
    std::optional<std::string> entity;
    std::optional<std::string> entity_id;
    std::optional<std::chrono::system_clock::time_point> from;  // inclusive
    std::optional<std::chrono::system_clock::time_point> to;    // exclusive
    std::optional<int64_t> after_id;  // keyset paging: only rows with id < after_id
    // A reader below the root sees only the rows of their subtree ("/1/5/"); empty: every row.
    std::optional<std::string> scope_path;
    int limit = 100;  // 1..500
};

class AuditLog {
public:
    using Clock = std::function<std::chrono::system_clock::time_point()>;
    static constexpr int max_limit = 500;

    // `clock` gives each row's `at`; empty means the system clock.
    explicit AuditLog(Clock clock = {});

    // Appends one row inside the caller's transaction: throws std::logic_error unless
    // c.in_transaction(), std::invalid_argument when the entry is unusable (no action, detail
    // not an object), DbError when the row cannot be written (the caller's change then fails).
    // Locks the chain head until the transaction ends: call it late in the transaction.
    void append(db::Connection& c, const Entry& e);

    // Walks the whole chain in id order, `batch` rows per query, recomputing every hash, and
    // checks that the chain ends where audit_head says. Reports the first broken row.
    VerifyResult verify(db::Connection& c, int64_t batch = 10000);

    // Retention: deletes every row up to the newest one older than `cutoff`, and records where
    // the chain now starts (audit_base) so verify() still checks what remains. Needs a
    // transaction and DELETE on audit_log: an operator's command (gonghui audit prune), run as the
    // tables' owner, never the application's request path.
    int64_t prune_before(db::Connection& c, std::chrono::system_clock::time_point cutoff);

    // Rows matching every given filter, newest first (id DESC). Throws std::invalid_argument
    // when f.limit is outside 1..500.
    std::vector<Row> search(db::Connection& c, const Filter& f);

private:
    Clock clock_;
};

// The genesis hash (prev_hash of row 1): 32 zero bytes.
const db::Blob& genesis_hash();

// UTC ISO-8601 with milliseconds, the format of the `at` column.
std::string format_time(std::chrono::system_clock::time_point t);

// For echoing audit data into text logs: replaces CR, LF, TAB, other C0/C1 control characters,
// DEL, Unicode line/paragraph separators and bidi overrides with visible escapes (\r, \n, \t,
// \xNN, \uNNNN); backslash becomes \\ and invalid UTF-8 bytes \xNN, so one value is one line.
std::string sanitize_for_log(std::string_view s);

// PostgreSQL hardening. Deployments run the application under a role that does not own the
// audit tables (the owner could always change them) and run this as the owner, so the
// application can INSERT audit rows but never UPDATE, DELETE or TRUNCATE them. (It still
// updates audit_head, which verify() cross-checks.) `app_role` must be a plain lower-case
// identifier ([a-z_][a-z0-9_$]*, at most 63 bytes), else std::invalid_argument; the SQL quotes it.
std::string postgres_revoke_sql(std::string_view app_role);

}  // namespace gh::audit
