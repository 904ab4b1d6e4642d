// GET /api/v1/orgs/{id}/stats: how many unions and members a subtree holds. The org service
// counts orgs, the member service members; out of scope answers 404 like a missing org.
#include "core/auth/principal.h"
#include "core/error.h"
#include "core/http/router.h"
#include "domains/members/routes.h"

namespace gh::members {

void register_stats_route(http::Router& r, db::Pool& pool, orgs::OrgService& orgs,
                          MemberService& svc) {
    r.add("GET", "/api/v1/orgs/{id}/stats", http::Access::need("org.read"),
          [&pool, &orgs, &svc](http::Request& req) {
              const auto scope = auth::principal_of(req).scope();
              auto c = pool.acquire();
              auto org = orgs.resolve(*c, req.path_param("id"));
              if (!org || !scope.contains(org->path)) {
                  throw ApiError(404, "org.not_found", "组织不存在");
              }
              const int64_t unions = orgs.count_unions_in(*c, org->path);
              const MemberCounts counts = svc.count_in(*c, org->path);
              return http::Response::json({{"unions", unions},
                                           {"members", counts.members},
                                           {"gig_members", counts.gig_members}});
          });
}

}  // namespace gh::members
