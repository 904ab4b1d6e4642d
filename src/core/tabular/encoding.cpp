#include "core/tabular/encoding.h"

#include <iconv.h>

#include <cerrno>

#include "core/tabular/tabular.h"

namespace gh::tabular::detail {

namespace {

// Length of the sequence a lead byte starts, 0 when it cannot start one.
size_t sequence_length(unsigned char lead) {
    if (lead < 0x80) return 1;
    if (lead >= 0xC2 && lead <= 0xDF) return 2;
    if (lead >= 0xE0 && lead <= 0xEF) return 3;
    if (lead >= 0xF0 && lead <= 0xF4) return 4;
    return 0;
}

// Whether the second byte is allowed after this lead byte (rules out overlong forms,
// surrogates and code points above U+10FFFF).
bool second_byte_ok(unsigned char lead, unsigned char second) {
    if (lead == 0xE0) return second >= 0xA0 && second <= 0xBF;
    if (lead == 0xED) return second >= 0x80 && second <= 0x9F;
    if (lead == 0xF0) return second >= 0x90 && second <= 0xBF;
    if (lead == 0xF4) return second >= 0x80 && second <= 0x8F;
    return second >= 0x80 && second <= 0xBF;
}

}  // namespace

bool is_valid_utf8(std::string_view bytes, bool allow_truncated_tail) {
    size_t i = 0;
    const size_t n = bytes.size();
    while (i < n) {
        const auto lead = static_cast<unsigned char>(bytes[i]);
        if (lead < 0x80) {
            ++i;
            continue;
        }
        const size_t len = sequence_length(lead);
        if (len == 0) return false;
        for (size_t k = 1; k < len; ++k) {
            if (i + k >= n) return allow_truncated_tail;
            const auto c = static_cast<unsigned char>(bytes[i + k]);
            const bool ok = k == 1 ? second_byte_ok(lead, c) : (c >= 0x80 && c <= 0xBF);
            if (!ok) return false;
        }
        i += len;
    }
    return true;
}

Gb18030Decoder::Gb18030Decoder() {
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == reinterpret_cast<iconv_t>(-1)) {
        throw TabularError("系统不支持 GB18030 编码转换");
    }
    cd_ = cd;
}

Gb18030Decoder::~Gb18030Decoder() { iconv_close(static_cast<iconv_t>(cd_)); }

bool Gb18030Decoder::decode(std::string_view in, std::string& out) {
    auto cd = static_cast<iconv_t>(cd_);
    iconv(cd, nullptr, nullptr, nullptr, nullptr);
    out.assign(in.size() * 2 + 16, '\0');
    // iconv's interface takes char**, though it never writes through the input pointer.
    char* src = const_cast<char*>(in.data());
    size_t src_left = in.size();
    size_t used = 0;
    while (true) {
        char* dst = out.data() + used;
        size_t dst_left = out.size() - used;
        const size_t rc = iconv(cd, src_left ? &src : nullptr, &src_left, &dst, &dst_left);
        used = out.size() - dst_left;
        if (rc != static_cast<size_t>(-1)) {
            if (src_left == 0) break;
            continue;
        }
        if (errno != E2BIG) return false;
        out.resize(out.size() * 2);
    }
    out.resize(used);
    return true;
}

}  // namespace gh::tabular::detail
