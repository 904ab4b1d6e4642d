// The member list's filters and keyset pages; the export reads the same WHERE (members/export).
#include <algorithm>
#include <utility>
#include <vector>

#include "core/auth/token.h"
#include "core/cn/id_number.h"
#include "core/cn/phone.h"
#include "core/cn/pinyin.h"
#include "core/error.h"
#include "core/pii/mask.h"
#include "domains/members/codes.h"
#include "domains/members/members.h"
#include "domains/members/rollups.h"
#include "domains/members/search_where.h"
#include "domains/members/text.h"

namespace gh::members {

namespace {

constexpr std::string_view kStatuses[] = {"active", "transferring", "transferred",
                                          "left",   "expelled",     "deceased"};
constexpr std::string_view kFlags[] = {"migrant_worker", "model_worker", "hardship", "new_form"};

// [q, upper) holds every lower-case string starting with q: "zs" → "zt", "az" → "b"; nullopt
// when q is all 'z' (no upper bound).
std::optional<std::string> prefix_upper(std::string q) {
    while (!q.empty() && q.back() == 'z') q.pop_back();
    if (q.empty()) return std::nullopt;
    ++q.back();
    return q;
}

// "substr(col, 1, n) = q" (characters on both databases, no LIKE escaping), preceded by an index
// range on col: for lower-case pinyin [q, next) (range true); for any other text [q, q + U+10FFFF)
// (range false), which holds every string starting with q whose next character is below
// U+10FFFF, valid UTF-8 for PostgreSQL, in the byte order both databases compare in.
std::string prefix_on(const char* col, const std::string& q, db::Params& params, bool range) {
    std::string sql = std::string(col) + " >= ? AND ";
    params.push_back(q);
    if (!range) {
        sql += std::string(col) + " < ? AND ";
        params.push_back(q + "\xF4\x8F\xBF\xBF");
    } else if (auto upper = prefix_upper(q)) {
        sql += std::string(col) + " < ? AND ";
        params.push_back(*upper);
    }
    sql += "substr(" + std::string(col) + ", 1, ?) = ?";
    params.push_back(static_cast<int64_t>(utf8_length(q)));
    params.push_back(q);
    return sql;
}

std::string date_filter(const std::optional<std::string>& v, const char* field) {
    auto d = parse_date(*v);
    if (!d) throw ApiError(422, "member.filter", "日期格式应为 2026-11-01", field);
    return *d;
}

}  // namespace

MemberService::Where MemberService::where_of(db::Connection& c, const Principal& p,
                                             const MemberQuery& q) {
    auth::Scope scope = p.scope();
    if (q.org_id) {
        // An org id, or a federation's 6-digit division code (?org=610424), like the stats route.
        auto org = orgs_.resolve(c, std::to_string(*q.org_id));
        if (!org || !scope.contains(org->path)) throw ApiError(404, "org.not_found", "组织不存在");
        scope = auth::Scope{org->path};
    }
    Where w;
    w.root_path = scope.root_path;
    // A text search is an OR of indexed alternatives (card number, name prefix, pinyin …). Each
    // alternative carries the subtree range itself — "(scope AND a) OR (scope AND b)", not
    // "scope AND (a OR b)" — so both databases can read each alternative's own index (SQLite's
    // multi-index OR, PostgreSQL's BitmapOr) instead of scanning the whole subtree for a rare
    // name; the (org path, id) order is then a sort of the matches.
    std::vector<std::pair<std::string, db::Params>> alternatives;
    const std::string text = trim(q.q);
    if (!text.empty()) {
        auto id = cn::parse_id_number(text, "q");
        auto phone = cn::parse_phone(text, "q");
        db::Params params;
        if (id) {
            params.push_back(db::Blob{vault_.blind_index("id_number", id->value)});
            alternatives.emplace_back("id_blind = ?", std::move(params));
        } else if (phone) {
            params.push_back(db::Blob{vault_.blind_index("phone", phone.value())});
            alternatives.emplace_back("phone_blind = ?", std::move(params));
        } else {
            if (cn::looks_like_pinyin(text)) {
                std::string lower = text;
                std::transform(lower.begin(), lower.end(), lower.begin(),
                               [](char ch) { return static_cast<char>(ch | 0x20); });
                db::Params initials_params, full_params;
                std::string initials = prefix_on("name_initials", lower, initials_params, true);
                alternatives.emplace_back(std::move(initials), std::move(initials_params));
                std::string full = prefix_on("name_pinyin", lower, full_params, true);
                alternatives.emplace_back(std::move(full), std::move(full_params));
            } else if (std::all_of(text.begin(), text.end(),
                                   [](char ch) { return static_cast<unsigned char>(ch) < 0x80; })) {
                // Card numbers are ASCII (GH + digits): a name in Chinese is never one, and
                // leaving the alternative out leaves the name index alone to answer.
                alternatives.emplace_back("card_no = ?", db::Params{text});
            }
            db::Params name_params;
            std::string name = prefix_on("name", text, name_params, false);
            alternatives.emplace_back(std::move(name), std::move(name_params));
            w.by_name = alternatives.size() == 1;
        }
    }
    if (alternatives.empty()) {
        w.sql = "WHERE org_path >= ? AND org_path < ?";
        w.params = {scope.root_path, scope.upper_bound()};
    } else {
        w.sql = "WHERE (";
        for (size_t i = 0; i < alternatives.size(); ++i) {
            w.sql += (i ? " OR " : "") + std::string("(org_path >= ? AND org_path < ? AND ") +
                     alternatives[i].first + ")";
            w.params.push_back(scope.root_path);
            w.params.push_back(scope.upper_bound());
            for (auto& v : alternatives[i].second) w.params.push_back(std::move(v));
        }
        w.sql += ")";
    }
    const size_t unfiltered = alternatives.empty() ? w.sql.size() : 0;
    if (q.occupation_category && !q.occupation_category->empty()) {
        auto code = code_of(occupation_categories(), *q.occupation_category);
        if (!code) {
            throw ApiError(422, "member.filter", "职业类别不在代码表中", "occupation");
        }
        w.sql += " AND occupation_category = ?";
        w.params.push_back(*code);
    }
    if (q.status && !q.status->empty()) {
        if (std::find(std::begin(kStatuses), std::end(kStatuses), *q.status) ==
            std::end(kStatuses)) {
            throw ApiError(422, "member.filter",
                           "status 只能是 active、transferring、transferred、left、expelled 或 "
                           "deceased",
                           "status");
        }
        w.sql += " AND status = ?";
        w.params.push_back(*q.status);
    }
    for (const auto& f : q.flags) {
        if (std::find(std::begin(kFlags), std::end(kFlags), f) == std::end(kFlags)) {
            throw ApiError(422, "member.filter",
                           "flags 只能是 migrant_worker、model_worker、hardship、new_form",
                           "flags");
        }
        w.sql += " AND " + f + " = 1";  // one of the four column names above
    }
    if (q.joined_from) {
        w.sql += " AND joined_on >= ?";
        w.params.push_back(date_filter(q.joined_from, "joined_from"));
    }
    if (q.joined_to) {
        w.sql += " AND joined_on <= ?";
        w.params.push_back(date_filter(q.joined_to, "joined_to"));
    }
    if (q.employer_id) {
        w.sql += " AND employer_id = ?";
        w.params.push_back(*q.employer_id);
    }
    if (q.employer_name && !trim(*q.employer_name).empty()) {
        w.sql += " AND " + prefix_on("employer_name", trim(*q.employer_name), w.params, false);
    }
    w.filtered = w.sql.size() > unfiltered;
    return w;
}

MemberPage MemberService::list(const Principal& p, const MemberQuery& q) {
    auto c = pool_.acquire();
    Where w = where_of(*c, p, q);
    MemberPage page;
    const auto root = path_ids(w.root_path);
    if (!w.filtered && !root.empty()) {
        // Every member row of the subtree, whatever its status: one rollup lookup.
        page.total = c->query(
                          "SELECT CAST(COALESCE(SUM(records), 0) AS BIGINT) FROM "
                          "member_counts WHERE org_id = ?",
                          {root.back()})
                         .front()
                         .get<int64_t>(0);
    } else {
        // Counting stops at the cap: a broad filter over a province costs a bounded scan. A
        // common surname matches over 10,000 of a million; counting them was most of the
        // search's cost (2–3 ms of index entries), so a name search counts to 1,000.
        const int64_t cap = w.by_name ? MemberPage::kNameTotalCap : MemberPage::kTotalCap;
        db::Params params = w.params;
        params.push_back(cap + 1);
        page.total =
            c->query("SELECT COUNT(*) FROM (SELECT 1 FROM members " + w.sql + " LIMIT ?) capped",
                     params)
                .front()
                .get<int64_t>(0);
        if (page.total > cap) {
            page.total = cap;
            page.total_capped = true;
        }
    }
    // Pages in (org_path, id) order, the order of the members_org_path index: the index gives
    // both the subtree's range and the order, so a page reads `limit` rows, not the subtree. A
    // search by a name in Chinese alone pages in (name, org_path, id) order instead, the order of
    // the members_name index: a common surname (王: 13,000 of a million) then reads a page's worth
    // of the index, where sorting its matches by org path read them all, and a name nobody has
    // never walks the subtree. The page starts after the keys its cursor sealed (the route opens
    // it): nothing is looked up by an id, so no cursor tells whether a row exists.
    std::string sql = std::string(kMemberColumns) + w.sql;
    if (q.after) {
        if (w.by_name) {
            sql += " AND (name > ? OR (name = ? AND (org_path > ? OR (org_path = ? AND id > ?))))";
            w.params.push_back(q.after->name);
            w.params.push_back(q.after->name);
        } else {
            sql += " AND (org_path > ? OR (org_path = ? AND id > ?))";
        }
        w.params.push_back(q.after->org_path);
        w.params.push_back(q.after->org_path);
        w.params.push_back(q.after->id);
    }
    w.params.push_back(int64_t{q.limit});
    sql += w.by_name ? " ORDER BY name, org_path, id LIMIT ?" : " ORDER BY org_path, id LIMIT ?";
    MemberPosition last;
    for (auto r : c->query(sql, w.params)) {
        page.items.push_back(view(r, Reveal::none));
        last = {w.by_name ? r.get<std::string>(2) : std::string(), r.get<std::string>(14),
                r.get<int64_t>(0)};
    }
    if (!page.items.empty() && page.items.size() == static_cast<size_t>(q.limit)) {
        page.next = std::move(last);
    }
    return page;
}

int64_t MemberService::backfill_pinyin() {
    auto c = pool_.acquire();
    int64_t after = 0, count = 0;
    for (;;) {
        auto rs = c->query(
            "SELECT id, name FROM members WHERE name_initials = '' AND name_pinyin = '' "
            "AND name <> '已注销' "
            "AND id > ? ORDER BY id LIMIT 500",
            {after});
        if (rs.empty()) return count;
        db::in_transaction(*c, [&](db::Connection& tx) {
            for (auto r : rs) {
                const auto name = r.get<std::string>(1);
                after = r.get<int64_t>(0);
                tx.execute("UPDATE members SET name_initials = ?, name_pinyin = ? WHERE id = ?",
                           {cn::name_initials(name), cn::name_pinyin(name), after});
                ++count;
            }
        });
    }
}

nlohmann::json MemberService::search_audit_detail(std::string_view q) const {
    const std::string text = trim(q);
    if (text.empty()) return {{"q_kind", "none"}};
    if (auto id = cn::parse_id_number(text, "q")) {
        return {{"q_kind", "id_number"},
                {"q_blind", auth::to_hex(vault_.blind_index("id_number", id->value))},
                {"q_masked", cn::mask_id_number(id->value)}};
    }
    if (auto phone = cn::parse_phone(text, "q")) {
        return {{"q_kind", "phone"},
                {"q_blind", auth::to_hex(vault_.blind_index("phone", phone.value()))},
                {"q_masked", cn::mask_phone(phone.value())}};
    }
    // A name, pinyin or card number: kept masked like a name in a list (张三 → 张*).
    return {{"q_kind", "text"}, {"q_masked", pii::mask_name(text)}};
}

}  // namespace gh::members
