// The subtree rollups (member_counts, member_monthly; see migrations/0006_rollups.sql): what a
// member write changes in them, gathered first and written once per transaction. Owned by the
// members domain; the stats route reads them through MemberService.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/db/db.h"

namespace gh::members {

// What a member contributes to the rollups while counted (active or transferring).
struct Counted {
    std::string org_path;    // "/1/5/12/": counts at 1, 5 and 12
    std::string category;    // occupation category code, '' when unknown
    bool gig = false;        // 新就业形态
};

// The ids on a materialised path, root first: "/1/5/12/" → {1, 5, 12}.
std::vector<int64_t> path_ids(std::string_view path);

class RollupDelta {
public:
    // The member starts counting under m.org_path (a join); month: 'YYYY-MM' it is reported in.
    void enter(const Counted& m, std::string_view month, int64_t n = 1);
    // The member stops counting under m.org_path (left, expelled, deceased).
    void leave(const Counted& m, std::string_view month, int64_t n = 1);
    // A transfer: counts move from one subtree to the other; in member_monthly only the orgs on
    // one side and not the other see a departure or an arrival, so a transfer inside a county
    // leaves the county's growth as it was.
    void move(const Counted& from, const Counted& to, std::string_view month, int64_t n = 1);
    // The lower-level parts of those: the counts alone (members and gig members by n, member
    // rows of any status by records), and member_monthly alone.
    void count(const Counted& m, int64_t n, int64_t records = 0);
    void flow(std::string_view org_path, std::string_view month, int64_t joined, int64_t departed);
    // Writes the gathered changes (one UPSERT per touched row) and clears them.
    void apply(db::Connection& tx);
    bool empty() const { return counts_.empty() && monthly_.empty(); }

private:
    friend void move_subtree_rollups(db::Connection&, std::string_view, std::string_view);
    struct Pair {
        int64_t a = 0, b = 0;
    };
    struct Triple {
        int64_t members = 0, gig = 0, records = 0;
    };
    std::map<std::pair<int64_t, std::string>, Triple> counts_;  // (org, category) → members, gig
    std::map<std::pair<int64_t, std::string>, Pair> monthly_;  // (org, month) → joined, departed
};
// A subtree moved in the tree (its root's path was old_root_path, is new_root_path): the
// subtree's own rollup rows stay (they count the same members), its old ancestors lose them and
// its new ancestors gain them, growth history included. In the caller's transaction, once per
// moved root.
void move_subtree_rollups(db::Connection& tx, std::string_view old_root_path,
                          std::string_view new_root_path);

// 'YYYY-MM' of today in China, and of a 'YYYY-MM-DD' date.
std::string this_month();
inline std::string month_of(std::string_view date) { return std::string(date.substr(0, 7)); }

// Recomputes both rollups from the members table (after a bulk repair, or for a database whose
// members predate the rollups). Every member's join counts in its month at the member's current
// org, every ended membership departs in the month its record last changed; transfers made
// before the rebuild are not seen as such. In the caller's transaction.
void rebuild_rollups(db::Connection& tx);

}  // namespace gh::members
