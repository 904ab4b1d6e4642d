// How an org row is read, shared by the service's translation units.
#pragma once

#include <optional>
#include <string>

#include "core/db/db.h"
#include "domains/orgs/orgs.h"

namespace gh::orgs::row {

inline constexpr const char* kColumns =
    "SELECT id, parent_id, path, name, type, division_code, credit_code, industry, address, lat, "
    "lng, chair_name, founded_on, status, merged_into, created_at, updated_at FROM orgs ";

inline Org from(const db::Row& r) {
    Org o;
    o.id = r.get<int64_t>(0);
    o.parent_id = r.get_opt<int64_t>(1);
    o.path = r.get<std::string>(2);
    o.name = r.get<std::string>(3);
    o.type = r.get<std::string>(4);
    o.division_code = r.get_opt<std::string>(5);
    o.credit_code = r.get_opt<std::string>(6);
    o.industry = r.get<std::string>(7);
    o.address = r.get<std::string>(8);
    o.lat = r.get_opt<double>(9);
    o.lng = r.get_opt<double>(10);
    o.chair_name = r.get<std::string>(11);
    o.founded_on = r.get_opt<std::string>(12);
    o.status = r.get<std::string>(13);
    o.merged_into = r.get_opt<int64_t>(14);
    o.created_at = r.get<std::string>(15);
    o.updated_at = r.get<std::string>(16);
    return o;
}

inline std::optional<Org> one(const db::ResultSet& rs) {
    if (rs.empty()) return std::nullopt;
    return from(rs.front());
}

// A LIKE pattern matching names that contain `q` (with '\' as the escape character).
inline std::string contains_pattern(std::string_view q) {
    std::string p = "%";
    for (char ch : q) {
        if (ch == '%' || ch == '_' || ch == '\\') p += '\\';
        p += ch;
    }
    return p + "%";
}

}  // namespace gh::orgs::row
