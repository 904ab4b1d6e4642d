// HTTP ⇄ OrgService: moving, merging and dissolving orgs (the service runs each in one
// transaction with its audit row; the paths other domains copy follow inside it).
#include "core/http/caller.h"
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

void register_structure_routes(http::Router& r, OrgService& svc) {
    r.add("POST", "/api/v1/orgs/{id}/move", Access::need("org.write"), [&svc](Request& req) {
        const int64_t parent_id = required_id(http::json_object(req), "parent_id");
        return Response::json(org_json(svc.move(
            http::actor_of(req), http::principal_of(req).scope(), http::path_id(req), parent_id)));
    });

    r.add("POST", "/api/v1/orgs/{id}/merge", Access::need("org.write"), [&svc](Request& req) {
        const int64_t into_id = required_id(http::json_object(req), "into_id");
        return Response::json(org_json(svc.merge(
            http::actor_of(req), http::principal_of(req).scope(), http::path_id(req), into_id)));
    });

    r.add("POST", "/api/v1/orgs/{id}/dissolve", Access::need("org.write"), [&svc](Request& req) {
        const auto transfer_to = http::optional_int(http::json_object(req), "transfer_to");
        return Response::json(
            org_json(svc.dissolve(http::actor_of(req), http::principal_of(req).scope(),
                                  http::path_id(req), transfer_to)));
    });
}

}  // namespace gh::orgs
