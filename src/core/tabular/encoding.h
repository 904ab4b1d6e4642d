// Internal to gh_tabular: UTF-8 validation and GB18030 decoding with iconv.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace gh::tabular::detail {

// Strictly valid UTF-8 (no overlong forms, surrogates or code points above U+10FFFF). With
// allow_truncated_tail, an incomplete sequence at the very end counts as valid (a sample cut
// in the middle of a character).
bool is_valid_utf8(std::string_view bytes, bool allow_truncated_tail = false);

// Converts GB18030 bytes to UTF-8. One converter per reader; not thread-safe.
class Gb18030Decoder {
public:
    Gb18030Decoder();
    ~Gb18030Decoder();
    Gb18030Decoder(const Gb18030Decoder&) = delete;
    Gb18030Decoder& operator=(const Gb18030Decoder&) = delete;

    // False when the bytes are not valid GB18030 (out is then unspecified).
    bool decode(std::string_view in, std::string& out);

private:
    void* cd_;
};

}  // namespace gh::tabular::detail
