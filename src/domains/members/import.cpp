// Bulk import: many rows through the same validation (prepare) as create(), with one audit row
// for the whole import. Two threads: one reads (request.source), validates, encrypts and
// blind-indexes chunk k+1 of the file while the calling thread looks chunk k's people up and
// writes them (db::copy_rows).
#include <algorithm>
#include <array>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <stdexcept>
#include <thread>
#include <unordered_map>

#include "core/auth/audit_record.h"
#include "core/db/bulk.h"
#include "core/error.h"
#include "domains/members/members.h"
#include "domains/members/prepared.h"
#include "domains/members/rollups.h"

namespace gh::members {

namespace {

// A blind index (32 raw bytes) as a hash key without a heap string per row.
using Key32 = std::array<char, 32>;
struct Key32Hash {
    size_t operator()(const Key32& k) const noexcept {
        size_t h;
        std::memcpy(&h, k.data(), sizeof h);  // the bytes are a keyed hash already
        return h;
    }
};
Key32 key32(const std::string& bytes) {
    if (bytes.size() != 32) throw std::logic_error("blind index is not 32 bytes");
    Key32 k;
    std::memcpy(k.data(), bytes.data(), k.size());
    return k;
}

}  // namespace

ImportResult MemberService::import_rows(const Actor& by, const Principal& p,
                                        const ImportRequest& request) {
    ImportResult result;
    result.rejected = request.rejected;
    auto c = pool_.acquire();
    // The members table may grow from empty to a million rows under this import: its lookups
    // probe the indexes whatever the planner last thought of the table's size.
    const db::IndexLookups index_lookups(*c);
    auto org = orgs_.find_in_scope(*c, p.scope(), request.org_id);
    if (!org) throw ApiError(422, "member.org", "所属工会不存在或不在管辖范围内", "org_id");
    require_active_org(*org);

    const size_t per_tx = std::max<size_t>(request.batch, 1);
    const size_t chunk_rows = std::min<size_t>(per_tx, 1000);
    const auto& rows = request.rows;

    // The validating thread's output: one chunk of the file, in file order, its valid rows
    // sealed (encrypted, blind-indexed) and its refused rows with their reasons.
    struct Chunk {
        std::vector<Prepared> valid;
        std::vector<int64_t> active_at;  // per valid row: the org it is active in, 0 for none
        bool looked_up = false;          // active_at filled (by the validating thread)
        std::vector<RowProblem> rejected;
        size_t end = 0;  // rows [0, end) of the file are done once this chunk is
    };
    struct Queue {
        std::mutex mu;
        std::condition_variable cv;
        std::deque<Chunk> chunks;
        bool finished = false, cancelled = false;
        std::exception_ptr error;
    } q;
    constexpr size_t kAhead = 4;  // chunks validated ahead of the writer at most

    // Who of a chunk's valid rows is already active: one statement per 500 people.
    auto look_up = [](db::Connection& conn, Chunk& ch) {
        constexpr size_t kLookup = 500;
        std::unordered_map<std::string, int64_t> found;  // id blind index → org of the member
        auto& valid = ch.valid;
        for (size_t from = 0; from < valid.size(); from += kLookup) {
            const size_t to = std::min(valid.size(), from + kLookup);
            std::string sql = "SELECT active_blind, org_id FROM members WHERE active_blind IN (";
            db::Params params;
            params.reserve(to - from);
            for (size_t i = from; i < to; ++i) {
                sql += i == from ? "?" : ", ?";
                params.emplace_back(valid[i].id_blind);
            }
            for (auto r : conn.query(sql + ")", params)) {
                found.emplace(r.get<db::Blob>(0).bytes, r.get<int64_t>(1));
            }
        }
        ch.active_at.assign(valid.size(), 0);
        for (size_t i = 0; i < valid.size(); ++i) {
            auto it = found.find(valid[i].id_blind.bytes);
            if (it != found.end()) ch.active_at[i] = it->second;
        }
        ch.looked_up = true;
    };
    // A file of more than one chunk: the validating thread asks on a connection of its own,
    // outside the writer's transaction. It sees only committed members, which is all it needs:
    // the file's own people were told apart above. (Not for an in-memory SQLite database,
    // which a second connection would not see.)
    // A streamed file (request.source) is read on the validating thread too, a chunk at a time.
    const auto& url = pool_.url();
    const bool own_reader = (request.source || rows.size() > chunk_rows) &&
                            !(url.backend == db::Backend::sqlite && url.target == ":memory:");
    size_t file_rows = request.rows.size() + request.rejected.size();  // for the audit row

    auto validate = [&] {
        try {
            std::unique_ptr<db::Connection> reader = own_reader ? db::connect(url) : nullptr;
            std::optional<db::IndexLookups> reader_lookups;
            if (reader) reader_lookups.emplace(*reader);
            // id blind index (32 bytes) → row number: the in-file duplicate check.
            std::unordered_map<Key32, size_t, Key32Hash> first_row;
            if (!request.source) first_row.reserve(rows.size());
            std::vector<ImportRow> pulled;  // the current chunk of a streamed file
            size_t from = 0, read = 0;
            for (;;) {
                Chunk ch;
                std::span<const ImportRow> part;
                if (request.source) {
                    if (!request.source(pulled, ch.rejected, chunk_rows)) break;
                    part = pulled;
                    read += pulled.size() + ch.rejected.size();
                    ch.end = read;
                } else {
                    if (from >= rows.size()) break;
                    ch.end = std::min(rows.size(), from + chunk_rows);
                    part = std::span<const ImportRow>(rows).subspan(from, ch.end - from);
                    from = ch.end;
                }
                ch.valid.reserve(part.size());
                for (const ImportRow& row : part) {
                    try {
                        Prepared m = prepare(row.member);
                        auto [it, fresh] = first_row.emplace(key32(m.id_blind.bytes), row.row);
                        if (!fresh) {
                            throw ApiError(
                                422, "member.duplicate_in_file",
                                "文件内重复（与第 " + std::to_string(it->second) + " 行相同）",
                                "id_number");
                        }
                        seal(m);
                        m.row = row.row;
                        ch.valid.push_back(std::move(m));
                    } catch (const ApiError& e) {
                        ch.rejected.push_back({row.row, e.field(), e.message(), e.code()});
                    }
                }
                if (reader) look_up(*reader, ch);
                std::unique_lock lock(q.mu);
                q.cv.wait(lock, [&] { return q.cancelled || q.chunks.size() < kAhead; });
                if (q.cancelled) return;
                q.chunks.push_back(std::move(ch));
                q.cv.notify_all();
            }
            if (request.source) {
                std::lock_guard lock(q.mu);
                file_rows = read;  // read by the writer once it has seen `finished`
            }
        } catch (...) {
            std::lock_guard lock(q.mu);
            q.error = std::current_exception();
        }
        std::lock_guard lock(q.mu);
        q.finished = true;
        q.cv.notify_all();
    };
    auto next = [&]() -> std::optional<Chunk> {
        std::unique_lock lock(q.mu);
        q.cv.wait(lock, [&] { return q.error || !q.chunks.empty() || q.finished; });
        if (q.error) std::rethrow_exception(q.error);
        if (q.chunks.empty()) return std::nullopt;
        Chunk ch = std::move(q.chunks.front());
        q.chunks.pop_front();
        q.cv.notify_all();
        return ch;
    };
    // Stops and joins the validating thread however the writer leaves (an error included).
    struct Joiner {
        Queue& q;
        std::thread t;
        ~Joiner() {
            {
                std::lock_guard lock(q.mu);
                q.cancelled = true;
                q.cv.notify_all();
            }
            if (t.joinable()) t.join();
        }
    } worker{q, std::thread(validate)};

    // The writer: who is already active (unless the validating thread asked), the new ones in.
    // good_rows commits about every `batch` rows; all_or_nothing writes in one transaction and
    // stops writing (and rolls back) at the first refused row, still checking the rest.
    const bool all_or_nothing = request.mode == ImportMode::all_or_nothing;
    bool writing = !all_or_nothing || result.rejected.empty();
    std::optional<db::Transaction> tx;
    RollupDelta rollups;
    size_t in_tx = 0;
    int64_t written = 0;
    while (auto ch = next()) {
        result.rejected.insert(result.rejected.end(), ch->rejected.begin(), ch->rejected.end());
        if (!ch->looked_up) look_up(*c, *ch);
        std::vector<Prepared> ready;
        ready.reserve(ch->valid.size());
        for (size_t i = 0; i < ch->valid.size(); ++i) {
            Prepared& m = ch->valid[i];
            const int64_t at = ch->active_at[i];
            if (at == 0) {
                ready.push_back(std::move(m));
            } else if (at == org->id) {
                ++result.duplicates;
            } else {
                try {
                    already_active(*c, p, m.id_blind);
                } catch (const ApiError& e) {
                    result.rejected.push_back({m.row, e.field(), e.message(), e.code()});
                }
            }
        }
        if (all_or_nothing && !result.rejected.empty()) writing = false;
        if (writing && !ready.empty()) {
            if (!tx) tx.emplace(*c);
            insert_batch(*c, *org, ready, by, rollups);
            written += static_cast<int64_t>(ready.size());
            in_tx += ready.size();
            if (!all_or_nothing && in_tx >= per_tx) {
                if (request.readable.valid()) request.readable.get();  // the whole file read
                rollups.apply(*c);
                tx->commit();
                tx.reset();
                in_tx = 0;
            }
        }
        if (request.on_progress) request.on_progress(ch->end, request.source ? 0 : rows.size());
    }
    if (request.readable.valid()) request.readable.get();  // rethrows a malformed file's error
    std::sort(result.rejected.begin(), result.rejected.end(),
              [](const RowProblem& a, const RowProblem& b) { return a.row < b.row; });

    if (!writing) {  // all_or_nothing with a refused row: nothing of it stays
        tx.reset();
        written = 0;
    }
    auto audit_row = [&](db::Connection& t) {
        auth::record(audit_, t, by, "member.import", "org", std::to_string(org->id),
                     {{"file", request.file_name},
                      {"rows", file_rows},
                      {"imported", written},
                      {"duplicates", result.duplicates},
                      {"rejected", result.rejected.size()},
                      {"mode", all_or_nothing ? "all-or-nothing" : "good-rows"}});
    };
    if (tx) {
        rollups.apply(*c);
        audit_row(*c);
        tx->commit();
        tx.reset();
    } else {
        db::in_transaction(*c, [&](db::Connection& t) { audit_row(t); });
    }
    result.imported = written;
    return result;
}

}  // namespace gh::members