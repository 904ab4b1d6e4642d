// Settings of one gonghui process. Precedence: built-in defaults < TOML file (--config) <
// environment (GONGHUI_DB, GONGHUI_LISTEN) < command-line flags.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace gh {

struct Config {
    std::string db_url = "sqlite://var/gonghui.db";
    std::string listen = "127.0.0.1:8080";
    std::string web_root = "web/dist";
    // Where the public pages are reached from outside ("https://gh.example.cn"): the member
    // card's QR code then opens <public_url>/verify/card/<card number>. Empty: the QR code holds
    // the card number and the API path only.
    std::string public_url;
    size_t body_limit_mb = 10;
    int threads = 0;  // io threads; 0: one per core
    int workers = 0;  // handler threads (they wait on the database); 0: four per core
    int queue = 0;    // requests that may wait for a handler thread; 0: 64 per worker
    std::string log_level = "info";
    // The PII key file (ID numbers, phones, TOTP secrets). Empty: beside the SQLite file, or
    // var/gonghui.key for PostgreSQL. Never inside the database.
    std::string key_file;
    // Audit rows older than this may be pruned by `gonghui audit prune`; never below 184 days.
    int audit_retention_days = 184;
    // Members whose membership ended more than this many days ago are anonymised by
    // `gonghui members purge` ([members] retention_days; default three years).
    int member_retention_days = 1095;
    // Roster uploads over HTTP (member and employer imports; [import] max_rows): data rows per
    // file, 1 to 2,000,000. The CLI's own limit is `--max-rows`.
    size_t import_max_rows = 50000;
    // Refused rows listed in a member import's kept report ([import] report_rows), 1 to
    // 1,000,000.
    size_t import_report_rows = 10000;
    // Lookups by ID number or phone (transfer requests, worker applications, member search and
    // creation by number): per account and per client IP, per UTC minute and day ([server]
    // lookups_per_minute …, --lookups-per-minute …). Each at least 1. docs/SECURITY.md.
    int lookups_per_minute = 30;
    int lookups_per_day = 300;
    int lookups_per_minute_per_ip = 60;
    int lookups_per_day_per_ip = 600;
    // Sign-in attempts (staff and workers) per client IP and minute ([server]
    // logins_per_minute_per_ip, --logins-per-minute-per-ip; at least 1). Raise it where many
    // workers share one address (a carrier's NAT, a union office's Wi-Fi).
    int logins_per_minute_per_ip = 30;
    // Check-ins at a station's door: a visitor's repeat scans at the same station within this
    // many minutes count as one visit ([stations] repeat_window_minutes, env
    // GONGHUI_STATIONS_REPEAT_WINDOW_MINUTES; 1 to 1440).
    int station_repeat_window_minutes = 30;
    // Development mode (`serve --dev`, GONGHUI_MODE=development, [server] mode =
    // "development"): the one-time codes go to the server log (the log SMS sender), and
    // GONGHUI_CLOCK may start the clock at another day. Production otherwise: no code ever
    // reaches a log, and without an SMS provider the code sign-in answers 503.
    bool development = false;
    // Development mode only: the instant (ISO 8601, or a Beijing date) the clock starts at.
    std::string clock_start;
    // The SMS provider ([sms] url / otp_template / status_template; --sms-url, --sms-template;
    // env GONGHUI_SMS_URL; the HMAC secret from GONGHUI_SMS_SECRET or [sms] secret_file). An
    // empty url: no provider.
    std::string sms_url;
    std::string sms_secret;
    std::string sms_otp_template = "otp";
    std::string sms_status_template = "status";
};

// Throws ConfigError unless every lookup limit is at least 1.
void check_lookup_limits(const Config& cfg);

// The key file `cfg` names or implies.
std::string key_file_path(const Config& cfg);

// Bad configuration: a usage error (exit code 2), message in Chinese and English.
class ConfigError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// "development" → true, "production" → false; anything else throws ConfigError naming `where`.
bool parse_mode(std::string_view mode, std::string_view where);

// Reads a TOML file over `cfg`; throws ConfigError naming the file, line and key.
void load_config_file(Config& cfg, const std::string& path);
// An http(s) URL without query, fragment or trailing slash ("" stays ""); throws ConfigError.
std::string normalize_public_url(const std::string& url);
// Applies GONGHUI_DB, GONGHUI_LISTEN, GONGHUI_PUBLIC_URL, GONGHUI_MODE, GONGHUI_CLOCK,
// GONGHUI_SMS_URL, GONGHUI_SMS_SECRET and GONGHUI_STATIONS_REPEAT_WINDOW_MINUTES when set.
void load_config_env(Config& cfg);

struct HostPort {
    std::string host;
    uint16_t port;
};
// "127.0.0.1:8080", "[::1]:8080", ":8080" (all interfaces); throws ConfigError.
HostPort parse_listen(const std::string& s);

}  // namespace gh
