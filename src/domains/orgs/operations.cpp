// OrgService's whole operations: what a route asks for, each in one transaction with its audit
// row. The routes only read the request and write the answer.
#include <nlohmann/json.hpp>

#include "core/auth/audit_record.h"
#include "core/error.h"
#include "domains/orgs/orgs.h"

namespace gh::orgs {

namespace {

using nlohmann::json;

template <class T>
json nullable(const std::optional<T>& v) {
    return v ? json(*v) : json(nullptr);
}

// The fields an org.update audit row may carry values of; the chair's name (a person's) is
// recorded as changed, never copied.
json audit_detail(const Org& o, const std::vector<std::string>& changed) {
    json d = {{"fields", changed}};
    for (const auto& f : changed) {
        if (f == "name") d["name"] = o.name;
        if (f == "credit_code") d["credit_code"] = nullable(o.credit_code);
        if (f == "industry") d["industry"] = o.industry;
        if (f == "founded_on") d["founded_on"] = nullable(o.founded_on);
    }
    return d;
}

ApiError not_found() { return ApiError(404, "org.not_found", "组织不存在"); }

}  // namespace

OrgPage OrgService::list(const Scope& s, int64_t after_id, int limit, std::string_view q) {
    auto c = pool_.acquire();
    OrgPage page;
    page.items = list_in_scope(*c, s, after_id, limit, q);
    page.more = page.items.size() == static_cast<size_t>(limit);
    page.total = count_in_scope(*c, s, q);
    return page;
}

Org OrgService::get(const Scope& s, int64_t id) {
    auto c = pool_.acquire();
    auto o = find_in_scope(*c, s, id);
    if (!o) throw not_found();
    return *o;
}

Org OrgService::create(const auth::Actor& by, const Scope& s, const NewOrg& n) {
    auto c = pool_.acquire();
    return db::in_transaction(*c, [&](db::Connection& tx) {
        // The parent must be within reach: a cadre cannot hang an org under a neighbour.
        if (!n.parent_id || !find_in_scope(tx, s, *n.parent_id)) {
            throw ApiError(422, "org.parent", "上级组织不存在或不在管辖范围内", "parent_id");
        }
        Org o = create(tx, n);
        auth::record(audit_, tx, by, "org.create", "org", std::to_string(o.id),
                     {{"name", o.name}, {"type", o.type}});
        return o;
    });
}

Org OrgService::update(const auth::Actor& by, const Scope& s, int64_t id, const OrgPatch& patch) {
    auto c = pool_.acquire();
    return db::in_transaction(*c, [&](db::Connection& tx) {
        std::vector<std::string> changed;
        Org after = update(tx, s, id, patch, &changed);
        if (!changed.empty()) {
            auth::record(audit_, tx, by, "org.update", "org", std::to_string(id),
                         audit_detail(after, changed));
        }
        return after;
    });
}

std::vector<Honour> OrgService::honours(const Scope& s, int64_t id) {
    auto c = pool_.acquire();
    auto o = find_in_scope(*c, s, id);
    if (!o) throw not_found();
    return honours(*c, o->id);
}

Honour OrgService::add_honour(const auth::Actor& by, const Scope& s, int64_t id,
                              const NewHonour& h) {
    auto c = pool_.acquire();
    return db::in_transaction(*c, [&](db::Connection& tx) {
        if (!find_in_scope(tx, s, id)) throw not_found();
        Honour out = add_honour(tx, id, h);
        auth::record(audit_, tx, by, "org.honour_add", "org", std::to_string(id),
                     {{"honour_id", out.id}, {"title", out.title}, {"year", out.year}});
        return out;
    });
}

void OrgService::remove_honour(const auth::Actor& by, const Scope& s, int64_t id,
                               int64_t honour_id) {
    auto c = pool_.acquire();
    db::in_transaction(*c, [&](db::Connection& tx) {
        if (!find_in_scope(tx, s, id) || !remove_honour(tx, id, honour_id)) {
            throw ApiError(404, "org.honour_not_found", "荣誉记录不存在");
        }
        auth::record(audit_, tx, by, "org.honour_remove", "org", std::to_string(id),
                     {{"honour_id", honour_id}});
    });
}

Org OrgService::move(const auth::Actor& by, const Scope& s, int64_t id, int64_t parent_id) {
    auto c = pool_.acquire();
    return db::in_transaction(*c, [&](db::Connection& tx) {
        const auto before = find(tx, id);
        Org moved = move(tx, s, id, parent_id);
        auth::record(
            audit_, tx, by, "org.move", "org", std::to_string(id),
            {{"from_parent_id", before ? json(before->parent_id.value_or(0)) : json(nullptr)},
             {"to_parent_id", parent_id},
             {"from_path", before ? before->path : ""},
             {"to_path", moved.path}});
        return moved;
    });
}

Org OrgService::merge(const auth::Actor& by, const Scope& s, int64_t id, int64_t into_id) {
    auto c = pool_.acquire();
    return db::in_transaction(*c, [&](db::Connection& tx) {
        Org merged = merge(tx, s, by, id, into_id);
        auth::record(audit_, tx, by, "org.merge", "org", std::to_string(id),
                     {{"into_id", into_id}, {"name", merged.name}});
        return merged;
    });
}

Org OrgService::dissolve(const auth::Actor& by, const Scope& s, int64_t id,
                         std::optional<int64_t> transfer_to) {
    auto c = pool_.acquire();
    return db::in_transaction(*c, [&](db::Connection& tx) {
        Org gone = dissolve(tx, s, by, id, transfer_to);
        auth::record(audit_, tx, by, "org.dissolve", "org", std::to_string(id),
                     {{"transfer_to", nullable(transfer_to)}, {"name", gone.name}});
        return gone;
    });
}

std::vector<TreeNode> OrgService::tree(const Scope& s, int64_t root, int depth,
                                       bool include_inactive) {
    auto c = pool_.acquire();
    auto o = find_in_scope(*c, s, root);
    if (!o) throw not_found();
    return tree(*c, *o, depth, include_inactive);
}

std::vector<JoinableUnion> OrgService::joinable(const JoinQuery& q) {
    auto c = pool_.acquire();
    return joinable(*c, q);
}

}  // namespace gh::orgs
