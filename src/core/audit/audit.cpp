// The hash-chained audit log: append, verify, search (see audit.h).
#include "core/audit/audit.h"

#include <sodium.h>

#include <stdexcept>

#include "core/audit/detail_fields.h"
#include "core/audit/text.h"
#include "core/cn/clear_numbers.h"

namespace gh::audit {

namespace {

constexpr std::string_view kColumns =
    "id, at, actor_type, actor_id, actor_name, org_id, ip, request_id, action, entity, "
    "entity_id, detail, prev_hash, hash, org_path";
constexpr size_t kHashBytes = crypto_generichash_BYTES;  // 32: BLAKE2b-256
static_assert(kHashBytes == 32);

// One row exactly as stored: what the hash covers.
struct Stored {
    int64_t id = 0;
    std::string at, actor_type;
    std::optional<int64_t> actor_id;
    std::optional<std::string> actor_name;
    std::optional<int64_t> org_id;
    std::optional<std::string> ip, request_id;
    std::string action;
    std::optional<std::string> entity, entity_id;
    std::string detail;
    db::Blob prev_hash;
    std::optional<std::string> org_path;  // added by migration 0003; NULL in older rows
};

// Canonical encoding, fed to BLAKE2b: a version tag, then per field a type byte ('n' null,
// 'i' integer, 's' bytes) and for bytes an 8-byte length before them, so no two different
// rows encode alike (("ab","c") and ("a","bc") differ in their lengths).
class Hasher {
public:
    Hasher() {
        crypto_generichash_init(&st_, nullptr, 0, kHashBytes);
        bytes("gonghui.audit.v1");
    }
    void integer(std::optional<int64_t> v) {
        if (!v) return tag('n');
        tag('i');
        u64(static_cast<uint64_t>(*v));
    }
    void bytes(std::string_view s) {
        tag('s');
        u64(s.size());
        update(s.data(), s.size());
    }
    void text(const std::optional<std::string>& s) {
        if (!s) return tag('n');
        bytes(*s);
    }
    db::Blob finish() {
        std::string out(kHashBytes, '\0');
        crypto_generichash_final(&st_, reinterpret_cast<unsigned char*>(out.data()), kHashBytes);
        return db::Blob{std::move(out)};
    }

private:
    void tag(char t) { update(&t, 1); }
    void u64(uint64_t v) {
        unsigned char b[8];
        for (int i = 0; i < 8; ++i) b[i] = static_cast<unsigned char>(v >> (8 * i));
        crypto_generichash_update(&st_, b, sizeof b);
    }
    void update(const char* p, size_t n) {
        crypto_generichash_update(&st_, reinterpret_cast<const unsigned char*>(p), n);
    }
    crypto_generichash_state st_;
};

db::Blob hash_of(const Stored& s) {
    Hasher h;
    h.integer(s.id);
    h.bytes(s.at);
    h.bytes(s.actor_type);
    h.integer(s.actor_id);
    h.text(s.actor_name);
    h.integer(s.org_id);
    h.text(s.ip);
    h.text(s.request_id);
    h.bytes(s.action);
    h.text(s.entity);
    h.text(s.entity_id);
    h.bytes(s.detail);
    // Rows written before migration 0003 have no org_path and hash exactly as they did; a row
    // with one adds a tagged field, which no older row's encoding can be confused with (the
    // field after detail is otherwise the 32-byte prev_hash).
    if (s.org_path) {
        h.bytes("org_path");
        h.bytes(*s.org_path);
    }
    h.bytes(s.prev_hash.bytes);
    return h.finish();
}

std::optional<std::string> stored_text(const std::string& s) {
    return s.empty() ? std::nullopt : std::optional(text::valid_utf8(s));
}

Stored read_stored(const db::Row& r) {
    Stored s;
    s.id = r.get<int64_t>(0);
    s.at = r.get<std::string>(1);
    s.actor_type = r.get<std::string>(2);
    s.actor_id = r.get_opt<int64_t>(3);
    s.actor_name = r.get_opt<std::string>(4);
    s.org_id = r.get_opt<int64_t>(5);
    s.ip = r.get_opt<std::string>(6);
    s.request_id = r.get_opt<std::string>(7);
    s.action = r.get<std::string>(8);
    s.entity = r.get_opt<std::string>(9);
    s.entity_id = r.get_opt<std::string>(10);
    s.detail = r.get<std::string>(11);
    s.prev_hash = r.get<db::Blob>(12);
    s.org_path = r.get_opt<std::string>(14);
    return s;
}

}  // namespace

const db::Blob& genesis_hash() {
    static const db::Blob g{std::string(kHashBytes, '\0')};
    return g;
}

AuditLog::AuditLog(Clock clock) : clock_(std::move(clock)) {
    if (!clock_) clock_ = [] { return std::chrono::system_clock::now(); };
    if (sodium_init() < 0) throw std::runtime_error("audit: libsodium failed to initialise");
}

void AuditLog::append(db::Connection& c, const Entry& e) {
    if (!c.in_transaction()) {
        throw std::logic_error("audit: append must run inside the transaction of the change");
    }
    if (e.action.empty()) throw std::invalid_argument("audit: entry without an action");
    if (!e.detail.is_object() && !e.detail.is_null()) {
        throw std::invalid_argument("audit: detail must be a JSON object");
    }
    // Lock the head first: a second appender waits here until this transaction ends.
    if (c.execute("UPDATE audit_head SET last_id = last_id + 1 WHERE id = 1") != 1) {
        throw db::DbError(db::DbError::Kind::schema, "audit: audit_head row is missing");
    }
    auto head = c.query("SELECT last_id, last_hash FROM audit_head WHERE id = 1");
    Stored s;
    s.id = head.front().get<int64_t>(0);
    s.prev_hash = head.front().get<db::Blob>(1);
    if (s.prev_hash.bytes.empty()) s.prev_hash = genesis_hash();  // the seed: see migration
    s.at = format_time(clock_());
    s.actor_type = std::string(actor_type_name(e.actor_type));
    s.actor_id = e.actor_id;
    s.actor_name = stored_text(cn::mask_clear_numbers(e.actor_name));
    s.org_id = e.org_id;
    s.org_path = stored_text(e.org_path);
    s.ip = stored_text(e.ip);
    s.request_id = stored_text(e.request_id);
    s.action = text::valid_utf8(e.action);
    s.entity = stored_text(e.entity);
    s.entity_id = stored_text(cn::mask_clear_numbers(e.entity_id));
    const auto detail =
        allowed_detail(e.detail.is_null() ? nlohmann::json::object() : e.detail, e.action);
    s.detail = detail.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    const db::Blob hash = hash_of(s);
    c.execute("INSERT INTO audit_log (" + std::string(kColumns) +
                  ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
              {s.id, s.at, s.actor_type, db::opt(s.actor_id), db::opt(s.actor_name),
               db::opt(s.org_id), db::opt(s.ip), db::opt(s.request_id), s.action, db::opt(s.entity),
               db::opt(s.entity_id), s.detail, s.prev_hash, hash, db::opt(s.org_path)});
    c.execute("UPDATE audit_head SET last_hash = ? WHERE id = 1", {hash});
}

VerifyResult AuditLog::verify(db::Connection& c, int64_t batch) {
    if (batch < 1) throw std::invalid_argument("audit: verify batch must be at least 1");
    VerifyResult r;
    auto broken = [&r](int64_t id, std::string reason) {
        r.ok = false;
        r.first_broken_id = id;
        r.reason = std::move(reason);
        return r;
    };
    const std::string sql =
        "SELECT " + std::string(kColumns) + " FROM audit_log WHERE id > ? ORDER BY id LIMIT ?";
    int64_t last_id = 0;
    db::Blob last_hash = genesis_hash();
    // After pruning, the chain starts at the last pruned row.
    if (auto base = c.query("SELECT base_id, base_hash FROM audit_base WHERE id = 1");
        !base.empty() && base[0].get<int64_t>(0) > 0) {
        last_id = base[0].get<int64_t>(0);
        last_hash = base[0].get<db::Blob>(1);
    }
    std::optional<int64_t> seen_head;  // a head read before the latest walk
    for (;;) {
        for (;;) {
            auto rows = c.query(sql, {last_id, batch});
            for (auto row : rows) {
                const Stored s = read_stored(row);
                const auto stored_hash = row.get<db::Blob>(13);
                std::string why;
                if (s.id != last_id + 1) {
                    why = "follows row " + std::to_string(last_id) + ": rows are missing";
                } else if (s.prev_hash != last_hash) {
                    why = "its prev_hash is not the hash of the row before";
                } else if (hash_of(s) != stored_hash) {
                    why = "it does not match its hash: it was changed";
                }
                if (!why.empty()) return broken(s.id, "row " + std::to_string(s.id) + " " + why);
                last_id = s.id;
                last_hash = stored_hash;
                ++r.rows_checked;
            }
            if (static_cast<int64_t>(rows.size()) < batch) break;
        }
        if (seen_head && last_id < *seen_head) {
            return broken(last_id + 1, "audit_head ends at row " + std::to_string(*seen_head) +
                                           " but the log ends at row " + std::to_string(last_id) +
                                           ": rows are missing");
        }
        auto head = c.query("SELECT last_id, last_hash FROM audit_head WHERE id = 1");
        if (head.empty()) return broken(last_id + 1, "audit_head row is missing");
        const int64_t head_id = head.front().get<int64_t>(0);
        db::Blob head_hash = head.front().get<db::Blob>(1);
        if (head_hash.bytes.empty() && head_id == 0) head_hash = genesis_hash();
        if (head_id > last_id) {
            seen_head = head_id;  // committed after the walk, or missing: walk once more
            continue;
        }
        if (head_id < last_id) {
            return broken(head_id + 1, "row " + std::to_string(head_id + 1) +
                                           " is past the end recorded in audit_head");
        }
        if (head_hash != last_hash) {
            return broken(last_id, "audit_head's hash differs from the hash of the last row");
        }
        return r;
    }
}

int64_t AuditLog::prune_before(db::Connection& c, std::chrono::system_clock::time_point cutoff) {
    if (!c.in_transaction()) throw std::logic_error("audit: prune_before outside a transaction");
    auto last = c.query("SELECT id, hash FROM audit_log WHERE at < ? ORDER BY id DESC LIMIT 1",
                        {format_time(cutoff)});
    if (last.empty()) return 0;
    const int64_t last_id = last[0].get<int64_t>(0);
    const db::Blob last_hash = last[0].get<db::Blob>(1);
    const int64_t n = c.execute("DELETE FROM audit_log WHERE id <= ?", {last_id});
    c.execute("UPDATE audit_base SET base_id = ?, base_hash = ?, pruned_at = ? WHERE id = 1",
              {last_id, last_hash, format_time(clock_())});
    return n;
}

std::vector<Row> AuditLog::search(db::Connection& c, const Filter& f) {
    if (f.limit < 1 || f.limit > max_limit) {
        throw std::invalid_argument("audit: search limit must be 1..500");
    }
    std::string sql = "SELECT " + std::string(kColumns) + " FROM audit_log WHERE 1 = 1";
    db::Params p;
    p.reserve(10);
    // In-place construction: moving a temporary db::Value trips GCC 12's maybe-uninitialized.
    auto text_param = [&p](std::string v) {
        p.emplace_back(std::in_place_type<std::string>, std::move(v));
    };
    auto int_param = [&p](int64_t v) { p.emplace_back(std::in_place_type<int64_t>, v); };
    auto eq = [&](const char* col, const std::optional<std::string>& v) {
        if (!v) return;
        sql += std::string(" AND ") + col + " = ?";
        text_param(text::valid_utf8(*v));
    };
    if (f.actor_id) {
        sql += " AND actor_id = ?";
        int_param(*f.actor_id);
    }
    eq("actor_name", f.actor_name);
    if (f.action_prefix && !f.action_prefix->empty()) {
        // substr counts characters on both backends; LIKE would need escaping and differs in
        // case sensitivity between them.
        const std::string prefix = text::valid_utf8(*f.action_prefix);
        int64_t chars = 0;
        for (char ch : prefix) chars += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
        sql += " AND substr(action, 1, ?) = ?";
        int_param(chars);
        text_param(prefix);
    }
    eq("entity", f.entity);
    eq("entity_id", f.entity_id);
    if (f.from) {
        sql += " AND at >= ?";
        text_param(format_time(*f.from));
    }
    if (f.to) {
        sql += " AND at < ?";
        text_param(format_time(*f.to));
    }
    if (f.scope_path && !f.scope_path->empty()) {
        // The subtree as a half-open text range, as every scoped table reads it (auth::Scope).
        sql += " AND org_path >= ? AND org_path < ?";
        text_param(*f.scope_path);
        text_param(*f.scope_path + "\x7f");
    }
    if (f.after_id) {
        sql += " AND id < ?";
        int_param(*f.after_id);
    }
    sql += " ORDER BY id DESC LIMIT ?";
    int_param(f.limit);
    std::vector<Row> out;
    for (auto row : c.query(sql, p)) {
        const Stored s = read_stored(row);
        Row r;
        r.id = s.id;
        r.at = s.at;
        auto type = parse_actor_type(s.actor_type);
        if (!type)
            throw std::runtime_error("audit: unknown actor_type in row " + std::to_string(r.id));
        r.entry.actor_type = *type;
        r.entry.actor_id = s.actor_id;
        r.entry.actor_name = s.actor_name.value_or("");
        r.entry.org_id = s.org_id;
        r.entry.org_path = s.org_path.value_or("");
        r.entry.ip = s.ip.value_or("");
        r.entry.request_id = s.request_id.value_or("");
        r.entry.action = s.action;
        r.entry.entity = s.entity.value_or("");
        r.entry.entity_id = s.entity_id.value_or("");
        r.entry.detail = nlohmann::json::parse(s.detail, nullptr, false);
        if (r.entry.detail.is_discarded()) r.entry.detail = s.detail;  // keep unparsable text
        out.push_back(std::move(r));
    }
    return out;
}

}  // namespace gh::audit
