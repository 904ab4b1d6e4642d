// HTTP ⇄ OrgService: moving, merging and dissolving orgs. Each is one transaction with its audit
// row; the paths other domains copy follow inside it (the hooks app.cpp registers).
#include "core/auth/audit_record.h"
#include "core/http/fields.h"
#include "core/http/router.h"
#include "domains/orgs/routes.h"

namespace gh::orgs {

namespace {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

int64_t required_id(const json& body, const char* field) {
    auto v = http::optional_int(body, field);
    if (!v) throw ApiError(422, "field.required", "此项必填", field);
    return *v;
}

}  // namespace

void register_structure_routes(http::Router& r, db::Pool& pool, OrgService& svc,
                               audit::AuditLog& audit) {
    r.add("POST", "/api/v1/orgs/{id}/move", Access::need("org.write"),
          [&pool, &svc, &audit](Request& req) {
              const int64_t parent_id = required_id(http::json_object(req), "parent_id");
              const int64_t id = http::path_id(req);
              auto c = pool.acquire();
              Org o = db::in_transaction(*c, [&](db::Connection& tx) {
                  const auto before = svc.find(tx, id);
                  Org moved = svc.move(tx, auth::principal_of(req).scope(), id, parent_id);
                  auth::record(audit, tx, auth::actor_of(req), "org.move", "org",
                               std::to_string(id),
                               {{"from_parent_id",
                                 before ? json(before->parent_id.value_or(0)) : json(nullptr)},
                                {"to_parent_id", parent_id},
                                {"from_path", before ? before->path : ""},
                                {"to_path", moved.path}});
                  return moved;
              });
              return Response::json(org_json(o));
          });

    r.add("POST", "/api/v1/orgs/{id}/merge", Access::need("org.write"),
          [&pool, &svc, &audit](Request& req) {
              const int64_t into_id = required_id(http::json_object(req), "into_id");
              const int64_t id = http::path_id(req);
              auto c = pool.acquire();
              Org o = db::in_transaction(*c, [&](db::Connection& tx) {
                  const auto by = auth::actor_of(req);
                  Org merged = svc.merge(tx, auth::principal_of(req).scope(), by, id, into_id);
                  auth::record(audit, tx, by, "org.merge", "org", std::to_string(id),
                               {{"into_id", into_id}, {"name", merged.name}});
                  return merged;
              });
              return Response::json(org_json(o));
          });

    r.add("POST", "/api/v1/orgs/{id}/dissolve", Access::need("org.write"),
          [&pool, &svc, &audit](Request& req) {
              const auto transfer_to = http::optional_int(http::json_object(req), "transfer_to");
              const int64_t id = http::path_id(req);
              auto c = pool.acquire();
              Org o = db::in_transaction(*c, [&](db::Connection& tx) {
                  const auto by = auth::actor_of(req);
                  Org gone = svc.dissolve(tx, auth::principal_of(req).scope(), by, id, transfer_to);
                  auth::record(audit, tx, by, "org.dissolve", "org", std::to_string(id),
                               {{"transfer_to", transfer_to ? json(*transfer_to) : json(nullptr)},
                                {"name", gone.name}});
                  return gone;
              });
              return Response::json(org_json(o));
          });
}

}  // namespace gh::orgs
