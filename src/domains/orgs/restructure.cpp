// Changing the shape of the tree: move a subtree, merge an org into another, dissolve one. Each
// runs in the caller's transaction; paths are rewritten by one range UPDATE per moved subtree,
// and the domains that copy paths or hold members follow through their hooks in the same
// transaction, so no reader ever sees half a move.
#include "core/cn/divisions.h"
#include "core/error.h"
#include "core/time.h"
#include "domains/orgs/orgs.h"
#include "domains/orgs/row.h"

namespace gh::orgs {

namespace {

bool within(const Org& o, const Org& root) {
    return o.path.compare(0, root.path.size(), root.path) == 0;
}

void require_active(const Org& o, const char* field) {
    if (o.active()) return;
    if (field == nullptr) throw ApiError(409, "org.inactive", "该组织已撤销或合并");
    throw ApiError(422, "org.target_inactive", "目标组织已撤销或合并", field);
}

// A federation keyed by a GB/T 2260 code hangs under the federation of the parent division.
void require_division_parent(const Org& o, const Org& parent) {
    if (!o.division_code) return;
    auto chain = cn::division_chain(*o.division_code);
    if (chain.size() >= 2 && parent.division_code == chain[chain.size() - 2]->code) return;
    throw ApiError(422, "org.division_parent",
                   "按行政区划设立的总工会（" + o.name + "）只能隶属于上级行政区划的总工会",
                   "parent_id");
}

}  // namespace

void OrgService::reparent(db::Connection& tx, const Org& o, const Org& parent) {
    const std::string new_prefix = parent.path + std::to_string(o.id) + "/";
    const std::string now = clock_.now_iso();
    if (new_prefix != o.path) {
        // Lock the subtree first: on PostgreSQL this waits for transactions that hold a row in it
        // (an org being created under it, or a row of another domain written after reading its
        // org with find_for_update), and the rewrite below, a new statement,
        // then sees what they committed.
        tx.execute("UPDATE orgs SET parent_id = parent_id WHERE path >= ? AND path < ?",
                   {o.path, o.path + "\x7f"});
        // One range UPDATE for the whole subtree. No new path can collide with an old one: a path
        // ends with its own row's id.
        tx.execute(
            "UPDATE orgs SET path = CAST(? AS TEXT) || substr(path, CAST(? AS INTEGER)) "
            "WHERE path >= ? AND path < ?",
            {new_prefix, static_cast<int64_t>(o.path.size() + 1), o.path, o.path + "\x7f"});
        for (const auto& h : repath_hooks_) h(tx, o.path, new_prefix);
    }
    tx.execute("UPDATE orgs SET parent_id = ?, updated_at = ? WHERE id = ?",
               {parent.id, now, o.id});
}

Org OrgService::move(db::Connection& tx, const Scope& s, int64_t id, int64_t parent_id) {
    // Rows locked before they are read: a concurrent move of an ancestor has then either
    // finished (and the paths read are current) or waits for this one.
    find_for_update(tx, id);
    find_for_update(tx, parent_id);
    const Org o = require_in_scope(tx, s, id, nullptr);
    const Org parent = require_in_scope(tx, s, parent_id, "parent_id");
    require_active(o, nullptr);
    require_active(parent, "parent_id");
    if (within(parent, o)) {
        throw ApiError(422, "org.move_into_self", "不能把组织移到它自己或它的下级组织之下",
                       "parent_id");
    }
    require_division_parent(o, parent);
    reparent(tx, o, parent);
    return *find(tx, id);
}

Org OrgService::merge(db::Connection& tx, const Scope& s, const auth::Actor& by, int64_t id,
                      int64_t into_id) {
    find_for_update(tx, id);
    find_for_update(tx, into_id);
    const Org o = require_in_scope(tx, s, id, nullptr);
    const Org into = require_in_scope(tx, s, into_id, "into_id");
    require_active(o, nullptr);
    require_active(into, "into_id");
    if (within(into, o)) {
        throw ApiError(422, "org.merge_into_self", "不能把组织合并到它自己或它的下级组织",
                       "into_id");
    }
    std::vector<Org> children;
    for (auto r : tx.query(
             std::string(row::kColumns) + "WHERE parent_id = ? AND status = 'active' ORDER BY id",
             {id})) {
        children.push_back(row::from(r));
    }
    for (const auto& child : children) {
        require_division_parent(child, into);
        reparent(tx, child, into);
    }
    for (const auto& h : rehome_hooks_) h(tx, o, &into, by, "组织合并");
    tx.execute("UPDATE orgs SET status = 'merged', merged_into = ?, updated_at = ? WHERE id = ?",
               {into.id, now(), id});
    return *find(tx, id);
}

Org OrgService::dissolve(db::Connection& tx, const Scope& s, const auth::Actor& by, int64_t id,
                         std::optional<int64_t> transfer_to) {
    find_for_update(tx, id);
    if (transfer_to) find_for_update(tx, *transfer_to);
    const Org o = require_in_scope(tx, s, id, nullptr);
    require_active(o, nullptr);
    if (o.path == s.root_path) {
        throw ApiError(409, "org.dissolve_own", "不能撤销本账号所属的组织");
    }
    const int64_t children =
        tx.query("SELECT COUNT(*) FROM orgs WHERE parent_id = ? AND status = 'active'", {id})
            .front()
            .get<int64_t>(0);
    if (children > 0) {
        throw ApiError(
            409, "org.has_children",
            "该组织还有 " + std::to_string(children) + " 个下级组织，请先移走、合并或撤销它们");
    }
    std::optional<Org> target;
    if (transfer_to) {
        target = require_in_scope(tx, s, *transfer_to, "transfer_to");
        require_active(*target, "transfer_to");
        if (target->id == o.id) {
            throw ApiError(422, "org.transfer_to_self", "会员不能转到被撤销的组织本身",
                           "transfer_to");
        }
    } else {
        const int64_t members = member_counter_ ? member_counter_(tx, o) : 0;
        if (members > 0) {
            throw ApiError(409, "org.has_members",
                           "该组织还有 " + std::to_string(members) +
                               " 名会员，请指定 transfer_to 把会员转到其他组织");
        }
    }
    for (const auto& h : rehome_hooks_) h(tx, o, target ? &*target : nullptr, by, "组织撤销");
    tx.execute("UPDATE orgs SET status = 'dissolved', updated_at = ? WHERE id = ?", {now(), id});
    return *find(tx, id);
}

}  // namespace gh::orgs
