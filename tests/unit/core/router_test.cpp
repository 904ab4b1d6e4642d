#include "core/http/router.h"

#include <gtest/gtest.h>

using gh::http::Access;
using gh::http::Request;
using gh::http::Response;
using gh::http::Router;

namespace {
Response ok(Request&) { return Response::text("ok"); }
}  // namespace

TEST(Router, MatchesLiteralAndParameterSegments) {
    Router r;
    r.add("GET", "/api/v1/orgs/tree", Access::need("org.read"), ok);
    r.add("GET", "/api/v1/orgs/{id}", Access::need("org.read"), ok);
    r.add("GET", "/api/v1/orgs/{id}/stats", Access::need("org.read"), ok);

    auto m = r.match("GET", "/api/v1/orgs/610424/stats");
    ASSERT_NE(m.route, nullptr);
    EXPECT_EQ(m.route->pattern, "/api/v1/orgs/{id}/stats");
    ASSERT_EQ(m.params.size(), 1u);
    EXPECT_EQ(m.params[0].first, "id");
    EXPECT_EQ(m.params[0].second, "610424");

    auto tree = r.match("GET", "/api/v1/orgs/tree");
    ASSERT_NE(tree.route, nullptr);
    EXPECT_EQ(tree.route->pattern, "/api/v1/orgs/tree");
}

TEST(Router, TrailingAndDoubleSlashesDoNotChangeTheRoute) {
    Router r;
    r.add("GET", "/healthz", Access::anyone(), ok);
    EXPECT_NE(r.match("GET", "/healthz/").route, nullptr);
    EXPECT_EQ(r.match("GET", "/healthz/x").route, nullptr);
}

TEST(Router, KnownPathWithOtherMethodReportsAllowedMethods) {
    Router r;
    r.add("GET", "/api/v1/members", Access::need("member.read"), ok);
    r.add("POST", "/api/v1/members", Access::need("member.write"), ok);
    auto m = r.match("DELETE", "/api/v1/members");
    EXPECT_EQ(m.route, nullptr);
    EXPECT_TRUE(m.path_known);
    EXPECT_EQ(m.allowed_methods, "GET, POST");
    auto none = r.match("GET", "/api/v1/nothing");
    EXPECT_FALSE(none.path_known);
}

TEST(Router, RouteWithoutPermissionDoesNotRegister) {
    Router r;
    EXPECT_THROW(r.add("GET", "/api/v1/x", Access{}, ok), std::logic_error);
    EXPECT_THROW(r.add("GET", "/api/v1/x", Access::need(""), ok), std::logic_error);
    EXPECT_TRUE(r.routes().empty());
}

TEST(Router, DuplicateAndMalformedRoutesAreRefused) {
    Router r;
    r.add("GET", "/a/{id}", Access::anyone(), ok);
    EXPECT_THROW(r.add("GET", "/a/{id}", Access::anyone(), ok), std::logic_error);
    EXPECT_THROW(r.add("GET", "a", Access::anyone(), ok), std::logic_error);
    EXPECT_NO_THROW(r.add("POST", "/a/{id}", Access::anyone(), ok));
}

TEST(Router, RegistrationOrderDecidesAcrossLiteralAndParameterRoutes) {
    Router r;
    r.add("GET", "/api/v1/{kind}/list", Access::anyone(), ok);
    r.add("GET", "/api/v1/orgs/list", Access::anyone(), ok);
    r.add("POST", "/api/v1/orgs/list", Access::anyone(), ok);
    auto m = r.match("GET", "/api/v1/orgs/list");
    ASSERT_NE(m.route, nullptr);
    EXPECT_EQ(m.route->pattern, "/api/v1/{kind}/list");  // registered first
    EXPECT_EQ(m.allowed_methods, "GET, GET, POST");
    auto other = r.match("POST", "/api/v1/members/list");
    EXPECT_EQ(other.route, nullptr);
    EXPECT_TRUE(other.path_known);  // the parameter route knows this path, with GET
    EXPECT_EQ(r.match("GET", "/").route, nullptr);
}

// A mistyped permission would register, deny everyone and pass the matrix: with the catalogues'
// check installed, the route does not register at all (the server refuses to start).
TEST(Router, APermissionNoCatalogueDeclaresDoesNotRegister) {
    Router r;
    r.set_permission_check([](std::string_view p) { return p == "member.read"; });
    auto h = [](Request&) { return Response::json({}); };
    EXPECT_NO_THROW(r.add("GET", "/api/v1/members", Access::need("member.read"), h));
    EXPECT_THROW(r.add("GET", "/api/v1/members/{id}", Access::need("member.raed"), h),
                 std::logic_error);
    EXPECT_NO_THROW(r.add("GET", "/livez", Access::anyone(), h));  // public: nothing to declare
}
