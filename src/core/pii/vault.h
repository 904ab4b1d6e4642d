// The PII vault: encrypts ID numbers and phone numbers for storage and computes their blind index
// so that rows can be found (and kept unique) by exact value without decrypting anything.
//
// Blob layout (binary; store in BLOB/BYTEA columns):
//     1 byte format version (1) | 4 bytes key id, big-endian | 24-byte nonce | ciphertext + 16-byte
//     tag
// Cipher: XChaCha20-Poly1305 (IETF). The associated data is version | key id | context, so a blob
// cannot be relabelled with another key id nor moved into another column: decrypting it with any
// other context fails.
//
// Blind index: keyed BLAKE2b-256 of (kind, value) under the installation's index key. It is
// deterministic by design (that is what makes lookup possible), so callers must pass the
// NORMALIZED value (gh::cn::parse_id_number(...)->value, gh::cn::parse_phone(...)) or equal
// numbers typed differently will not match. Phone numbers have few possible values, so the index
// is only as strong as the secrecy of the key file.
#pragma once

#include <array>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "core/pii/key_file.h"

namespace gh::pii {

// A blob that cannot be decrypted: truncated, tampered with, another context, unknown format or
// key id. The message is bilingual and never contains plaintext or key material.
class PiiError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

inline constexpr uint8_t kBlobVersion = 1;
inline constexpr std::size_t kBlobHeaderBytes = 1 + 4;
inline constexpr std::size_t kNonceBytes = 24;
inline constexpr std::size_t kTagBytes = 16;
inline constexpr std::size_t kBlindIndexBytes = 32;

class Vault {
public:
    // Throws std::invalid_argument when the ring is empty or its keys disagree on the index key.
    explicit Vault(KeyRing ring);

    // Encrypts under the current key with a random nonce: equal inputs give different blobs.
    // `context` names the column, e.g. "member.id_number".
    std::string encrypt(std::string_view plaintext, std::string_view context) const;

    // Throws PiiError when the blob is not one this vault can authenticate under `context`.
    std::string decrypt(std::string_view blob, std::string_view context) const;

    // 32 raw bytes. `kind` ("id_number", "phone") is mixed in, so the same string of two kinds
    // gives two unrelated indexes. Throws std::invalid_argument when kind is empty.
    std::string blind_index(std::string_view kind, std::string_view normalized_value) const;

    // The key id in the blob header; throws PiiError when the blob is too short or of an unknown
    // format version. Does not authenticate the blob.
    uint32_t key_id_of(std::string_view blob) const;

    // True when the blob was encrypted under a key other than the current one.
    bool needs_rotation(std::string_view blob) const;

    // Decrypts (authenticating) and encrypts again under the current key with a fresh nonce.
    std::string reencrypt(std::string_view blob, std::string_view context) const;

    uint32_t current_key_id() const { return ring_.current().id; }

    // A 32-byte key for another purpose, derived from the index key (never rotated, so the
    // derived key stays the same for the life of the installation) with libsodium's crypto_kdf
    // under an 8-character context ("ghcursor": the keyset cursors of core/http/cursor.h).
    // Unrelated to the blind index and to every other context. Throws std::invalid_argument
    // unless the context is exactly 8 characters.
    std::array<unsigned char, kKeyBytes> derive_key(std::string_view context) const;

private:
    KeyRing ring_;
};

}  // namespace gh::pii
