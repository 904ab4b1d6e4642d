// Text of the audit log: actor types, timestamps, UTF-8 repair, log sanitising, the revoke SQL.
#include "core/audit/text.h"

#include <cstdio>
#include <stdexcept>

#include "core/audit/audit.h"

namespace gh::audit {

namespace text {

std::string valid_utf8(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();) {
        auto d = decode_utf8(s, i);
        if (d.cp <= 0) {
            out += "\xEF\xBF\xBD";  // U+FFFD
        } else {
            out.append(s.substr(i, d.len));
        }
        i += d.len;
    }
    return out;
}

}  // namespace text

namespace {

constexpr std::string_view kActorTypes[] = {"staff", "worker", "service", "system", "anonymous"};

bool needs_escape(long cp) {
    return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

}  // namespace

std::string_view actor_type_name(ActorType t) { return kActorTypes[static_cast<int>(t)]; }

std::optional<ActorType> parse_actor_type(std::string_view s) {
    for (size_t i = 0; i < std::size(kActorTypes); ++i) {
        if (kActorTypes[i] == s) return static_cast<ActorType>(i);
    }
    return std::nullopt;
}

std::string format_time(std::chrono::system_clock::time_point t) {
    using namespace std::chrono;
    const auto ms = floor<milliseconds>(t);
    const auto day = floor<days>(ms);
    const year_month_day ymd{day};
    const hh_mm_ss hms{ms - day};
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", int(ymd.year()),
                  unsigned(ymd.month()), unsigned(ymd.day()), int(hms.hours().count()),
                  int(hms.minutes().count()), int(hms.seconds().count()),
                  int(hms.subseconds().count()));
    return buf;
}

std::string sanitize_for_log(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    char buf[12];
    for (size_t i = 0; i < s.size();) {
        const auto d = text::decode_utf8(s, i);
        if (d.cp < 0) {
            std::snprintf(buf, sizeof buf, "\\x%02X", static_cast<unsigned char>(s[i]));
            out += buf;
        } else if (d.cp == '\\') {
            out += "\\\\";
        } else if (d.cp == '\r') {
            out += "\\r";
        } else if (d.cp == '\n') {
            out += "\\n";
        } else if (d.cp == '\t') {
            out += "\\t";
        } else if (d.cp < 0x80 && needs_escape(d.cp)) {
            std::snprintf(buf, sizeof buf, "\\x%02X", static_cast<unsigned>(d.cp));
            out += buf;
        } else if (needs_escape(d.cp)) {
            std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned>(d.cp));
            out += buf;
        } else {
            out.append(s.substr(i, d.len));
        }
        i += d.len;
    }
    return out;
}

std::string postgres_revoke_sql(std::string_view app_role) {
    bool ok = !app_role.empty() && app_role.size() <= 63 &&
              !(app_role[0] >= '0' && app_role[0] <= '9') && app_role[0] != '$';
    for (char ch : app_role) {
        ok = ok && ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '$');
    }
    if (!ok) {
        throw std::invalid_argument("audit: role name must be a lower-case SQL identifier, got \"" +
                                    sanitize_for_log(app_role) + "\"");
    }
    // Quoted, so a name that is also a keyword (user, public) still means that role.
    return "REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM \"" + std::string(app_role) + "\"";
}

}  // namespace gh::audit
