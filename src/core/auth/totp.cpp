#include "core/auth/totp.h"

#include <sodium.h>

#include <stdexcept>

#include "core/auth/sha1.h"

namespace gh::auth {

namespace {

constexpr std::string_view kBase32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

void ensure_sodium() {
    static const bool ready = sodium_init() >= 0;
    if (!ready) throw std::runtime_error("libsodium could not be initialised");
}

int base32_value(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a';
    if (c >= '2' && c <= '7') return c - '2' + 26;
    return -1;
}

std::string percent_encode(std::string_view s) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                                (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
                                c == '~';
        if (unreserved) {
            out += ch;
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 0x0F];
        }
    }
    return out;
}

std::uint32_t pow10(int digits) {
    if (digits < 6 || digits > 8) throw std::invalid_argument("OTP digits must be 6, 7 or 8");
    std::uint32_t p = 1;
    for (int i = 0; i < digits; ++i) p *= 10;
    return p;
}

}  // namespace

std::string new_totp_secret() {
    ensure_sodium();
    std::string secret(kTotpSecretBytes, '\0');
    randombytes_buf(secret.data(), secret.size());
    return secret;
}

std::string base32_encode(std::string_view bytes) {
    std::string out;
    out.reserve((bytes.size() * 8 + 4) / 5);
    std::uint32_t acc = 0;
    int bits = 0;
    for (char ch : bytes) {
        acc = (acc << 8) | static_cast<unsigned char>(ch);
        bits += 8;
        while (bits >= 5) {
            bits -= 5;
            out += kBase32Alphabet[(acc >> bits) & 0x1F];
        }
    }
    if (bits > 0) out += kBase32Alphabet[(acc << (5 - bits)) & 0x1F];
    return out;
}

std::optional<std::string> base32_decode(std::string_view text) {
    while (!text.empty() && (text.back() == '=' || text.back() == ' ')) text.remove_suffix(1);
    std::string out;
    std::uint32_t acc = 0;
    int bits = 0;
    std::size_t symbols = 0;
    for (char c : text) {
        if (c == ' ') continue;
        const int v = base32_value(c);
        if (v < 0) return std::nullopt;
        ++symbols;
        acc = (acc << 5) | static_cast<std::uint32_t>(v);
        bits += 5;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((acc >> bits) & 0xFF);
        }
    }
    // Unpadded lengths mod 8 can only be 0, 2, 4, 5 or 7; the bits left over must be zero, so that
    // every byte string has exactly one encoding.
    const std::size_t rest = symbols % 8;
    if (rest == 1 || rest == 3 || rest == 6) return std::nullopt;
    if ((acc & ((1u << bits) - 1)) != 0) return std::nullopt;
    return out;
}

std::int64_t totp_step(std::int64_t unix_time) {
    std::int64_t step = unix_time / kTotpStepSeconds;
    if (unix_time % kTotpStepSeconds < 0) --step;  // floor, not truncation, before 1970
    return step;
}

std::string hotp_code(std::string_view secret, std::uint64_t counter, int digits) {
    const std::uint32_t modulus = pow10(digits);
    char msg[8];
    for (int i = 7; i >= 0; --i, counter >>= 8) msg[i] = static_cast<char>(counter & 0xFF);
    const Sha1Digest mac = hmac_sha1(secret, std::string_view(msg, sizeof msg));
    // RFC 4226 5.3 dynamic truncation: 31 bits at the offset named by the last nibble.
    const std::size_t offset = mac[mac.size() - 1] & 0x0F;
    const std::uint32_t binary =
        (std::uint32_t{mac[offset]} & 0x7F) << 24 | std::uint32_t{mac[offset + 1]} << 16 |
        std::uint32_t{mac[offset + 2]} << 8 | std::uint32_t{mac[offset + 3]};
    std::string code = std::to_string(binary % modulus);
    code.insert(0, static_cast<std::size_t>(digits) - code.size(), '0');
    return code;
}

std::string totp_code(std::string_view secret, std::int64_t unix_time, int digits) {
    return hotp_code(secret, static_cast<std::uint64_t>(totp_step(unix_time)), digits);
}

std::optional<std::int64_t> totp_verify(std::string_view secret, std::string_view code,
                                        std::int64_t unix_time, std::int64_t last_used_step) {
    if (secret.empty()) return std::nullopt;
    std::string typed;
    for (char c : code) {
        if (c == ' ') continue;
        if (c < '0' || c > '9') return std::nullopt;
        typed += c;
    }
    if (typed.size() != static_cast<std::size_t>(kTotpDigits)) return std::nullopt;

    ensure_sodium();
    const std::int64_t now = totp_step(unix_time);
    for (std::int64_t step = now - kTotpWindowSteps; step <= now + kTotpWindowSteps; ++step) {
        if (step <= last_used_step || step < 0) continue;
        const std::string expected = hotp_code(secret, static_cast<std::uint64_t>(step));
        if (sodium_memcmp(expected.data(), typed.data(), typed.size()) == 0) return step;
    }
    return std::nullopt;
}

std::string otpauth_uri(std::string_view issuer, std::string_view account,
                        std::string_view secret) {
    // Key URI format of Google Authenticator: the label is "issuer:account" and the issuer is
    // repeated as a parameter; algorithm/digits/period are spelt out although they are defaults.
    const std::string enc_issuer = percent_encode(issuer);
    return "otpauth://totp/" + enc_issuer + ":" + percent_encode(account) +
           "?secret=" + base32_encode(secret) + "&issuer=" + enc_issuer +
           "&algorithm=SHA1&digits=" + std::to_string(kTotpDigits) +
           "&period=" + std::to_string(kTotpStepSeconds);
}

}  // namespace gh::auth
