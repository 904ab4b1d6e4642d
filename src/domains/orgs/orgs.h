// The union tree (org): ids, parents, materialised paths, and each union's own record. Every
// scoped read in the product asks this service whether an org lies inside a caller's subtree.
// Owns the `orgs` and `org_honours` tables.
//
// Other domains keep copies of org paths (members.org_path, employers.org_path, …). The tree never
// reads their tables: when a move or merge rewrites paths or moves members, it calls the hooks
// those domains registered (each in its domain.cpp), inside the same transaction.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/audit/audit.h"
#include "core/auth/principal.h"
#include "core/db/db.h"
#include "core/db/pool.h"
#include "core/time.h"

namespace gh::orgs {

struct Org {
    int64_t id = 0;
    std::optional<int64_t> parent_id;
    std::string path;  // "/1/5/12/"
    std::string name;
    std::string type;  // federation, township_union, grassroots_union, …
    std::optional<std::string> division_code;
    std::optional<std::string> credit_code;  // GB 32100, starts with "81"
    std::string industry;                    // GB/T 4754 section letter A–T, or ''
    std::string address;
    std::optional<double> lat, lng;  // GCJ-02
    std::string chair_name;
    std::optional<std::string> founded_on;  // YYYY-MM-DD
    std::string status = "active";          // active, dissolved, merged
    std::optional<int64_t> merged_into;
    std::string created_at, updated_at;

    bool active() const { return status == "active"; }
};

using Scope = auth::Scope;

struct NewOrg {
    std::string name;
    std::string type;
    std::optional<int64_t> parent_id;
    std::optional<std::string> division_code;
};

// An edit (PUT /orgs/{id}): only the fields present change. For the optional ones an inner
// nullopt clears the value.
struct OrgPatch {
    std::optional<std::string> name;
    std::optional<std::optional<std::string>> credit_code;
    std::optional<std::string> industry;
    std::optional<std::string> address;
    std::optional<std::optional<double>> lat, lng;
    std::optional<std::string> chair_name;
    std::optional<std::optional<std::string>> founded_on;
};

// One row of the tree API: what a tree view needs to draw a node.
struct TreeNode {
    int64_t id = 0;
    std::optional<int64_t> parent_id;
    std::string name, type, status;
    int depth = 0;  // 0 for the root asked for
    int64_t child_count = 0;
};

struct Honour {
    int64_t id = 0;
    int64_t org_id = 0;
    std::string title;
    int64_t year = 0;
    std::string granted_by;
    std::string created_at;
};

struct NewHonour {
    std::string title;
    int64_t year = 0;
    std::string granted_by;
};

// A union a worker may join (the phone's union picker): public fields only.
struct JoinableUnion {
    int64_t id = 0;
    std::string name, type, industry, address;
    std::optional<double> lat, lng;
    std::optional<double> distance_m;
};

struct JoinQuery {
    std::string q;         // substring of the name
    std::string industry;  // a GB/T 4754 section, or '' for any
    std::optional<double> lat, lng;
    int limit = 20;
};

// A domain's copy of org paths follows a move: every copy with `old_prefix` gets `new_prefix`.
using RepathHook = std::function<void(db::Connection& tx, const std::string& old_prefix,
                                      const std::string& new_prefix)>;
// What belonged to `from` itself now belongs to `to` (merge, or dissolve with a transfer);
// `to` is null when an org is dissolved with nothing to transfer. reason: 组织合并 / 组织撤销.
using RehomeHook = std::function<void(db::Connection& tx, const Org& from, const Org* to,
                                      const auth::Actor& by, std::string_view reason)>;
// How many active members the org itself holds (dissolve refuses a non-empty org).
using MemberCounter = std::function<int64_t(db::Connection& tx, const Org& org)>;

struct OrgPage {
    std::vector<Org> items;
    bool more = false;
    int64_t total = 0;
};

class OrgService {
public:
    OrgService(db::Pool& pool, audit::AuditLog& audit, const TimeSource& clock)
        : pool_(pool), audit_(audit), clock_(clock) {}

    // Whole operations for the routes (operations.cpp): each is one transaction with its audit
    // row; out of scope answers 404 org.not_found like missing.
    OrgPage list(const Scope& s, int64_t after_id, int limit, std::string_view q);
    Org get(const Scope& s, int64_t id);
    Org create(const auth::Actor& by, const Scope& s, const NewOrg& n);
    Org update(const auth::Actor& by, const Scope& s, int64_t id, const OrgPatch& patch);
    std::vector<Honour> honours(const Scope& s, int64_t id);
    Honour add_honour(const auth::Actor& by, const Scope& s, int64_t id, const NewHonour& h);
    void remove_honour(const auth::Actor& by, const Scope& s, int64_t id, int64_t honour_id);
    Org move(const auth::Actor& by, const Scope& s, int64_t id, int64_t parent_id);
    Org merge(const auth::Actor& by, const Scope& s, int64_t id, int64_t into_id);
    Org dissolve(const auth::Actor& by, const Scope& s, int64_t id,
                 std::optional<int64_t> transfer_to);
    std::vector<TreeNode> tree(const Scope& s, int64_t root, int depth, bool include_inactive);
    std::vector<JoinableUnion> joinable(const JoinQuery& q);

