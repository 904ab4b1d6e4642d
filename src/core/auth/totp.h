// Time-based one-time passwords (RFC 6238) as phone authenticator apps use them: HMAC-SHA1,
// 6 digits, 30-second steps from the Unix epoch. Secrets are raw bytes; users see them base32.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gh::auth {

inline constexpr int kTotpDigits = 6;
inline constexpr std::int64_t kTotpStepSeconds = 30;
inline constexpr std::size_t kTotpSecretBytes = 20;  // 160 bits, as RFC 4226 recommends
// Steps accepted on either side of the current one, for clock drift and typing time.
inline constexpr std::int64_t kTotpWindowSteps = 1;

// A fresh random secret of kTotpSecretBytes raw bytes.
std::string new_totp_secret();

// RFC 4648 base32 (A-Z, 2-7), without "=" padding.
std::string base32_encode(std::string_view bytes);
// Accepts either case, ignores spaces and trailing "=" padding. nullopt on any other character,
// an impossible length, or non-zero leftover bits.
std::optional<std::string> base32_decode(std::string_view text);

// The time step of a Unix time: floor(unix_time / 30).
std::int64_t totp_step(std::int64_t unix_time);

// RFC 4226 HOTP value for a counter, zero-padded to `digits` (6 to 8).
std::string hotp_code(std::string_view secret, std::uint64_t counter, int digits = kTotpDigits);

// The code shown at `unix_time`. `digits` (6 to 8) exists for the RFC 6238 test vectors; the
// apps and totp_verify use 6. Throws std::invalid_argument for other digit counts.
std::string totp_code(std::string_view secret, std::int64_t unix_time, int digits = kTotpDigits);

// Checks a 6-digit code (spaces ignored) against the steps within kTotpWindowSteps of
// `unix_time`. Returns the matched step only if it is greater than `last_used_step`, so a code
// (or an older one) cannot be replayed: the caller stores the returned step as the new
// last_used_step. Pass a negative value (e.g. -1) when no code has been used yet.
std::optional<std::int64_t> totp_verify(std::string_view secret, std::string_view code,
                                        std::int64_t unix_time, std::int64_t last_used_step);

// The otpauth:// URI that authenticator apps import from a QR code. `secret` is raw bytes; the
// issuer and account are percent-encoded (UTF-8), e.g. issuer "工会服务平台".
std::string otpauth_uri(std::string_view issuer, std::string_view account, std::string_view secret);

}  // namespace gh::auth
