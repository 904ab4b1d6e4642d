// Employers follow their orgs when the tree changes shape (called through the orgs hooks).
#include "core/time.h"
#include "domains/employers/employers.h"

namespace gh::employers {

void EmployerService::repath(db::Connection& tx, const std::string& old_prefix,
                             const std::string& new_prefix) {
    tx.execute(
        "UPDATE employers SET org_path = CAST(? AS TEXT) || substr(org_path, CAST(? AS INTEGER)) "
        "WHERE org_path >= ? AND org_path < ?",
        {new_prefix, static_cast<int64_t>(old_prefix.size() + 1), old_prefix, old_prefix + "\x7f"});
}

void EmployerService::rehome(db::Connection& tx, const orgs::Org& from, const orgs::Org* to) {
    const std::string now = clock_.now_iso();
    if (to) {
        tx.execute(
            "UPDATE employers SET org_id = ?, org_path = ?, updated_at = ? WHERE org_path = ? "
            "AND org_id = ?",
            {to->id, to->path, now, from.path, from.id});
    }
    tx.execute("UPDATE employers SET union_org_id = ?, updated_at = ? WHERE union_org_id = ?",
               {to ? db::Value(to->id) : db::null(), now, from.id});
}

}  // namespace gh::employers
