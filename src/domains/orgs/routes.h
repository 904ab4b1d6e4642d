#pragma once

#include <nlohmann/json.hpp>

#include "core/audit/audit.h"
#include "core/auth/principal.h"
#include "core/db/pool.h"
#include "domains/orgs/orgs.h"

namespace gh::http {
class Router;
class Cursors;
}  // namespace gh::http

namespace gh::orgs {

// Every org route; writes append their audit row to `audit` in the caller's transaction. The
// list answers next_cursor sealed by `cursors` (core/http/cursor.h).
void register_routes(http::Router& r, db::Pool& pool, OrgService& svc, audit::AuditLog& audit,
                     const http::Cursors& cursors);

// Pieces of the registration, one per file.
void register_structure_routes(http::Router& r, db::Pool& pool, OrgService& svc,
                               audit::AuditLog& audit);
void register_tree_routes(http::Router& r, db::Pool& pool, OrgService& svc);

nlohmann::json org_json(const Org& o);
// The tree API's answer: flat {"root_id", "items": [{…}], "count"}, nested {"root": {…,
// "children": [...]}, "count"}, or compact {"root_id", "columns", "rows": [[…]], "count"}.
// Public for bench/micro/org_tree.cpp.
enum class TreeFormat { flat, nested, compact };
nlohmann::json tree_json(const std::vector<TreeNode>& nodes, TreeFormat format);

}  // namespace gh::orgs
