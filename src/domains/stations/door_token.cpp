// Door tokens and worker passes: HMAC-SHA256 with libsodium; see door_token.h.
#include "domains/stations/door_token.h"

#include <sodium.h>

#include <charconv>
#include <vector>

namespace gh::stations {

namespace {

std::string mac(std::string_view key, std::string_view message) {
    unsigned char out[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(key.data()),
                                key.size());
    crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(message.data()),
                                  message.size());
    crypto_auth_hmacsha256_final(&st, out);
    return std::string(reinterpret_cast<const char*>(out), sizeof out);
}

std::string b64url(std::string_view bin) {
    const int variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
    std::string out(sodium_base64_encoded_len(bin.size(), variant), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bin.data()),
                      bin.size(), variant);
    out.resize(out.size() - 1);  // the terminating NUL
    return out;
}

std::optional<std::string> unb64url(std::string_view text) {
    std::string out(text.size(), '\0');
    size_t len = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                          text.size(), nullptr, &len, nullptr,
                          sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
        return std::nullopt;
    }
    out.resize(len);
    return out;
}

std::vector<std::string_view> split_dots(std::string_view s) {
    std::vector<std::string_view> parts;
    for (size_t at = 0;;) {
        const size_t dot = s.find('.', at);
        parts.push_back(
            s.substr(at, dot == std::string_view::npos ? std::string_view::npos : dot - at));
        if (dot == std::string_view::npos) return parts;
        at = dot + 1;
    }
}

std::optional<int64_t> number(std::string_view s) {
    if (s.empty() || s.size() > 18) return std::nullopt;
    int64_t v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size() || v < 0) return std::nullopt;
    return v;
}

bool code_chars(std::string_view code) {
    if (code.empty() || code.size() > 32) return false;
    for (char c : code) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                        (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (!ok) return false;
    }
    return true;
}

std::string door_message(const DoorToken& t) {
    return "D1|" + t.code + "|" + std::to_string(t.generation) + "|" + std::to_string(t.expires);
}

std::string pass_message(const WorkerPass& p) {
    return "P1|" + std::to_string(p.worker_id) + "|" + std::to_string(p.expires);
}

// Constant-time comparison of a signature part with the expected MAC.
bool same_mac(std::string_view sig_text, const std::string& expected) {
    auto sig = unb64url(sig_text);
    if (!sig || sig->size() != expected.size()) return false;
    return sodium_memcmp(sig->data(), expected.data(), expected.size()) == 0;
}

}  // namespace

std::string sign_door_token(std::string_view key, const DoorToken& t) {
    return "D1." + t.code + "." + std::to_string(t.generation) + "." + std::to_string(t.expires) +
           "." + b64url(mac(key, door_message(t)));
}

std::optional<DoorToken> read_door_token(std::string_view text) {
    if (text.size() > 200) return std::nullopt;
    const auto parts = split_dots(text);
    if (parts.size() != 5 || parts[0] != "D1" || !code_chars(parts[1])) return std::nullopt;
    auto gen = number(parts[2]);
    auto exp = number(parts[3]);
    if (!gen || !exp || parts[4].empty()) return std::nullopt;
    return DoorToken{std::string(parts[1]), *gen, *exp};
}

bool door_token_signed_by(std::string_view key, std::string_view text) {
    auto t = read_door_token(text);
    if (!t) return false;
    return same_mac(split_dots(text)[4], mac(key, door_message(*t)));
}

std::string sign_worker_pass(std::string_view key, const WorkerPass& p) {
    return "P1." + std::to_string(p.worker_id) + "." + std::to_string(p.expires) + "." +
           b64url(mac(key, pass_message(p)));
}

std::optional<WorkerPass> verify_worker_pass(std::string_view key, std::string_view text) {
    if (text.size() > 200) return std::nullopt;
    const auto parts = split_dots(text);
    if (parts.size() != 4 || parts[0] != "P1") return std::nullopt;
    auto id = number(parts[1]);
    auto exp = number(parts[2]);
    if (!id || !exp) return std::nullopt;
    WorkerPass p{*id, *exp};
    if (!same_mac(parts[3], mac(key, pass_message(p)))) return std::nullopt;
    return p;
}

}  // namespace gh::stations
