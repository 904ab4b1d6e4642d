// `gonghui pii rotate-key / resume-rotation / retire-key` through the real binary on both
// databases: retiring is refused while any step still has a row under an old key, and allowed
// once the rotation has finished; what stays readable is then checked with the retired file.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "rotation_world.h"

using namespace gh;
using test::run_gonghui;

namespace {

bool has(const test::RunResult& r, const std::string& text) {
    return r.output.find(text) != std::string::npos;
}

}  // namespace

TEST(KeyRotationCli, RetireWaitsForTheRotationThenLeavesOnlyTheNewKey) {
    test::RotationDb w;
    test::Seeded data;
    {
        test::Services s1(w.pool, pii::load_or_create(w.key_path));
        data = test::seed(s1, w.pool);
    }
    const auto pii_cmd = [&](const std::string& cmd) {
        return run_gonghui({"pii", cmd, "--db", w.tdb.url(), "--key-file", w.key_path});
    };
    auto alone = pii_cmd("retire-key");
    EXPECT_EQ(alone.exit_code, 0) << alone.output;
    EXPECT_TRUE(has(alone, "only the current key 1")) << alone.output;

    // A rotation stopped right after it added its key: every row is still under key 1.
    pii::add_key(w.key_path);
    auto refused = pii_cmd("retire-key");
    EXPECT_EQ(refused.exit_code, 1) << refused.output;
    for (const char* line :
         {"members.id_number: 6 row(s) under key 1", "members.phone: 5 row(s) under key 1",
          "join_applications.id_number: 2 row(s) under key 1",
          "join_applications.phone: 2 row(s) under key 1",
          "worker_accounts.phone: 1 row(s) under key 1",
          "staff_accounts.totp_secret: 1 row(s) under key 1"}) {
        EXPECT_TRUE(has(refused, line)) << line << "\n" << refused.output;
    }
    EXPECT_EQ(pii::load_key_file(w.key_path).keys.size(), 2u);  // untouched

    auto resumed = pii_cmd("resume-rotation");
    ASSERT_EQ(resumed.exit_code, 0) << resumed.output;
    EXPECT_TRUE(has(resumed, "members.id_number: 已重新加密 / re-encrypted 6 row(s) under key 2"))
        << resumed.output;
    EXPECT_TRUE(has(resumed, "worker_accounts.phone: 已重新加密 / re-encrypted 1 row(s)"));
    EXPECT_TRUE(has(resumed,
                    "no row is left under key(s) 1: they can be retired with "
                    "`gonghui pii retire-key`"))
        << resumed.output;

    auto retired = pii_cmd("retire-key");
    ASSERT_EQ(retired.exit_code, 0) << retired.output;
    auto ring = pii::load_key_file(w.key_path);
    ASSERT_EQ(ring.keys.size(), 1u);
    EXPECT_EQ(ring.current().id, 2u);

    // The whole command once more, from a file that holds key 2 alone: re-encrypting decrypts
    // every row first, so this passes only if all of them read under the new key.
    auto again = pii_cmd("rotate-key");
    ASSERT_EQ(again.exit_code, 0) << again.output;
    EXPECT_TRUE(has(again, "added key 3")) << again.output;
    EXPECT_TRUE(has(again,
                    "staff_accounts.totp_secret: 已重新加密 / re-encrypted 1 row(s) under "
                    "key 3"))
        << again.output;
    EXPECT_TRUE(has(again, "no row is left under key(s) 2")) << again.output;
    ASSERT_EQ(pii_cmd("retire-key").exit_code, 0);
    ring = pii::load_key_file(w.key_path);
    ASSERT_EQ(ring.keys.size(), 1u);
    EXPECT_EQ(ring.current().id, 3u);

    test::Services s3(w.pool, pii::load_key_file(w.key_path));
    test::expect_readable(s3, data);
    auto c = w.pool.acquire();
    std::vector<std::string> details;
    for (auto r : c->query("SELECT detail FROM audit_log WHERE action = 'pii.key_retire' "
                           "ORDER BY id")) {
        details.push_back(r.get<std::string>(0));
    }
    ASSERT_EQ(details.size(), 2u);
    EXPECT_EQ(nlohmann::json::parse(details[0]),
              (nlohmann::json{{"retired", nlohmann::json::array({1})}, {"key", 2}}));
    EXPECT_EQ(nlohmann::json::parse(details[1]),
              (nlohmann::json{{"retired", nlohmann::json::array({2})}, {"key", 3}}));
    auto verify = run_gonghui({"audit", "verify", "--db", w.tdb.url(), "--key-file", w.key_path});
    EXPECT_EQ(verify.exit_code, 0) << verify.output;
}
