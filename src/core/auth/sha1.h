// SHA-1 (FIPS 180-4) and HMAC-SHA1 (RFC 2104), for TOTP only: authenticator apps speak
// HMAC-SHA1 and libsodium has no SHA-1. SHA-1 is broken for collision resistance, which HMAC and
// TOTP do not rely on; never use these for anything else.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace gh::auth {

inline constexpr std::size_t kSha1DigestBytes = 20;
using Sha1Digest = std::array<std::uint8_t, kSha1DigestBytes>;

// Incremental SHA-1: update() any number of times, then finish() once.
class Sha1 {
public:
    Sha1();
    void update(std::string_view data);
    Sha1Digest finish();

private:
    void compress(const std::uint8_t* block);

    std::array<std::uint32_t, 5> h_;
    std::array<std::uint8_t, 64> buffer_{};
    std::size_t buffered_ = 0;
    std::uint64_t total_bytes_ = 0;
};

Sha1Digest sha1(std::string_view data);
Sha1Digest hmac_sha1(std::string_view key, std::string_view message);

}  // namespace gh::auth
