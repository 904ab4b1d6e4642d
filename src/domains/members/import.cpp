// Bulk import: many rows through the same validation (prepare) and insert as create(), in large
// transactions, with one audit row for the whole import.
#include <algorithm>
#include <span>
#include <unordered_map>

#include "core/auth/audit_record.h"
#include "core/error.h"
#include "domains/members/members.h"
#include "domains/members/prepared.h"
#include "domains/members/rollups.h"

namespace gh::members {

ImportResult MemberService::import_rows(const Actor& by, const Principal& p,
                                        const ImportRequest& request) {
    ImportResult result;
    result.rejected = request.rejected;
    auto c = pool_.acquire();
    auto org = orgs_.find_in_scope(*c, p.scope(), request.org_id);
    if (!org) throw ApiError(422, "member.org", "所属工会不存在或不在管辖范围内", "org_id");
    require_active_org(*org);

    // Validate every row, then look up who is already active (in chunks of one statement per
    // 500 people), before writing anything.
    std::vector<std::pair<size_t, Prepared>> valid;  // (index into request.rows, row)
    valid.reserve(request.rows.size());
    std::unordered_map<std::string, size_t> first_row;  // id blind index → row number
    for (size_t i = 0; i < request.rows.size(); ++i) {
        const auto& row = request.rows[i];
        try {
            Prepared m = prepare(row.member);
            auto [it, fresh] = first_row.emplace(m.id_blind.bytes, row.row);
            if (!fresh) {
                throw ApiError(422, "member.duplicate_in_file",
                               "文件内重复（与第 " + std::to_string(it->second) + " 行相同）",
                               "id_number");
            }
            valid.emplace_back(i, std::move(m));
        } catch (const ApiError& e) {
            result.rejected.push_back({row.row, e.field(), e.message()});
        }
    }
    std::unordered_map<std::string, int64_t> active_at;  // id blind index → org of the member
    constexpr size_t kLookup = 500;
    for (size_t from = 0; from < valid.size(); from += kLookup) {
        const size_t to = std::min(valid.size(), from + kLookup);
        std::string sql = "SELECT active_blind, org_id FROM members WHERE active_blind IN (";
        db::Params params;
        for (size_t i = from; i < to; ++i) {
            sql += i == from ? "?" : ", ?";
            params.emplace_back(valid[i].second.id_blind);
        }
        for (auto r : c->query(sql + ")", params)) {
            active_at.emplace(r.get<db::Blob>(0).bytes, r.get<int64_t>(1));
        }
    }
    std::vector<Prepared> ready;
    ready.reserve(valid.size());
    for (auto& [i, m] : valid) {
        auto it = active_at.find(m.id_blind.bytes);
        if (it == active_at.end()) {
            ready.push_back(std::move(m));
        } else if (it->second == org->id) {
            ++result.duplicates;
        } else {
            try {
                already_active(*c, p, m.id_blind);
            } catch (const ApiError& e) {
                result.rejected.push_back({request.rows[i].row, e.field(), e.message()});
            }
        }
    }
    std::sort(result.rejected.begin(), result.rejected.end(),
              [](const RowProblem& a, const RowProblem& b) { return a.row < b.row; });

    const bool write = request.mode == ImportMode::good_rows || result.rejected.empty();
    const int64_t to_write = write ? static_cast<int64_t>(ready.size()) : 0;
    auto audit_row = [&](db::Connection& tx) {
        auth::record(
            audit_, tx, by, "member.import", "org", std::to_string(org->id),
            {{"file", request.file_name},
             {"rows", request.rows.size() + request.rejected.size()},
             {"imported", to_write},
             {"duplicates", result.duplicates},
             {"rejected", result.rejected.size()},
             {"mode", request.mode == ImportMode::good_rows ? "good-rows" : "all-or-nothing"}});
    };
    const size_t batch = std::max<size_t>(request.batch, 1);
    if (!write || ready.empty()) {
        db::in_transaction(*c, [&](db::Connection& tx) { audit_row(tx); });
        return result;
    }
    // Rows [from, to) in chunks of `batch`, with the progress after each chunk.
    auto write_range = [&](db::Connection& tx, size_t from, size_t to) {
        RollupDelta rollups;
        for (size_t at = from; at < to; at += batch) {
            const size_t n = std::min(batch, to - at);
            insert_batch(tx, *org, std::span<const Prepared>(ready).subspan(at, n), by, rollups);
            if (request.on_progress) request.on_progress(at + n, ready.size());
        }
        rollups.apply(tx);
        if (to == ready.size()) audit_row(tx);
    };
    if (request.mode == ImportMode::all_or_nothing) {
        db::in_transaction(*c, [&](db::Connection& tx) { write_range(tx, 0, ready.size()); });
        result.imported = static_cast<int64_t>(ready.size());
        return result;
    }
    for (size_t from = 0; from < ready.size(); from += batch) {
        const size_t to = std::min(ready.size(), from + batch);
        db::in_transaction(*c, [&](db::Connection& tx) { write_range(tx, from, to); });
        result.imported += static_cast<int64_t>(to - from);
    }
    return result;
}

}  // namespace gh::members
