// Internal text helpers of gh_audit: UTF-8 decoding shared by storage and log sanitising.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/cn/utf8.h"

namespace gh::audit::text {

// One UTF-8 sequence at s[pos] (core/cn/utf8.h).
using Decoded = cn::Utf8Sequence;
using cn::decode_utf8;

// s with every invalid UTF-8 byte and every NUL replaced by U+FFFD.
std::string valid_utf8(std::string_view s);

}  // namespace gh::audit::text
