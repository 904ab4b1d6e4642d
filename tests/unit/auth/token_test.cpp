#include "core/auth/token.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace {

using namespace gh::auth;

TEST(Token, Is43Base64UrlCharacters) {
    for (int i = 0; i < 20; ++i) {
        const std::string t = random_token();
        EXPECT_EQ(t.size(), 43u);
        EXPECT_EQ(t.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                      "0123456789-_"),
                  std::string::npos)
            << t;
    }
}

TEST(Token, IsUnique) {
    std::set<std::string> seen;
    for (int i = 0; i < 1000; ++i) seen.insert(random_token());
    EXPECT_EQ(seen.size(), 1000u);
}

TEST(TokenHash, IsBlake2b256Hex) {
    // BLAKE2b with a 32-byte digest, no key (RFC 7693 parameters).
    EXPECT_EQ(token_hash("abc"),
              "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
    const std::string t = random_token();
    const std::string h = token_hash(t);
    EXPECT_EQ(h.size(), 64u);
    EXPECT_EQ(h.find_first_not_of("0123456789abcdef"), std::string::npos);
    EXPECT_EQ(token_hash(t), h);
    EXPECT_NE(token_hash(random_token()), h);
}

TEST(ConstantTimeEqual, ComparesContentAndLength) {
    EXPECT_TRUE(constant_time_equal("abc", "abc"));
    EXPECT_TRUE(constant_time_equal("", ""));
    EXPECT_FALSE(constant_time_equal("abc", "abd"));
    EXPECT_FALSE(constant_time_equal("abc", "abcd"));
    EXPECT_FALSE(constant_time_equal("abcd", "abc"));
    EXPECT_FALSE(constant_time_equal("", "a"));
}

}  // namespace
