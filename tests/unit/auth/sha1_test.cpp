#include "core/auth/sha1.h"

#include <gtest/gtest.h>

#include <string>

namespace {

using gh::auth::hmac_sha1;
using gh::auth::sha1;
using gh::auth::Sha1Digest;

std::string hex(const Sha1Digest& d) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    for (auto b : d) {
        out += kHex[b >> 4];
        out += kHex[b & 0x0F];
    }
    return out;
}

// FIPS 180-4 examples (and the classic million-'a' vector).
TEST(Sha1, FipsVectors) {
    EXPECT_EQ(hex(sha1("abc")), "a9993e364706816aba3e25717850c26c9cd0d89d");
    EXPECT_EQ(hex(sha1("")), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
    EXPECT_EQ(hex(sha1("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
              "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
    EXPECT_EQ(hex(sha1(std::string(1000000, 'a'))), "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
}

// Lengths around the padding boundary: 55 bytes fit the length in one block, 56 do not.
TEST(Sha1, PaddingBoundaries) {
    EXPECT_EQ(hex(sha1(std::string(55, 'a'))), "c1c8bbdc22796e28c0e15163d20899b65621d65a");
    EXPECT_EQ(hex(sha1(std::string(56, 'a'))), "c2db330f6083854c99d4b5bfb6e8f29f201be699");
    EXPECT_EQ(hex(sha1(std::string(63, 'a'))), "03f09f5b158a7a8cdad920bddc29b81c18a551f5");
    EXPECT_EQ(hex(sha1(std::string(64, 'a'))), "0098ba824b5c16427bd7a1122a5a442a25ec644d");
    EXPECT_EQ(hex(sha1(std::string(65, 'a'))), "11655326c708d70319be2610e8a57d9a5b959d3b");
    EXPECT_EQ(hex(sha1(std::string(119, 'a'))), "ee971065aaa017e0632a8ca6c77bb3bf8b1dfc56");
    EXPECT_EQ(hex(sha1(std::string(120, 'a'))), "f34c1488385346a55709ba056ddd08280dd4c6d6");
}

TEST(Sha1, IncrementalEqualsOneShot) {
    std::string data;
    for (int i = 0; i < 1000; ++i) data += static_cast<char>(i * 7 + 3);
    for (std::size_t chunk : {1u, 3u, 63u, 64u, 65u, 200u}) {
        gh::auth::Sha1 h;
        for (std::size_t i = 0; i < data.size(); i += chunk) {
            h.update(std::string_view(data).substr(i, chunk));
        }
        EXPECT_EQ(hex(h.finish()), hex(sha1(data))) << "chunk " << chunk;
    }
}

// RFC 2202 section 3, test cases 1-7.
TEST(HmacSha1, Rfc2202Vectors) {
    EXPECT_EQ(hex(hmac_sha1(std::string(20, '\x0b'), "Hi There")),
              "b617318655057264e28bc0b6fb378c8ef146be00");
    EXPECT_EQ(hex(hmac_sha1("Jefe", "what do ya want for nothing?")),
              "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
    EXPECT_EQ(hex(hmac_sha1(std::string(20, '\xaa'), std::string(50, '\xdd'))),
              "125d7342b9ac11cd91a39af48aa17b4f63f175d3");
    std::string key4;
    for (char c = 1; c <= 25; ++c) key4 += c;
    EXPECT_EQ(hex(hmac_sha1(key4, std::string(50, '\xcd'))),
              "4c9007f4026250c6bc8414f9bf50c86c2d7235da");
    EXPECT_EQ(hex(hmac_sha1(std::string(20, '\x0c'), "Test With Truncation")),
              "4c1a03424b55e07fe7f27be1d58bb9324a9a5a04");
    // Keys longer than the 64-byte block are hashed first.
    EXPECT_EQ(hex(hmac_sha1(std::string(80, '\xaa'),
                            "Test Using Larger Than Block-Size Key - Hash Key First")),
              "aa4ae5e15272d00e95705637ce8a3b55ed402112");
    EXPECT_EQ(hex(hmac_sha1(std::string(80, '\xaa'),
                            "Test Using Larger Than Block-Size Key and Larger Than One "
                            "Block-Size Data")),
              "e8e99d0f45237d786d6bbaa7965c7808bbff1a91");
}

}  // namespace
