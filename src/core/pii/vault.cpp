#include "core/pii/vault.h"

#include <sodium.h>

#include <algorithm>
#include <utility>

namespace gh::pii {

static_assert(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES == kNonceBytes);
static_assert(crypto_aead_xchacha20poly1305_ietf_ABYTES == kTagBytes);
static_assert(crypto_aead_xchacha20poly1305_ietf_KEYBYTES == kKeyBytes);
static_assert(crypto_generichash_KEYBYTES_MAX >= kKeyBytes);

namespace {

constexpr std::size_t kOverhead = kBlobHeaderBytes + kNonceBytes + kTagBytes;

const unsigned char* bytes(std::string_view s) {
    return reinterpret_cast<const unsigned char*>(s.data());
}

void put_be32(unsigned char* p, uint32_t v) {
    p[0] = static_cast<unsigned char>(v >> 24);
    p[1] = static_cast<unsigned char>(v >> 16);
    p[2] = static_cast<unsigned char>(v >> 8);
    p[3] = static_cast<unsigned char>(v);
}

uint32_t get_be32(const unsigned char* p) {
    return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | uint32_t{p[3]};
}

// version | key id | context: binds the ciphertext to its header and its column.
std::string associated_data(std::string_view header, std::string_view context) {
    std::string ad(header);
    ad.append(context);
    return ad;
}

// Wipes a string holding plaintext on scope exit.
struct Wipe {
    std::string& s;
    ~Wipe() { sodium_memzero(s.data(), s.size()); }
};

}  // namespace

Vault::Vault(KeyRing ring) : ring_(std::move(ring)) {
    detail::ensure_sodium();
    if (ring_.keys.empty()) throw std::invalid_argument("Vault: the key ring is empty");
    for (const Key& k : ring_.keys) {
        if (k.index_key != ring_.keys.front().index_key) {
            throw std::invalid_argument("Vault: every key must carry the same index key");
        }
    }
}

std::string Vault::encrypt(std::string_view plaintext, std::string_view context) const {
    const Key& key = ring_.current();
    std::string blob(kOverhead + plaintext.size(), '\0');
    auto* b = reinterpret_cast<unsigned char*>(blob.data());
    b[0] = kBlobVersion;
    put_be32(b + 1, key.id);
    unsigned char* nonce = b + kBlobHeaderBytes;
    randombytes_buf(nonce, kNonceBytes);
    const std::string ad =
        associated_data(std::string_view(blob).substr(0, kBlobHeaderBytes), context);
    unsigned long long written = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(nonce + kNonceBytes, &written, bytes(plaintext),
                                               plaintext.size(), bytes(ad), ad.size(), nullptr,
                                               nonce, key.encryption_key.data());
    return blob;
}

uint32_t Vault::key_id_of(std::string_view blob) const {
    if (blob.size() < kOverhead) {
        throw PiiError("加密数据不完整（" + std::to_string(blob.size()) +
                       " 字节） / encrypted value is truncated (" + std::to_string(blob.size()) +
                       " bytes)");
    }
    if (static_cast<uint8_t>(blob[0]) != kBlobVersion) {
        const std::string v = std::to_string(static_cast<uint8_t>(blob[0]));
        throw PiiError("未知的加密数据格式版本 " + v +
                       " / unknown encrypted value format version " + v);
    }
    return get_be32(bytes(blob) + 1);
}

std::string Vault::decrypt(std::string_view blob, std::string_view context) const {
    const uint32_t id = key_id_of(blob);
    const Key* key = ring_.find(id);
    if (key == nullptr) {
        throw PiiError("密钥文件中没有编号为 " + std::to_string(id) + " 的密钥 / unknown key id " +
                       std::to_string(id) + " (not in the key file)");
    }
    const std::string ad = associated_data(blob.substr(0, kBlobHeaderBytes), context);
    const unsigned char* nonce = bytes(blob) + kBlobHeaderBytes;
    const std::size_t sealed = blob.size() - kBlobHeaderBytes - kNonceBytes;
    std::string plain(sealed - kTagBytes, '\0');
    unsigned long long plain_len = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(reinterpret_cast<unsigned char*>(plain.data()),
                                                   &plain_len, nullptr, nonce + kNonceBytes, sealed,
                                                   bytes(ad), ad.size(), nonce,
                                                   key->encryption_key.data()) != 0) {
        const std::string ctx(context);
        throw PiiError("无法解密字段 " + ctx + " 的数据：数据被篡改，或不属于该字段 / " +
                       "cannot decrypt a value for " + ctx +
                       ": it was tampered with or belongs to another field");
    }
    plain.resize(plain_len);
    return plain;
}

std::string Vault::blind_index(std::string_view kind, std::string_view normalized_value) const {
    if (kind.empty()) throw std::invalid_argument("Vault::blind_index: kind must not be empty");
    const auto& index_key = ring_.keys.front().index_key;
    crypto_generichash_state st;
    crypto_generichash_init(&st, index_key.data(), index_key.size(), kBlindIndexBytes);
    // The kind is length-prefixed so that (kind, value) pairs never run into each other:
    // ("id", "_number1") and ("id_number", "1") hash different inputs.
    unsigned char len[4];
    put_be32(len, static_cast<uint32_t>(kind.size()));
    crypto_generichash_update(&st, len, sizeof len);
    crypto_generichash_update(&st, bytes(kind), kind.size());
    crypto_generichash_update(&st, bytes(normalized_value), normalized_value.size());
    std::string out(kBlindIndexBytes, '\0');
    crypto_generichash_final(&st, reinterpret_cast<unsigned char*>(out.data()), out.size());
    sodium_memzero(&st, sizeof st);
    return out;
}

std::array<unsigned char, kKeyBytes> Vault::derive_key(std::string_view context) const {
    if (context.size() != crypto_kdf_CONTEXTBYTES) {
        throw std::invalid_argument("Vault::derive_key: the context must be 8 characters");
    }
    static_assert(kKeyBytes >= crypto_kdf_BYTES_MIN && kKeyBytes <= crypto_kdf_BYTES_MAX);
    static_assert(kKeyBytes == crypto_kdf_KEYBYTES);
    char ctx[crypto_kdf_CONTEXTBYTES];
    std::copy(context.begin(), context.end(), ctx);
    std::array<unsigned char, kKeyBytes> out{};
    crypto_kdf_derive_from_key(out.data(), out.size(), 1, ctx, ring_.keys.front().index_key.data());
    return out;
}

bool Vault::needs_rotation(std::string_view blob) const {
    return key_id_of(blob) != ring_.current().id;
}

std::string Vault::reencrypt(std::string_view blob, std::string_view context) const {
    std::string plain = decrypt(blob, context);
    const Wipe wipe{plain};
    return encrypt(plain, context);
}

}  // namespace gh::pii
