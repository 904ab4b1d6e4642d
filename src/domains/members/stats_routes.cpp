// GET /api/v1/orgs/{id}/stats: the figures a federation reports for a subtree — unions (by type),
// members, gig-worker members, members by occupation, growth by month, 建会率 and 入会率. The org
// service counts orgs, the member service reads its rollups, the employer service counts
// employers; out of scope answers 404 like a missing org.
#include <cmath>

#include <fmt/format.h>

#include "core/auth/principal.h"
#include "core/error.h"
#include "core/http/caller.h"
#include "core/http/fields.h"
#include "core/http/router.h"
#include "domains/members/codes.h"
#include "domains/members/rollups.h"
#include "domains/members/routes.h"

namespace gh::members {

namespace {

constexpr const char* kUnionizationFormula = "建会率 = 已建会单位数 ÷ 应建会单位数";
constexpr const char* kMembershipFormula = "入会率 = 已建会单位的工会会员数 ÷ 已建会单位的职工数";

nlohmann::json ratio(int64_t num, int64_t den) {
    if (den <= 0) return nullptr;
    const double share = static_cast<double>(num) / static_cast<double>(den);
    return std::round(share * 10000.0) / 10000.0;
}

// The `n` months up to and including `last` ('YYYY-MM'), oldest first.
std::vector<std::string> months_back(const std::string& last, int n) {
    int y = std::stoi(last.substr(0, 4)), m = std::stoi(last.substr(5, 2));
    std::vector<std::string> out(static_cast<size_t>(n));
    for (int i = n - 1; i >= 0; --i) {
        out[static_cast<size_t>(i)] = fmt::format("{:04}-{:02}", y, m);
        if (--m == 0) {
            m = 12;
            --y;
        }
    }
    return out;
}

nlohmann::json growth_json(MemberService& svc, db::Connection& c, const std::string& path,
                           int months) {
    const auto range = months_back(this_month(), months);
    const auto flows = svc.growth(c, path, range.front());
    nlohmann::json out = nlohmann::json::array();
    size_t j = 0;
    for (const auto& month : range) {
        while (j < flows.size() && flows[j].month < month) ++j;
        const bool hit = j < flows.size() && flows[j].month == month;
        const int64_t in = hit ? flows[j].joined : 0, gone = hit ? flows[j].departed : 0;
        out.push_back({{"month", month}, {"joined", in}, {"departed", gone}, {"net", in - gone}});
    }
    return out;
}

}  // namespace

void register_stats_route(http::Router& r, db::Pool& pool, orgs::OrgService& orgs,
                          MemberService& svc, employers::EmployerService& employers) {
    r.add(
        "GET", "/api/v1/orgs/{id}/stats", http::Access::need("org.read"),
        [&pool, &orgs, &svc, &employers](http::Request& req) {
            const auto scope = http::principal_of(req).scope();
            const int64_t months = http::query_int(req, "months", 24);
            if (months < 1 || months > 120) {
                throw ApiError(422, "stats.months", "月份数应为 1 到 120", "months");
            }
            auto c = pool.acquire();
            auto org = orgs.resolve(*c, req.path_param("id"));
            if (!org || !scope.contains(org->path)) {
                throw ApiError(404, "org.not_found", "组织不存在");
            }
            const int64_t unions = orgs.count_unions_in(*c, org->path);
            nlohmann::json by_type = nlohmann::json::object();
            for (const auto& [type, n] : orgs.count_by_type(*c, org->path)) by_type[type] = n;
            const MemberCounts counts = svc.count_in(*c, org->path);
            nlohmann::json by_occupation = nlohmann::json::array();
            for (const auto& [occupation, n] : svc.count_by_occupation(*c, org->path)) {
                by_occupation.push_back(
                    {{"occupation", occupation},
                     {"label", occupation.empty() ? std::string("未填写")
                                                  : label_of(occupation_categories(), occupation)},
                     {"members", n}});
            }
            const employers::EmployerCounts e = employers.count_in(*c, org->path);
            const int64_t in_unionized =
                svc.count_in_orgs(*c, employers.union_orgs_in(*c, org->path));
            return http::Response::json(
                {{"org_id", org->id},
                 {"unions", unions},
                 {"unions_by_type", by_type},
                 {"members", counts.members},
                 {"gig_members", counts.gig_members},
                 {"members_by_occupation", by_occupation},
                 {"growth", growth_json(svc, *c, org->path, static_cast<int>(months))},
                 {"employers", e.employers},
                 {"employers_should_unionize", e.should_unionize},
                 {"employers_unionized", e.unionized},
                 {"employers_unionized_expected", e.unionized_expected},
                 // 建会率: of the employers that should have a union, the share that has one.
                 {"unionization_rate", ratio(e.unionized_expected, e.should_unionize)},
                 {"unionized_staff", e.unionized_staff},
                 {"members_in_unionized_employers", in_unionized},
                 {"membership_rate", ratio(in_unionized, e.unionized_staff)},
                 {"formulas",
                  {{"unionization_rate", kUnionizationFormula},
                   {"membership_rate", kMembershipFormula}}}});
        });
}

}  // namespace gh::members
