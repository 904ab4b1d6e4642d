// The error codes the core pieces answer themselves (the HTTP layer, the Chinese-data
// validators, passwords, cursors, lookup limits). Permissions belong to domains only.
#include "core/app/domain.h"

namespace gh::app {

const Catalogue& core_catalogue() {
    static const Catalogue c{{},
                             {},
                             {
                                 "internal",
                                 "auth.required",
                                 "credit_code.checksum",
                                 "credit_code.format",
                                 "field.required",
                                 "field.too_long",
                                 "field.type",
                                 "id_number.birth_date",
                                 "id_number.checksum",
                                 "id_number.excel_scientific",
                                 "id_number.format",
                                 "id_number.region",
                                 "lookup.rate_limited",
                                 "name.chars",
                                 "name.length",
                                 "password.classes",
                                 "password.common",
                                 "password.contains_username",
                                 "password.too_long",
                                 "password.too_short",
                                 "phone.format",
                                 "request.cursor",
                                 "request.limit",
                                 "request.malformed_json",
                                 "request.method_not_allowed",
                                 "request.not_found",
                                 "request.not_object",
                                 "request.query",
                                 "request.unsupported_media_type",
                                 "server.busy",
                                 "service.unavailable",
                                 "text.control",
                                 "text.encoding",
                                 "text.invisible",
                             }};
    return c;
}

}  // namespace gh::app
