#include "core/auth/password.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <string>

namespace {

using namespace gh::auth;

TEST(Password, HashIsArgon2idWithTheInteractiveLimits) {
    const std::string hash = hash_password("Tq7#mZ2vLp9x");
    EXPECT_EQ(hash.rfind("$argon2id$v=19$m=65536,t=2,p=1$", 0), 0u) << hash;
}

TEST(Password, VerifiesTheRightPasswordOnly) {
    const std::string hash = hash_password("Tq7#mZ2vLp9x");
    EXPECT_TRUE(verify_password(hash, "Tq7#mZ2vLp9x"));
    EXPECT_FALSE(verify_password(hash, "tq7#mZ2vLp9x"));
    EXPECT_FALSE(verify_password(hash, "Tq7#mZ2vLp9x "));
    EXPECT_FALSE(verify_password(hash, ""));
}

TEST(Password, SaltMakesEveryHashDifferent) {
    const std::string a = hash_password("same password 1A");
    const std::string b = hash_password("same password 1A");
    EXPECT_NE(a, b);
    EXPECT_TRUE(verify_password(a, "same password 1A"));
    EXPECT_TRUE(verify_password(b, "same password 1A"));
}

TEST(Password, ChinesePasswordsAndEmbeddedNulAreBytes) {
    const std::string hash = hash_password("我爱我们的工会组织Ab3");
    EXPECT_TRUE(verify_password(hash, "我爱我们的工会组织Ab3"));
    EXPECT_FALSE(verify_password(hash, "我爱我们的工会组织Ab4"));
    const std::string with_nul("ab\0cd", 5);
    const std::string nul_hash = hash_password(with_nul);
    EXPECT_TRUE(verify_password(nul_hash, with_nul));
    EXPECT_FALSE(verify_password(nul_hash, "ab"));  // not cut at the NUL
}

TEST(Password, MalformedHashesNeverVerify) {
    const std::string hash = hash_password("Tq7#mZ2vLp9x");
    EXPECT_FALSE(verify_password("", "Tq7#mZ2vLp9x"));
    EXPECT_FALSE(verify_password("not a hash", "Tq7#mZ2vLp9x"));
    EXPECT_FALSE(verify_password(hash.substr(0, hash.size() - 4), "Tq7#mZ2vLp9x"));
    EXPECT_FALSE(verify_password(hash + std::string(200, 'A'), "Tq7#mZ2vLp9x"));
    EXPECT_FALSE(verify_password(std::string(hash).insert(10, 1, '\0'), "Tq7#mZ2vLp9x"));
}

TEST(Password, NeedsRehashOnlyForOtherParametersOrGarbage) {
    EXPECT_FALSE(needs_rehash(hash_password("Tq7#mZ2vLp9x")));
    ASSERT_GE(sodium_init(), 0);
    char weak[crypto_pwhash_STRBYTES];
    ASSERT_EQ(
        crypto_pwhash_str_alg(weak, "pw", 2, crypto_pwhash_argon2id_OPSLIMIT_MIN,
                              crypto_pwhash_argon2id_MEMLIMIT_MIN, crypto_pwhash_ALG_ARGON2ID13),
        0);
    EXPECT_TRUE(verify_password(weak, "pw"));
    EXPECT_TRUE(needs_rehash(weak));
    EXPECT_TRUE(needs_rehash(""));
    EXPECT_TRUE(needs_rehash("$2b$12$notargon"));
}

}  // namespace
