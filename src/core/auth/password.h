// Password hashing: argon2id through libsodium, stored as the self-describing PHC string
// ("$argon2id$v=19$m=...,t=...,p=...$salt$hash"), so parameters can change without a migration.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace gh::auth {

// argon2id cost: libsodium's INTERACTIVE preset (2 passes over 64 MiB, one lane). Login runs one
// hash per attempt and must stay well under 100 ms on the 2-core target machines: measured on the
// 2-core dev VM, one verify takes ~70 ms when idle and 80-130 ms while a build competes for the
// cores. MODERATE (3 x 256 MiB) and SENSITIVE (4 x 1 GiB) cost ~6x and ~32x that, and a burst of
// logins would exhaust memory. Raising these later is safe: needs_rehash() upgrades hashes at the
// next login.
inline constexpr unsigned long long kPasswordOpsLimit = 2;             // OPSLIMIT_INTERACTIVE
inline constexpr std::size_t kPasswordMemLimit = 64ull * 1024 * 1024;  // MEMLIMIT_INTERACTIVE

// A new salted argon2id hash of `password`. Throws std::runtime_error if libsodium fails (only
// when the memory for the hash cannot be allocated).
std::string hash_password(std::string_view password);

// True when `hash` (as stored by hash_password) matches `password`. A malformed or truncated hash
// yields false, never an exception.
bool verify_password(std::string_view hash, std::string_view password);

// True when `hash` is not an argon2id hash made with the current limits (or is malformed): call
// after a successful verify_password and store hash_password(password) in its place.
bool needs_rehash(std::string_view hash);

}  // namespace gh::auth
