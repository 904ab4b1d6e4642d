// Key rotation on both databases (core/pii/rotation.h and each domain's pii_rotation_steps()):
// every ciphertext column moves to the new key in resumable batches, the blind indexes and the
// one-active-membership rule hold throughout, and once retired the old key is gone while every
// value still reads back.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "core/pii/rotation.h"
#include "rotation_world.h"

using namespace gh;
using test::Services;

namespace {

// The domains' steps, as the CLI gathers them (cli.cpp's list is what rotation_cli_test runs).
std::vector<pii::RotationStep> every_step() {
    auto all = identity::pii_rotation_steps();
    const auto member_steps = members::pii_rotation_steps();
    const auto joining_steps = joining::pii_rotation_steps();
    all.insert(all.end(), member_steps.begin(), member_steps.end());
    all.insert(all.end(), joining_steps.begin(), joining_steps.end());
    return all;
}

const pii::RotationStep& step_named(const std::vector<pii::RotationStep>& steps,
                                    const std::string& name) {
    for (const auto& s : steps) {
        if (s.name == name) return s;
    }
    throw std::logic_error("no step " + name);
}

// The blind indexes, which rotation must leave byte for byte as they were.
std::string blind_indexes(db::Pool& pool) {
    auto c = pool.acquire();
    std::string all;
    for (const char* sql : {"SELECT id_blind, phone_blind, active_blind FROM members ORDER BY id",
                            "SELECT id_blind, phone_blind, NULL FROM join_applications ORDER BY id",
                            "SELECT phone_blind, NULL, NULL FROM worker_accounts ORDER BY id"}) {
        for (auto r : c->query(sql)) {
            for (size_t i = 0; i < 3; ++i) all += r.is_null(i) ? "-" : r.get<db::Blob>(i).bytes;
            all += '|';
        }
    }
    return all;
}

// Key ids of the members' ID number blobs, read from the header bytes (not through the vault).
std::vector<int> member_id_keys(db::Pool& pool) {
    auto c = pool.acquire();
    std::vector<int> keys;
    for (auto r : c->query("SELECT id_enc FROM members ORDER BY id")) {
        const auto b = r.get<db::Blob>(0).bytes;
        keys.push_back(b.size() > 5 ? static_cast<unsigned char>(b[4]) : -1);
    }
    return keys;
}

std::string hex(const std::array<unsigned char, pii::kKeyBytes>& k) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (unsigned char b : k) out += {digits[b >> 4], digits[b & 15]};
    return out;
}

}  // namespace

