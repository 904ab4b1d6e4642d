// The union tree (org): ids, parents, materialised paths. Every scoped read in the product asks
// this service whether an org lies inside a caller's subtree. Owns the `orgs` table.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/auth/principal.h"
#include "core/db/db.h"

namespace gh::orgs {

struct Org {
    int64_t id = 0;
    std::optional<int64_t> parent_id;
    std::string path;  // "/1/5/12/"
    std::string name;
    std::string type;  // federation, township_union, grassroots_union, …
    std::optional<std::string> division_code;
};

using Scope = auth::Scope;

struct NewOrg {
    std::string name;
    std::string type;
    std::optional<int64_t> parent_id;
    std::optional<std::string> division_code;
};

class OrgService {
public:
    std::optional<Org> find(db::Connection& c, int64_t id);
    std::optional<Org> find_by_division(db::Connection& c, std::string_view code);
    // "123" (an id) or "610424" (a federation's division code; tried first when 6 digits).
    std::optional<Org> resolve(db::Connection& c, std::string_view id_or_code);
    std::optional<Org> resolve_id(db::Connection& c, std::string_view id);
    // resolve(), and for a GB/T 2260 code not yet in the tree, its federation chain created
    // (the operator's commands name federations by division code on a new installation).
    std::optional<Org> resolve_or_create_federation(db::Connection& c, std::string_view ref);
    // Scoped read: nullopt when missing or outside the scope (callers answer 404 for both).
    std::optional<Org> find_in_scope(db::Connection& c, const Scope& s, int64_t id);
    std::vector<Org> list_in_scope(db::Connection& c, const Scope& s, int64_t after_id, int limit);
    int64_t count_in_scope(db::Connection& c, const Scope& s);
    // Unions in the subtree at `path` (the org itself included): every org but federations and
    // holding pools.
    int64_t count_unions_in(db::Connection& c, const std::string& path);
    // Validates and inserts; the parent must exist. Throws ApiError on bad input.
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
};

}  // namespace gh::orgs