    // The pieces other domains call inside their own transactions:
    std::optional<Org> find(db::Connection& c, int64_t id);
    std::optional<Org> find_by_division(db::Connection& c, std::string_view code);
    // "123" (an id) or "610424" (a federation's division code; tried first when 6 digits).
    std::optional<Org> resolve(db::Connection& c, std::string_view id_or_code);
    std::optional<Org> resolve_id(db::Connection& c, std::string_view id);
    // resolve(), and for a GB/T 2260 code not yet in the tree, its federation chain created
    // (the operator's commands name federations by division code on a new installation).
    std::optional<Org> resolve_or_create_federation(db::Connection& c, std::string_view ref);
    // find(), holding the org's row until the transaction ends (a no-op UPDATE: a row lock on
    // PostgreSQL; SQLite's writer already holds the database). A domain that copies the org's
    // path into a new row reads it this way: a concurrent move then either waits for that row or
    // is waited for, and never leaves a stale copy behind.
    std::optional<Org> find_for_update(db::Connection& tx, int64_t id);
    // Scoped read: nullopt when missing or outside the scope (callers answer 404 for both).
    std::optional<Org> find_in_scope(db::Connection& c, const Scope& s, int64_t id);
    // Keyset by id; q narrows to names containing it.
    std::vector<Org> list_in_scope(db::Connection& c, const Scope& s, int64_t after_id, int limit,
                                   std::string_view q = {});
    int64_t count_in_scope(db::Connection& c, const Scope& s, std::string_view q = {});
    // Active unions in the subtree at `path` (the org itself included): every org but
    // federations and holding pools, and not those dissolved or merged.
    int64_t count_unions_in(db::Connection& c, const std::string& path);
    // The active orgs of the subtree at `path` (itself included) by type, federations too.
    std::vector<std::pair<std::string, int64_t>> count_by_type(db::Connection& c,
                                                               const std::string& path);
    // Validates and inserts; the parent must exist and be active. Throws ApiError on bad input.
    Org create(db::Connection& c, const NewOrg& o);
    // For a GB/T 2260 code, the chain of federations province → city → county, creating what
    // is missing (a new installation starts from its own federation).
    Org ensure_federation(db::Connection& c, std::string_view division_code);
    // The holding pool (会员周转库) of `federation`: its child "<name>会员周转库", a
    // grassroots_union marked holding_pool, created on first use in the caller's transaction.
    // Safe under concurrency: the database keeps one pool per federation and a racing second
    // insert does nothing. Throws ApiError 422 org.not_federation for any other org type.
    Org ensure_holding_pool(db::Connection& c, const Org& federation);
    // Whether `id` is a holding pool (not a union: stats leave it out).
    bool is_holding_pool(db::Connection& c, int64_t id);

    // Edits the fields present in the patch (rules in rules.h). Scoped: 404 org.not_found.
    // Answers the org after the edit; `changed` receives the names of the fields that changed.
    Org update(db::Connection& tx, const Scope& s, int64_t id, const OrgPatch& patch,
               std::vector<std::string>* changed = nullptr);

    // Re-parents the subtree at `id` under `parent_id`: every path in it, and every copy other
    // domains keep (repath hooks), rewritten in the caller's transaction. Refuses a move into
    // the subtree itself, out of the scope, of the scope's own root, and a federation keyed by a
    // division code away from the federation of its parent division.
    Org move(db::Connection& tx, const Scope& s, int64_t id, int64_t parent_id);
    // Children and members of `id` move into `into_id`; `id` becomes status merged.
    Org merge(db::Connection& tx, const Scope& s, const auth::Actor& by, int64_t id,
              int64_t into_id);
    // Dissolves an org without active children; its active members move to `transfer_to`, and
    // without one it must have none.
    Org dissolve(db::Connection& tx, const Scope& s, const auth::Actor& by, int64_t id,
                 std::optional<int64_t> transfer_to);

    // The subtree at `root` down to `depth` levels below it, in path order: one range scan of
    // the path index (rows one level deeper are read only to count children).
    std::vector<TreeNode> tree(db::Connection& c, const Org& root, int depth,
                               bool include_inactive);

    std::vector<Honour> honours(db::Connection& c, int64_t org_id);
    Honour add_honour(db::Connection& tx, int64_t org_id, const NewHonour& h);
    // False when the honour is not the org's.
    bool remove_honour(db::Connection& tx, int64_t org_id, int64_t honour_id);

    // Active grassroots unions and industry federations, nearest first when lat/lng are given.
    std::vector<JoinableUnion> joinable(db::Connection& c, const JoinQuery& q);

    // Hooks of the domains that copy org paths or hold members; registered before serving.
    void on_repath(RepathHook h) { repath_hooks_.push_back(std::move(h)); }
    void on_rehome(RehomeHook h) { rehome_hooks_.push_back(std::move(h)); }
    void set_member_counter(MemberCounter f) { member_counter_ = std::move(f); }

private:
    Org require_in_scope(db::Connection& c, const Scope& s, int64_t id, const char* field);
    // Rewrites the paths of the subtree at `o` to lie under `parent`, with the hooks.
    void reparent(db::Connection& tx, const Org& o, const Org& parent);

    std::string now() const { return clock_.now_iso(); }

    db::Pool& pool_;
    audit::AuditLog& audit_;
    const TimeSource& clock_;
    std::vector<RepathHook> repath_hooks_;
    std::vector<RehomeHook> rehome_hooks_;
    MemberCounter member_counter_;
};

}  // namespace gh::orgs
