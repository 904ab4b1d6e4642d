#pragma once

#include <nlohmann/json.hpp>

#include "domains/orgs/orgs.h"

namespace gh::http {
class Router;
class Cursors;
}  // namespace gh::http

namespace gh::orgs {

// Every org route (the service keeps the transactions and audit rows). The list answers
// next_cursor sealed by `cursors` (core/http/cursor.h).
void register_routes(http::Router& r, OrgService& svc, const http::Cursors& cursors);

// Pieces of the registration, one per file.
void register_structure_routes(http::Router& r, OrgService& svc);
void register_tree_routes(http::Router& r, OrgService& svc);

nlohmann::json org_json(const Org& o);
// The tree API's answer: flat {"root_id", "items": [{…}], "count"}, nested {"root": {…,
// "children": [...]}, "count"}, or compact {"root_id", "columns", "rows": [[…]], "count"}.
// Public for bench/micro/org_tree.cpp.
enum class TreeFormat { flat, nested, compact };
nlohmann::json tree_json(const std::vector<TreeNode>& nodes, TreeFormat format);

}  // namespace gh::orgs
