// Accounts follow their org when a subtree moves (called through the orgs repath hook). Sessions
// read the account's org_path on every request, so the next request already sees the new scope.
#include "domains/identity/identity.h"

namespace gh::identity {

void IdentityService::repath(db::Connection& tx, const std::string& old_prefix,
                             const std::string& new_prefix) {
    const db::Params params{new_prefix, static_cast<int64_t>(old_prefix.size() + 1), old_prefix,
                            old_prefix + "\x7f"};
    for (const char* table : {"staff_accounts", "service_accounts"}) {
        tx.execute(std::string("UPDATE ") + table +
                       " SET org_path = CAST(? AS TEXT) || substr(org_path, CAST(? AS INTEGER)) "
                       "WHERE org_path >= ? AND org_path < ?",
                   params);
    }
}

}  // namespace gh::identity
