#include "core/auth/token.h"

#include <sodium.h>

#include <array>
#include <stdexcept>
#include <vector>

namespace gh::auth {

namespace {

void ensure_sodium() {
    static const bool ready = sodium_init() >= 0;
    if (!ready) throw std::runtime_error("libsodium could not be initialised");
}

}  // namespace

std::string random_token() {
    ensure_sodium();
    std::array<unsigned char, kTokenBytes> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
    std::array<char, sodium_base64_ENCODED_LEN(kTokenBytes, kVariant)> out{};
    static_assert(out.size() == kTokenChars + 1);  // the encoding plus its NUL
    sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(), kVariant);
    sodium_memzero(bytes.data(), bytes.size());
    return std::string(out.data(), kTokenChars);
}

std::string to_hex(std::string_view bytes) {
    ensure_sodium();
    std::string hex(bytes.size() * 2 + 1, '\0');  // and sodium_bin2hex's NUL
    sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                   bytes.size());
    hex.pop_back();
    return hex;
}

std::string random_hex(std::size_t bytes) {
    ensure_sodium();
    std::string raw(bytes, '\0');
    randombytes_buf(raw.data(), raw.size());
    return to_hex(raw);
}

std::string token_hash(std::string_view token) {
    ensure_sodium();
    std::array<unsigned char, crypto_generichash_BYTES> digest{};
    static_assert(crypto_generichash_BYTES * 2 == kTokenHashHexChars);
    crypto_generichash(digest.data(), digest.size(),
                       reinterpret_cast<const unsigned char*>(token.data()), token.size(), nullptr,
                       0);
    std::array<char, kTokenHashHexChars + 1> hex{};
    sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
    return std::string(hex.data(), kTokenHashHexChars);
}

bool constant_time_equal(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    if (a.empty()) return true;
    ensure_sodium();
    return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace gh::auth
