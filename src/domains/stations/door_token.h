// Signed tokens of a station's door, and a worker's short-lived personal pass for a smart lock.
//
// Door token (what the QR code at the door holds, inside a check-in URL):
//     D1.<station code>.<door generation>.<expires, unix seconds>.<signature>
// signature = base64url (no padding) of HMAC-SHA256 (libsodium crypto_auth_hmacsha256) under the
// station's own 32-byte door key (StationService::door_key) over "D1|code|generation|expires".
// Two kinds share the form:
//   - a printed poster's token, valid kPosterValidity (about 400 days);
//   - a door screen's rotating token, valid kScreenValidity (120 s).
// StationService::renew_door bumps the generation and replaces the key, so every token printed
// before it is refused (station.door_token_expired: the generation is old).
//
// Worker pass (GET /worker/stations/pass, shown as a QR code to a smart lock's reader):
//     P1.<worker account id>.<expires, unix seconds>.<signature>
// signature = HMAC-SHA256 over "P1|worker id|expires" under a key derived from the installation's
// index key with the vault's crypto_kdf (Vault::derive_key("ghdpass1")): the same on every node
// of an installation and for its life, never stored, unrelated to any other key. A pass is valid
// kPassValidity (60 s) and names nothing but the account id.
//
// No face data ever reaches the server: a lock that matches faces locally sends the card number
// it enrolled, as a "card" credential.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gh::stations {

inline constexpr std::chrono::seconds kPosterValidity = std::chrono::hours(24 * 400);
inline constexpr std::chrono::seconds kScreenValidity{120};
inline constexpr std::chrono::seconds kPassValidity{60};

struct DoorToken {
    std::string code;
    int64_t generation = 0;
    int64_t expires = 0;  // unix seconds
};

// The token's text, signed with the station's 32-byte key.
std::string sign_door_token(std::string_view key, const DoorToken& t);
// The fields of a well-formed token, its signature unchecked; nullopt when it is not one.
std::optional<DoorToken> read_door_token(std::string_view text);
// Whether `text` carries a valid signature under `key` (constant time).
bool door_token_signed_by(std::string_view key, std::string_view text);

struct WorkerPass {
    int64_t worker_id = 0;
    int64_t expires = 0;  // unix seconds
};
std::string sign_worker_pass(std::string_view key, const WorkerPass& p);
// The pass when well formed and signed under `key` (expiry unchecked); nullopt otherwise.
std::optional<WorkerPass> verify_worker_pass(std::string_view key, std::string_view text);

// The vault's crypto_kdf context of the pass key (8 characters).
inline constexpr std::string_view kPassKeyContext = "ghdpass1";

}  // namespace gh::stations
