#include "core/auth/password.h"

#include <sodium.h>

#include <stdexcept>

namespace gh::auth {

namespace {

static_assert(kPasswordOpsLimit == crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE);
static_assert(kPasswordMemLimit == crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE);

void ensure_sodium() {
    static const bool ready = sodium_init() >= 0;
    if (!ready) throw std::runtime_error("libsodium could not be initialised");
}

// libsodium reads the stored hash as a NUL-terminated string of at most STRBYTES - 1 characters;
// anything else cannot be one of ours.
bool plausible_hash(std::string_view hash) {
    return !hash.empty() && hash.size() < crypto_pwhash_STRBYTES &&
           hash.find('\0') == std::string_view::npos;
}

}  // namespace

std::string hash_password(std::string_view password) {
    ensure_sodium();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), kPasswordOpsLimit,
                              kPasswordMemLimit, crypto_pwhash_ALG_ARGON2ID13) != 0) {
        throw std::runtime_error("argon2id hashing failed (out of memory)");
    }
    return std::string(out);
}

bool verify_password(std::string_view hash, std::string_view password) {
    if (!plausible_hash(hash)) return false;
    ensure_sodium();
    const std::string stored(hash);
    return crypto_pwhash_str_verify(stored.c_str(), password.data(), password.size()) == 0;
}

bool needs_rehash(std::string_view hash) {
    if (!plausible_hash(hash)) return true;
    ensure_sodium();
    const std::string stored(hash);
    // The argon2id variant also answers "yes" (-1) for argon2i hashes, which we never create.
    return crypto_pwhash_argon2id_str_needs_rehash(stored.c_str(), kPasswordOpsLimit,
                                                   kPasswordMemLimit) != 0;
}

}  // namespace gh::auth
