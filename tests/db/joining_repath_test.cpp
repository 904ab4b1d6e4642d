// JoinService::repath on both databases: when an org subtree moves, the applications' copies of
// its path move with it, and the scope follows (the org move itself belongs to the orgs domain).
#include <gtest/gtest.h>

#include <filesystem>

#include "app_world.h"
#include "core/cn/id_number.h"
#include "core/db/migrate.h"
#include "core/pii/key_file.h"
#include "domains/joining/joining.h"
#include "test_env.h"

using namespace gh;

TEST(JoiningRepath, ApplicationsFollowTheirOrgToItsNewPath) {
    test::TestDatabase tdb;
    test::AppWorld world(tdb.url());
    auto& pool = world.pool();
    auto& orgs = world.get<orgs::OrgService>();
    auto& join = world.get<joining::JoinService>();

    orgs::Org a, b, u;
    {
        auto c = pool.acquire();
        db::in_transaction(*c, [&](db::Connection& tx) {
            a = orgs.ensure_federation(tx, "610424");
            b = orgs.ensure_federation(tx, "610482");
            u = orgs.create(tx, {"乾县某工会", "grassroots_union", a.id, std::nullopt});
        });
    }
    auth::Principal op;
    op.kind = "system";
    op.org_path = "/";
    const auth::Actor by = auth::system_actor("test");
    joining::CeremonyPerson person;
    person.name = "王一";
    person.id_number = cn::make_id_number("61042419900101991");
    auto done = join.ceremony(by, op, u.id, {person}, true, joining::kConsentVersion);
    ASSERT_EQ(done.size(), 1u);
    const int64_t id = done[0].id;

    auth::Principal in_a = op, in_b = op;
    in_a.org_path = a.path;
    in_b.org_path = b.path;
    EXPECT_TRUE(join.get(in_a, id));
    EXPECT_FALSE(join.get(in_b, id));

    // The union moves under 彬州: its path "/…/a/u/" becomes "/…/b/u/".
    const std::string moved = b.path + std::to_string(u.id) + "/";
    {
        auto c = pool.acquire();
        db::in_transaction(*c, [&](db::Connection& tx) { join.repath(tx, u.path, moved); });
        EXPECT_EQ(c->query("SELECT org_path FROM join_applications WHERE id = ?", {id})
                      .front()
                      .get<std::string>(0),
                  moved);
    }
    EXPECT_FALSE(join.get(in_a, id));
    EXPECT_TRUE(join.get(in_b, id));
}
