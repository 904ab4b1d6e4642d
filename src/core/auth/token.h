// Opaque random tokens (sessions, invitations, password resets) and how to store them.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace gh::auth {

inline constexpr std::size_t kTokenBytes = 32;         // 256 bits of randomness
inline constexpr std::size_t kTokenChars = 43;         // base64url of 32 bytes, no padding
inline constexpr std::size_t kTokenHashHexChars = 64;  // hex of a 32-byte BLAKE2b digest

// 32 random bytes from libsodium's CSPRNG, base64url-encoded without padding (43 characters,
// safe in URLs and cookies).
std::string random_token();

// `bytes` random bytes from libsodium's CSPRNG as 2 × bytes lower-case hex digits: names that
// must not be guessed or counted through (a kept import report's link).
std::string random_hex(std::size_t bytes);

// `bytes` as lower-case hex digits (2 per byte): a blind index named in an audit row.
std::string to_hex(std::string_view bytes);

// Lower-case hex of BLAKE2b-256(token). Store this, never the token: a leaked table then does not
// let anyone log in, and lookups stay exact-match because tokens are already high-entropy.
std::string token_hash(std::string_view token);

// Compares in time that depends only on the length; false when the lengths differ.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace gh::auth
