#include "core/http/cursor.h"
#include "core/http/caller.h"

#include <sodium.h>

#include <algorithm>
#include <stdexcept>
#include <utility>
#include <vector>

namespace gh::http {

namespace {

constexpr unsigned char kVersion = 1;
constexpr std::size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTag = crypto_aead_xchacha20poly1305_ietf_ABYTES;
constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;

void ensure_sodium() {
    static const bool ready = sodium_init() >= 0;
    if (!ready) throw std::runtime_error("libsodium could not be initialised");
}

void put_field(std::string& out, std::string_view v) {
    const auto n = static_cast<uint32_t>(v.size());
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>(n >> shift));
    out.append(v);
}

// version | list | kind | account id | scope root | query, each length-prefixed.
std::string associated_data(const auth::Principal& p, std::string_view list,
                            std::string_view query) {
    std::string ad(1, static_cast<char>(kVersion));
    put_field(ad, list);
    put_field(ad, p.kind);
    put_field(ad, std::to_string(p.account_id));
    put_field(ad, p.org_path);
    put_field(ad, query);
    return ad;
}

const unsigned char* bytes(std::string_view s) {
    return reinterpret_cast<const unsigned char*>(s.data());
}

}  // namespace

ApiError invalid_cursor() {
    return ApiError(422, "request.cursor", "分页游标无效，请从第一页重新查询", "cursor");
}

int64_t cursor_int(const nlohmann::json& position, std::size_t i) {
    if (!position.is_array() || i >= position.size() || !position[i].is_number_integer()) {
        throw invalid_cursor();
    }
    return position[i].get<int64_t>();
}

std::string cursor_text(const nlohmann::json& position, std::size_t i) {
    if (!position.is_array() || i >= position.size() || !position[i].is_string()) {
        throw invalid_cursor();
    }
    return position[i].get<std::string>();
}

Cursors::Cursors(const std::array<unsigned char, kCursorKeyBytes>& key) : key_(key) {
    ensure_sodium();
}

Cursors::~Cursors() { sodium_memzero(key_.data(), key_.size()); }

std::string Cursors::query_binding(const Request& req) {
    std::vector<std::pair<std::string_view, std::string_view>> params;
    for (const auto& [name, value] : req.query) {
        if (name == "cursor" || name == "limit" || value.empty()) continue;
        params.emplace_back(name, value);
    }
    std::sort(params.begin(), params.end());
    std::string out;
    for (const auto& [name, value] : params) {
        put_field(out, name);
        put_field(out, value);
    }
    return out;
}

std::string Cursors::seal(const auth::Principal& p, std::string_view list, std::string_view query,
                          const nlohmann::json& position) const {
    const std::string plain = position.dump();
    const std::string ad = associated_data(p, list, query);
    std::string raw(1 + kNonce + plain.size() + kTag, '\0');
    auto* out = reinterpret_cast<unsigned char*>(raw.data());
    out[0] = kVersion;
    randombytes_buf(out + 1, kNonce);
    unsigned long long written = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(out + 1 + kNonce, &written, bytes(plain),
                                               plain.size(), bytes(ad), ad.size(), nullptr, out + 1,
                                               key_.data());
    std::string encoded(sodium_base64_ENCODED_LEN(raw.size(), kVariant), '\0');
    sodium_bin2base64(encoded.data(), encoded.size(), out, raw.size(), kVariant);
    encoded.resize(encoded.size() - 1);  // sodium's NUL
    return encoded;
}

std::optional<nlohmann::json> Cursors::open(const auth::Principal& p, std::string_view list,
                                            std::string_view query, std::string_view token) const {
    if (token.empty()) return std::nullopt;
    if (token.size() > kMaxCursorChars) throw invalid_cursor();
    std::string raw(token.size(), '\0');
    size_t raw_len = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(raw.data()), raw.size(), token.data(),
                          token.size(), nullptr, &raw_len, nullptr, kVariant) != 0) {
        throw invalid_cursor();
    }
    raw.resize(raw_len);
    if (raw.size() < 1 + kNonce + kTag || static_cast<unsigned char>(raw[0]) != kVersion) {
        throw invalid_cursor();
    }
    const std::string ad = associated_data(p, list, query);
    const auto* in = bytes(raw);
    std::string plain(raw.size() - 1 - kNonce - kTag, '\0');
    unsigned long long plain_len = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(
            reinterpret_cast<unsigned char*>(plain.data()), &plain_len, nullptr, in + 1 + kNonce,
            raw.size() - 1 - kNonce, bytes(ad), ad.size(), in + 1, key_.data()) != 0) {
        throw invalid_cursor();
    }
    plain.resize(plain_len);
    auto position = nlohmann::json::parse(plain, nullptr, false);
    if (position.is_discarded() || !position.is_array()) throw invalid_cursor();
    return position;
}

std::string Cursors::seal(const Request& req, std::string_view list,
                          const nlohmann::json& position) const {
    return seal(http::principal_of(req), list, query_binding(req), position);
}

std::optional<nlohmann::json> Cursors::open(const Request& req, std::string_view list) const {
    auto token = req.query_param("cursor");
    if (!token) return std::nullopt;
    return open(http::principal_of(req), list, query_binding(req), *token);
}

}  // namespace gh::http
