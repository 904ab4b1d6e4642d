#include "core/auth/sha1.h"

#include <algorithm>
#include <string>

namespace gh::auth {

namespace {

constexpr std::size_t kBlockBytes = 64;

constexpr std::uint32_t rotl(std::uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }

}  // namespace

Sha1::Sha1() : h_{0x67452301u, 0xEFCDAB89u, 0x98BADCFEu, 0x10325476u, 0xC3D2E1F0u} {}

void Sha1::compress(const std::uint8_t* block) {
    std::array<std::uint32_t, 80> w{};
    for (int t = 0; t < 16; ++t) {
        w[t] = std::uint32_t{block[4 * t]} << 24 | std::uint32_t{block[4 * t + 1]} << 16 |
               std::uint32_t{block[4 * t + 2]} << 8 | std::uint32_t{block[4 * t + 3]};
    }
    for (int t = 16; t < 80; ++t) w[t] = rotl(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);

    std::uint32_t a = h_[0], b = h_[1], c = h_[2], d = h_[3], e = h_[4];
    for (int t = 0; t < 80; ++t) {
        std::uint32_t f = 0, k = 0;
        if (t < 20) {
            f = (b & c) | (~b & d);  // Ch
            k = 0x5A827999u;
        } else if (t < 40) {
            f = b ^ c ^ d;  // Parity
            k = 0x6ED9EBA1u;
        } else if (t < 60) {
            f = (b & c) | (b & d) | (c & d);  // Maj
            k = 0x8F1BBCDCu;
        } else {
            f = b ^ c ^ d;  // Parity
            k = 0xCA62C1D6u;
        }
        const std::uint32_t temp = rotl(a, 5) + f + e + k + w[t];
        e = d;
        d = c;
        c = rotl(b, 30);
        b = a;
        a = temp;
    }
    h_[0] += a;
    h_[1] += b;
    h_[2] += c;
    h_[3] += d;
    h_[4] += e;
}

void Sha1::update(std::string_view data) {
    const auto* p = reinterpret_cast<const std::uint8_t*>(data.data());
    std::size_t n = data.size();
    total_bytes_ += n;
    if (buffered_ > 0) {
        const std::size_t take = std::min(n, kBlockBytes - buffered_);
        std::copy_n(p, take, buffer_.begin() + static_cast<std::ptrdiff_t>(buffered_));
        buffered_ += take;
        p += take;
        n -= take;
        if (buffered_ < kBlockBytes) return;
        compress(buffer_.data());
        buffered_ = 0;
    }
    for (; n >= kBlockBytes; p += kBlockBytes, n -= kBlockBytes) compress(p);
    std::copy_n(p, n, buffer_.begin());
    buffered_ = n;
}

Sha1Digest Sha1::finish() {
    // Padding: 0x80, zeros up to 56 mod 64, then the message length in bits, big-endian.
    const std::uint64_t bits = total_bytes_ * 8;
    buffer_[buffered_++] = 0x80;
    if (buffered_ > kBlockBytes - 8) {
        std::fill(buffer_.begin() + static_cast<std::ptrdiff_t>(buffered_), buffer_.end(), 0);
        compress(buffer_.data());
        buffered_ = 0;
    }
    std::fill(buffer_.begin() + static_cast<std::ptrdiff_t>(buffered_), buffer_.end() - 8, 0);
    for (int i = 0; i < 8; ++i) {
        buffer_[kBlockBytes - 1 - i] = static_cast<std::uint8_t>(bits >> (8 * i));
    }
    compress(buffer_.data());

    Sha1Digest out{};
    for (std::size_t i = 0; i < 5; ++i) {
        for (std::size_t j = 0; j < 4; ++j) {
            out[4 * i + j] = static_cast<std::uint8_t>(h_[i] >> (24 - 8 * j));
        }
    }
    return out;
}

Sha1Digest sha1(std::string_view data) {
    Sha1 h;
    h.update(data);
    return h.finish();
}

Sha1Digest hmac_sha1(std::string_view key, std::string_view message) {
    // RFC 2104: keys longer than the block are hashed first; then zero-padded to the block size.
    std::array<std::uint8_t, kBlockBytes> k{};
    if (key.size() > kBlockBytes) {
        const Sha1Digest kh = sha1(key);
        std::copy(kh.begin(), kh.end(), k.begin());
    } else {
        std::copy(key.begin(), key.end(), k.begin());
    }
    std::string ipad(kBlockBytes, '\0'), opad(kBlockBytes, '\0');
    for (std::size_t i = 0; i < kBlockBytes; ++i) {
        ipad[i] = static_cast<char>(k[i] ^ 0x36);
        opad[i] = static_cast<char>(k[i] ^ 0x5C);
    }
    Sha1 inner;
    inner.update(ipad);
    inner.update(message);
    const Sha1Digest inner_digest = inner.finish();

    Sha1 outer;
    outer.update(opad);
    outer.update(
        std::string_view(reinterpret_cast<const char*>(inner_digest.data()), inner_digest.size()));
    return outer.finish();
}

}  // namespace gh::auth
