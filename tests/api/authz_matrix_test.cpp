// Every registered route, called as every role: a route answers 401 to no one signed in (unless
// public), 403 auth.forbidden exactly to the roles without its permission, and something other
// than 401/403 to the roles with it. New routes are covered automatically: the list comes from
// the server itself (GET /api/v1/system/routes, open to any signed-in account).
#include <set>

#include "identity_world.h"

using namespace gh::test;

namespace {

std::string fill_params(std::string pattern) {
    for (size_t a = pattern.find('{'); a != std::string::npos; a = pattern.find('{')) {
        pattern.replace(a, pattern.find('}', a) - a + 1, "999999");
    }
    return pattern;
}

}  // namespace

TEST(AuthorizationMatrix, EveryRouteAnswersEveryRoleAsDeclared) {
    IdentityWorld world;
    const std::vector<std::string> roles = {
        "admin",          "security_admin", "audit_admin", "federation_cadre", "union_cadre",
        "station_keeper", "hotline_agent",  "mediator",    "aid_reviewer",     "auditor"};
    for (const auto& role : roles) world.add("m_" + role, "610424", {role});

    auto& any = world.ready("m_auditor");
    auto listing = any.get("/api/v1/system/routes");
    ASSERT_EQ(listing.status, 200) << listing.body;
    auto routes = listing.json()["items"];
    ASSERT_GT(routes.size(), 10u);
    // Routes whose permission the matrix must see (a route missing from the listing would
    // escape it): the member registry's Excel exchange.
    for (const char* want :
         {"GET /api/v1/members/import-template", "POST /api/v1/members/import",
          "GET /api/v1/members/import-reports/{token}", "GET /api/v1/members/export"}) {
        bool listed = false;
        for (const auto& route : routes) {
            listed |=
                route["method"].get<std::string>() + " " + route["pattern"].get<std::string>() ==
                want;
        }
        EXPECT_TRUE(listed) << want;
    }

    // Routes that must be in the walk (the union tree, issue #5): a route dropped from
    // registration would otherwise leave the matrix silently.
    const std::vector<std::pair<std::string, std::string>> required = {
        {"GET", "/api/v1/orgs"},
        {"GET", "/api/v1/orgs/tree"},
        {"GET", "/api/v1/orgs/{id}"},
        {"PUT", "/api/v1/orgs/{id}"},
        {"POST", "/api/v1/orgs/{id}/move"},
        {"POST", "/api/v1/orgs/{id}/merge"},
        {"POST", "/api/v1/orgs/{id}/dissolve"},
        {"GET", "/api/v1/orgs/{id}/honours"},
        {"POST", "/api/v1/orgs/{id}/honours"},
        {"DELETE", "/api/v1/orgs/{id}/honours/{hid}"},
        {"GET", "/api/v1/join/unions"},
        {"PUT", "/api/v1/employers/{id}"},
        {"POST", "/api/v1/employers/import"},
        {"GET", "/api/v1/employers/import-template"},
        {"GET", "/api/v1/verify/card/{card_no}"},
        {"POST", "/api/v1/transfers/requests"},
        {"POST", "/api/v1/transfers/{id}/accept"},
        {"GET", "/api/v1/transfers"},
        {"GET", "/api/v1/accounts"},
        {"POST", "/api/v1/accounts/{id}/disable"},
        {"POST", "/api/v1/accounts/{id}/enable"},
        {"POST", "/api/v1/accounts/{id}/reset-password"},
        {"POST", "/api/v1/accounts/{id}/unlock"},
        {"GET", "/api/v1/accounts/{id}/sessions"},
        {"DELETE", "/api/v1/sessions/{id}"},
        {"GET", "/api/v1/roles"},
    };
    for (const auto& [method, pattern] : required) {
        bool listed = false;
        for (const auto& route : routes) {
            listed |= route["method"] == method && route["pattern"] == pattern;
        }
        EXPECT_TRUE(listed) << method << " " << pattern;
    }
    // Joining (入会): listed here so that losing one of them fails this test.
    for (const char* expected :
         {"GET /api/v1/worker/applications/consent", "POST /api/v1/worker/applications",
          "PUT /api/v1/worker/applications/{id}", "GET /api/v1/worker/applications",
          "GET /api/v1/worker/membership", "GET /api/v1/worker/membership/card.svg",
          "GET /api/v1/join-applications", "GET /api/v1/join-applications/{id}",
          "POST /api/v1/join-applications/{id}/approve",
          "POST /api/v1/join-applications/{id}/reject",
          "POST /api/v1/join-applications/batch-approve", "POST /api/v1/orgs/{id}/ceremony",
          "GET /api/v1/members/{id}/card.svg", "POST /api/v1/members/{id}/release-phone"}) {
        bool found = false;
        for (const auto& route : routes) {
            found |=
                route["method"].get<std::string>() + " " + route["pattern"].get<std::string>() ==
                expected;
        }
        EXPECT_TRUE(found) << expected;
    }

    // The catalogues (core/app/catalogue.h): every permission a domain declares guards a route
    // (a refining one is checked by a service instead) and is held by some role (an implicit one
    // by every caller of a kind); the roles are the ones walked here.
    const auto cat = run_gonghui({"catalogue"});
    ASSERT_EQ(cat.exit_code, 0) << cat.output;
    const auto catalogue = nlohmann::json::parse(cat.output);
    std::set<std::string> guarding;
    for (const auto& route : routes) {
        if (!route["public"].get<bool>()) guarding.insert(route["permission"].get<std::string>());
    }
    std::set<std::string> granted;
    for (const auto& g : catalogue["grants"]) granted.insert(g["permission"].get<std::string>());
    for (const auto& p : catalogue["permissions"]) {
        const std::string name = p["name"], held = p["held"];
        if (held != "refining") {
            EXPECT_TRUE(guarding.count(name)) << name << " guards no route";
        }
        if (held != "implicitly") {
            EXPECT_TRUE(granted.count(name)) << name << " is granted to no role";
        }
    }
    for (const auto& route : routes) {
        if (route["public"].get<bool>()) continue;
        bool declared = false;
        for (const auto& p : catalogue["permissions"]) declared |= p["name"] == route["permission"];
        EXPECT_TRUE(declared) << route["pattern"] << " declares " << route["permission"];
    }
    std::vector<std::string> catalogue_roles;
    for (const auto& r : catalogue["roles"]) catalogue_roles.push_back(r["name"]);
    EXPECT_EQ(catalogue_roles, roles);

    HttpClient anonymous(world.port());
    int checked = 0;
    for (const auto& route : routes) {
        const std::string method = route["method"], pattern = route["pattern"];
        const std::string permission = route["permission"];
        const bool is_public = route["public"];
        const std::string target = fill_params(pattern);
        SCOPED_TRACE(method + " " + pattern + " needs " + (is_public ? "nothing" : permission));
        if (method == "POST" && pattern == "/api/v1/auth/logout") continue;  // would end sessions
        if (pattern.find("logout-others") != std::string::npos) continue;
        if (pattern == "/api/v1/auth/password" || pattern.find("/totp/") != std::string::npos) {
            continue;  // change the caller's own credentials: covered in identity_test
        }
        if (!is_public) {
            auto r =
                anonymous.request(method, target, "{}", {{"Content-Type", "application/json"}});
            EXPECT_EQ(r.status, 401) << r.body;
        }
        for (const auto& role : roles) {
            auto& s = world.ready("m_" + role);
            auto me = s.get("/api/v1/auth/me").json();
            bool allowed = is_public || permission == "auth.session";
            for (auto& p : me["permissions"]) allowed |= p == permission;
            auto r = method == "GET" ? s.get(target) : s.send(method, target);
            if (allowed) {
                EXPECT_NE(r.status, 401) << role << ": " << r.body;
                EXPECT_NE(r.status, 403) << role << ": " << r.body;
            } else {
                EXPECT_EQ(r.status, 403) << role << ": " << r.body;
                if (r.status == 403) {
                    EXPECT_EQ(r.json()["error"]["code"], "auth.forbidden");
                }
            }
            EXPECT_LT(r.status, 500) << role << ": " << r.body;
            ++checked;
        }
    }
    EXPECT_GT(checked, 100);
}
