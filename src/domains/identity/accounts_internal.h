// Shared by accounts.cpp and account_admin.cpp: the account row and its reading.
#pragma once

#include "core/db/db.h"
#include "domains/identity/identity.h"

namespace gh::identity::detail {

inline constexpr const char* kAccountSql =
    "SELECT a.id, a.username, a.display_name, a.status, a.org_id, a.must_change_password, "
    "a.totp_enabled, a.locked_until, a.org_path FROM staff_accounts a ";

AccountView account_from(db::Connection& c, const db::Row& r);
std::string generate_password();

}  // namespace gh::identity::detail
