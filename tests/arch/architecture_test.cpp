// The architecture test: the layout rules (tests/arch/rules.h) hold on src/, and the checker
// catches each rule broken on purpose in a small tree; every domain's catalogue declares the
// error codes its sources answer, and the permissions and grants fit together.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/app/domain.h"
#include "domains/identity/roles.h"
#include "rules.h"

namespace fs = std::filesystem;
using namespace gh;

namespace {

const fs::path kSrc = fs::path(GONGHUI_SOURCE_DIR) / "src";

void write(const fs::path& p, const std::string& text) {
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
}

std::string describe(const std::vector<arch::Violation>& vs) {
    std::string out;
    for (const auto& v : vs) {
        out += v.rule + " " + v.file + ":" + std::to_string(v.line) + " " + v.detail + "\n";
    }
    return out;
}

int count(const std::vector<arch::Violation>& vs, const std::string& rule) {
    return static_cast<int>(
        std::count_if(vs.begin(), vs.end(), [&](const auto& v) { return v.rule == rule; }));
}

}  // namespace

TEST(Architecture, TheSourceTreeKeepsTheRules) {
    ASSERT_TRUE(fs::exists(kSrc / "domains" / "members" / "members.h")) << kSrc;
    const auto owners = arch::owned_tables(kSrc);
    ASSERT_TRUE(owners.at("members").count("members"));  // the reader still finds the tables
    ASSERT_TRUE(owners.at("core").count("audit_log"));
    const auto vs = arch::check_tree(kSrc);
    EXPECT_TRUE(vs.empty()) << describe(vs);
}

TEST(Architecture, EachRuleBrokenOnPurposeIsCaught) {
    const fs::path root = fs::temp_directory_path() / ("gh_arch_" + std::to_string(getpid()));
    fs::remove_all(root);
    write(root / "domains/alpha/migrations/0001_alphas.sql", "CREATE TABLE alphas (id INTEGER);\n");
    write(root / "domains/alpha/alpha.h", "#pragma once\n");
    write(root / "domains/alpha/internal.h", "#pragma once\n");
    write(root / "domains/beta/migrations/0001_betas.sql",
          "CREATE TABLE IF NOT EXISTS betas (id INTEGER);\n");
    write(root / "domains/beta/service.cpp",
          "#include \"domains/alpha/alpha.h\"\n"     // allowed: the public header
          "#include \"domains/beta/internal.h\"\n"   // allowed: its own
          "#include \"domains/alpha/internal.h\"\n"  // internal-header
          "auto a = \"SELECT id FROM betas\";\n"     // its own table
          "auto b = \"SELECT b.id FROM betas b JOIN alphas a ON a.id = b.id\";\n"  // foreign
          "auto c = \"UPDATE alphas SET id = 1\";\n"                               // foreign
          "auto d = \"SELECT * FROM audit_log\";\n");                              // core's table
    write(root / "core/audit/migrations/0001_audit.sql", "CREATE TABLE audit_log (id INTEGER);\n");
    write(root / "core/http/router.h", "#include \"domains/alpha/alpha.h\"\n");
    write(root / "core/auth/principal.h", "#include \"core/http/message.h\"\n");
    const auto vs = arch::check_tree(root);
    EXPECT_EQ(count(vs, "internal-header"), 1) << describe(vs);
    EXPECT_EQ(count(vs, "foreign-table"), 3) << describe(vs);
    EXPECT_EQ(count(vs, "core-includes-domain"), 1) << describe(vs);
    EXPECT_EQ(count(vs, "auth-includes-http"), 1) << describe(vs);
    EXPECT_EQ(vs.size(), 6u) << describe(vs);
    fs::remove_all(root);
}

TEST(Catalogues, EveryErrorCodeASourceAnswersIsDeclaredOnce) {
    app::Catalogues all;
    std::map<std::string, std::string> declared_by;
    auto add = [&](std::string_view domain, const app::Catalogue& c) {
        all.add(domain, c);
        for (auto code : c.errors) {
            auto [it, fresh] = declared_by.emplace(std::string(code), std::string(domain));
            EXPECT_TRUE(fresh) << code << " is declared by " << it->second << " and " << domain;
        }
    };
    const auto domains = app::all_domains();
    add("core", app::core_catalogue());
    for (const auto& d : domains) add(d->name(), d->catalogue());
    size_t found = 0;
    for (const auto& dir : {kSrc / "core", kSrc / "domains"}) {
        for (const auto& code : arch::error_codes_in(dir)) {
            ++found;
            EXPECT_TRUE(all.declares_error(code))
                << code << " is answered in " << dir << " but no catalogue declares it";
        }
    }
    EXPECT_GT(found, 100u);  // the pattern still finds the codes
    // A code caught on purpose: an undeclared one is not declared.
    EXPECT_FALSE(all.declares_error("member.no_such_code"));
}

TEST(Catalogues, PermissionsGrantsAndRolesFitTogether) {
    const auto domains = app::all_domains();
    const app::Catalogues all = app::catalogues_of(domains);
    std::set<std::string> granted;
    for (const auto& g : all.grants()) {
        EXPECT_NE(identity::find_role(g.role), nullptr) << "grant to unknown role " << g.role;
        EXPECT_TRUE(all.declares(g.permission)) << "grant of undeclared " << g.permission;
        granted.insert(std::string(g.permission));
    }
    for (const auto& p : all.permissions()) {
        using Held = app::PermissionInfo::Held;
        if (p.info.held == Held::implicitly) {
            EXPECT_FALSE(granted.count(std::string(p.info.name)))
                << p.info.name << " is held implicitly; no role is granted it";
        } else {
            EXPECT_TRUE(granted.count(std::string(p.info.name)))
                << p.info.name << " (" << p.domain << ") is granted to no role";
        }
        EXPECT_FALSE(p.info.title.empty()) << p.info.name;
    }
    for (const auto& r : identity::all_roles()) {
        EXPECT_FALSE(all.permissions_of({std::string(r.name)}).empty())
            << "role " << r.name << " holds nothing";
    }
}
