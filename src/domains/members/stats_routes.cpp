// GET /api/v1/orgs/{id}/stats: how many unions, members and employers a subtree holds, and its
// 建会率. The org service counts orgs, the member service members, the employer service
// employers; out of scope answers 404 like a missing org.
#include <cmath>

#include "core/auth/principal.h"
#include "core/error.h"
#include "core/http/router.h"
#include "domains/members/routes.h"

namespace gh::members {

void register_stats_route(http::Router& r, db::Pool& pool, orgs::OrgService& orgs,
                          MemberService& svc, employers::EmployerService& employers) {
    r.add("GET", "/api/v1/orgs/{id}/stats", http::Access::need("org.read"),
          [&pool, &orgs, &svc, &employers](http::Request& req) {
              const auto scope = auth::principal_of(req).scope();
              auto c = pool.acquire();
              auto org = orgs.resolve(*c, req.path_param("id"));
              if (!org || !scope.contains(org->path)) {
                  throw ApiError(404, "org.not_found", "组织不存在");
              }
              const int64_t unions = orgs.count_unions_in(*c, org->path);
              const MemberCounts counts = svc.count_in(*c, org->path);
              const employers::EmployerCounts e = employers.count_in(*c, org->path);
              // 建会率: of the employers that should have a union, the share that has one.
              nlohmann::json rate = nullptr;
              if (e.should_unionize > 0) {
                  const double share = static_cast<double>(e.unionized_expected) /
                                       static_cast<double>(e.should_unionize);
                  rate = std::round(share * 10000.0) / 10000.0;
              }
              return http::Response::json({{"unions", unions},
                                           {"members", counts.members},
                                           {"gig_members", counts.gig_members},
                                           {"employers", e.employers},
                                           {"employers_should_unionize", e.should_unionize},
                                           {"employers_unionized", e.unionized},
                                           {"unionization_rate", rate}});
          });
}

}  // namespace gh::members
