// Keyset cursors a client cannot forge. A list answers `next_cursor`: an opaque token that seals
// the position of the page's last row (the keys the next page starts after, e.g. (name, path,
// id)) for the caller who asked, the list and the query they asked it with. The server reads the
// position back from the token, never from the row of an id the client chose.
//
// Token (base64url, no padding): 1 byte version (1) | 24-byte nonce | XChaCha20-Poly1305
// ciphertext of the position (JSON) + 16-byte tag. The associated data binds the token to
//   - the list ("members", "orgs" …),
//   - the caller: principal kind, account id and scope root path,
//   - the query: every query parameter except `cursor` and `limit`, empty ones left out,
//     sorted by name and value (length-prefixed, so no two queries run into each other).
// A token from another list, query, scope or account, a tampered or truncated one, an integer id
// and anything else not sealed here under the same key all answer the same 422 request.cursor.
// The position is encrypted as well as authenticated: a name-ordered list's cursor carries the
// last row's name, which then never appears in clear in a URL or a browser history.
//
// The key is derived from the installation's PII key file (pii::Vault::derive_key), so cursors
// survive a restart and every instance sharing the key file reads the others' cursors.
#pragma once

#include <array>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/auth/principal.h"
#include "core/error.h"
#include "core/http/message.h"

namespace gh::http {

inline constexpr std::size_t kCursorKeyBytes = 32;
// A longer `cursor` parameter is refused before any decoding (request.cursor).
inline constexpr std::size_t kMaxCursorChars = 2048;

class Cursors {
public:
    explicit Cursors(const std::array<unsigned char, kCursorKeyBytes>& key);
    ~Cursors();  // wipes the key
    Cursors(const Cursors&) = delete;
    Cursors& operator=(const Cursors&) = delete;

    // The token for the page after `position`, for this request's caller and query.
    std::string seal(const Request& req, std::string_view list,
                     const nlohmann::json& position) const;

    // The position the request's `cursor` parameter seals; nullopt when it is absent or empty
    // (the first page). Anything else throws ApiError 422 request.cursor (field cursor).
    std::optional<nlohmann::json> open(const Request& req, std::string_view list) const;

    // The same, for an explicit caller and query text (unit tests; the two above call these).
    std::string seal(const auth::Principal& p, std::string_view list, std::string_view query,
                     const nlohmann::json& position) const;
    std::optional<nlohmann::json> open(const auth::Principal& p, std::string_view list,
                                       std::string_view query, std::string_view token) const;

    // The canonical text of a request's query for the binding (see above).
    static std::string query_binding(const Request& req);

private:
    std::array<unsigned char, kCursorKeyBytes> key_{};
};

// The one answer to every cursor that is not a valid token for this caller, list and query.
ApiError invalid_cursor();

// Reads position[i] as an integer / a string, else invalid_cursor(): a sealed position has the
// shape its list wrote, but a list that changes its shape must not crash on an old token.
int64_t cursor_int(const nlohmann::json& position, std::size_t i);
std::string cursor_text(const nlohmann::json& position, std::size_t i);

}  // namespace gh::http
