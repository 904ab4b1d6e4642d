// Shared by the worker service's source files; not part of the domain's interface.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/auth/principal.h"

namespace gh::identity::worker_detail {

inline constexpr std::string_view kPhoneContext = "worker_account.phone";

// The bare 11 digits, or 422 phone.format.
std::string normalize_phone(std::string_view raw);

// `from` as the worker `id`, named by the masked number (never the number itself).
auth::Actor as_worker(const auth::Actor& from, int64_t id, std::string_view phone);

}  // namespace gh::identity::worker_detail
