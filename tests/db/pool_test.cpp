#include "core/db/pool.h"

#include <gtest/gtest.h>

#include <thread>

#include "core/db/migrate.h"
#include "test_env.h"

using namespace gh::db;

TEST(Pool, ConcurrentWritersAllLand) {
    gh::test::TestDatabase tdb;
    Pool pool(parse_url(tdb.url()), 4);
    {
        auto c = pool.acquire();
        c->exec_script(
            apply_dialect("CREATE TABLE hits (id {{id}}, who BIGINT NOT NULL)", c->backend()));
    }
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 50; ++i) {
                auto c = pool.acquire();
                in_transaction(*c, [&](Connection& cc) {
                    cc.execute("INSERT INTO hits (who) VALUES (?)", {int64_t{t}});
                });
            }
        });
    }
    for (auto& th : threads) th.join();
    auto c = pool.acquire();
    EXPECT_EQ(c->query("SELECT COUNT(*) FROM hits").front().get<int64_t>(0), 400);
    EXPECT_LE(pool.in_use(), 1u);
}

TEST(Pool, LeaseDroppedInTransactionRollsBack) {
    gh::test::TestDatabase tdb;
    Pool pool(parse_url(tdb.url()), 1);
    {
        auto c = pool.acquire();
        c->exec_script("CREATE TABLE t (v TEXT)");
    }
    {
        auto c = pool.acquire();
        c->begin();
        c->execute("INSERT INTO t (v) VALUES ('lost')");
    }  // returned mid-transaction
    auto c = pool.acquire();
    EXPECT_FALSE(c->in_transaction());
    EXPECT_EQ(c->query("SELECT COUNT(*) FROM t").front().get<int64_t>(0), 0);
}

TEST(Pool, ExhaustedPoolAnswersBusyAfterWaiting) {
    gh::test::TestDatabase tdb;
    Pool pool(parse_url(tdb.url()), 1, std::chrono::milliseconds(50));
    auto held = pool.acquire();
    try {
        pool.acquire();
        FAIL();
    } catch (const DbError& e) {
        EXPECT_EQ(e.kind(), DbError::Kind::busy);
    }
    EXPECT_EQ(pool.waits(), 1u);
}