TEST(KeyRotation, EveryColumnMovesResumablyAndTheOldKeyRetires) {
    test::RotationDb w;
    test::Seeded data;
    std::string old_blob;
    {
        Services s1(w.pool, pii::load_or_create(w.key_path));
        data = test::seed(s1, w.pool);
        auto c = w.pool.acquire();
        old_blob =
            c->query("SELECT id_enc FROM members ORDER BY id").front().get<db::Blob>(0).bytes;
    }
    const std::string indexes = blind_indexes(w.pool);
    const auto steps = every_step();
    const int64_t n_members = static_cast<int64_t>(data.members.size());

    const auto ring1 = pii::load_key_file(w.key_path);
    Services s2(w.pool, pii::add_key(w.key_path));
    ASSERT_EQ(s2.vault.current_key_id(), 2u);
    // Everything the seed wrote is under key 1, column by column.
    const std::map<std::string, int64_t> expected = {
        {"staff_accounts.totp_secret", 1},  {"worker_accounts.phone", 1},
        {"members.id_number", n_members},   {"members.phone", n_members - 1},
        {"join_applications.id_number", 2}, {"join_applications.phone", 2}};
    for (const auto& step : steps) {
        const auto left = pii::rows_under_old_keys(w.pool, s2.vault, step, 2);
        EXPECT_EQ(left, (std::map<uint32_t, int64_t>{{1, expected.at(step.name)}})) << step.name;
    }

    // Interrupted: one batch of two rows, then the run stops (as a killed process would after
    // its first commit).
    const auto& ids = step_named(steps, "members.id_number");
    auto first = pii::rotate_step(w.pool, s2.vault, ids, 2, 1);
    EXPECT_FALSE(first.finished);
    EXPECT_EQ(first.rewritten, 2);
    EXPECT_EQ(pii::rows_under_old_keys(w.pool, s2.vault, ids)[1], n_members - 2);
    EXPECT_EQ(member_id_keys(w.pool), (std::vector<int>{2, 2, 1, 1, 1, 1}));
    // Mid-rotation the UNIQUE blind index still refuses a second active membership, for a row
    // already rewritten and for one still under the old key.
    test::expect_second_membership_refused(s2, data, data.members.front());
    test::expect_second_membership_refused(s2, data, data.members.back());

    // Resumed: every step to its end; the two rows already done are not rewritten again.
    for (const auto& step : steps) {
        const auto run = pii::rotate_step(w.pool, s2.vault, step, 2);
        EXPECT_TRUE(run.finished) << step.name;
        EXPECT_EQ(run.rewritten, expected.at(step.name) - (&step == &ids ? 2 : 0)) << step.name;
        EXPECT_TRUE(pii::rows_under_old_keys(w.pool, s2.vault, step).empty()) << step.name;
    }
    EXPECT_EQ(member_id_keys(w.pool), std::vector<int>(data.members.size(), 2));
    EXPECT_EQ(blind_indexes(w.pool), indexes);  // the index key is never rotated
    EXPECT_EQ(pii::rotate_step(w.pool, s2.vault, ids).rewritten, 0);  // nothing left to do
    test::expect_second_membership_refused(s2, data, data.members[2]);

    // Retired: the file keeps key 2 alone, still 0600, with no trace of key 1's material.
    EXPECT_THROW(pii::retire_keys(w.key_path, 1), std::runtime_error);  // 1 is not current
    const auto ring2 = pii::retire_keys(w.key_path, 2);
    ASSERT_EQ(ring2.keys.size(), 1u);
    EXPECT_EQ(ring2.current().id, 2u);
    std::stringstream text;
    text << std::ifstream(w.key_path).rdbuf();
    EXPECT_EQ(text.str().find(hex(ring1.keys[0].encryption_key)), std::string::npos);
    EXPECT_NE(text.str().find("# key(s) 1 retired"), std::string::npos) << text.str();
    struct stat st {};
    ASSERT_EQ(::stat(w.key_path.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    EXPECT_EQ(pii::load_key_file(w.key_path), ring2);

    Services s3(w.pool, pii::load_key_file(w.key_path));
    EXPECT_THROW(s3.vault.decrypt(old_blob, "member.id_number"), pii::PiiError);  // key 1 gone
    test::expect_readable(s3, data);
    test::expect_second_membership_refused(s3, data, data.members[1]);
    EXPECT_EQ(pii::retire_keys(w.key_path, 2), ring2);  // nothing more to retire
}

// A blob that does not decrypt stops the run naming the step and the row, and its batch writes
// nothing; the batches before it stay committed.
TEST(KeyRotation, AnUnreadableBlobStopsTheRunNamingItsRow) {
    test::RotationDb w;
    test::Seeded data;
    {
        Services s1(w.pool, pii::load_or_create(w.key_path));
        data = test::seed(s1, w.pool);
    }
    Services s2(w.pool, pii::add_key(w.key_path));
    const auto steps = every_step();
    const auto& ids = step_named(steps, "members.id_number");
    // The fourth member's ID number is moved into another column's context: it still has a
    // valid header under key 1 but no longer authenticates as an ID number.
    const int64_t bad = data.members[3].id;
    {
        auto c = w.pool.acquire();
        const auto phone = c->query("SELECT phone_enc FROM members WHERE id = ?", {bad}).front();
        c->execute("UPDATE members SET id_enc = ? WHERE id = ?", {phone.get<db::Blob>(0), bad});
    }
    try {
        pii::rotate_step(w.pool, s2.vault, ids, 2);
        ADD_FAILURE() << "the run went past an unreadable blob";
    } catch (const pii::PiiError& e) {
        EXPECT_NE(std::string(e.what()).find("members.id_number id " + std::to_string(bad)),
                  std::string::npos)
            << e.what();
    }
    // Rows 1-2 were committed, the batch of rows 3-4 rolled back.
    EXPECT_EQ(member_id_keys(w.pool), (std::vector<int>{2, 2, 1, 1, 1, 1}));
}
