#include "core/config/config.h"

#include <toml++/toml.h>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <iterator>

namespace gh {

bool parse_mode(std::string_view mode, std::string_view where) {
    if (mode == "development") return true;
    if (mode == "production") return false;
    throw ConfigError(
        "运行模式应为 development 或 production / mode must be development or "
        "production: " +
        std::string(where));
}

namespace {

std::string read_secret_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw ConfigError("无法读取短信密钥文件 / cannot read sms.secret_file " + path);
    std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
    if (s.empty()) throw ConfigError("短信密钥文件为空 / sms.secret_file is empty: " + path);
    return s;
}

void check_repeat_window(int minutes, const std::string& where) {
    if (minutes < 1 || minutes > 1440) {
        throw ConfigError("stations.repeat_window_minutes 应为 1 到 1440 / must be 1 to 1440: " +
                          where);
    }
}

}  // namespace

void load_config_file(Config& cfg, const std::string& path) {
    toml::table t;
    try {
        t = toml::parse_file(path);
    } catch (const toml::parse_error& e) {
        throw ConfigError("配置文件有误 / bad config file " + path + " (line " +
                          std::to_string(e.source().begin.line) +
                          "): " + std::string(e.description()));
    }
    auto str = [&](const char* section, const char* key, std::string& out) {
        auto node = t[section][key];
        if (!node) return;
        if (!node.is_string()) {
            throw ConfigError("配置项应为字符串 / config key must be a string: " +
                              std::string(section) + "." + key);
        }
        out = *node.value<std::string>();
    };
    auto num = [&](const char* section, const char* key, auto& out) {
        auto node = t[section][key];
        if (!node) return;
        if (!node.is_integer() || *node.value<int64_t>() < 0) {
            throw ConfigError("配置项应为非负整数 / config key must be a non-negative integer: " +
                              std::string(section) + "." + key);
        }
        out = static_cast<std::remove_reference_t<decltype(out)>>(*node.value<int64_t>());
    };
    str("database", "url", cfg.db_url);
    str("server", "listen", cfg.listen);
    str("server", "web_root", cfg.web_root);
    str("server", "public_url", cfg.public_url);
    num("server", "body_limit_mb", cfg.body_limit_mb);
    num("server", "threads", cfg.threads);
    num("server", "workers", cfg.workers);
    num("server", "queue", cfg.queue);
    num("server", "lookups_per_minute", cfg.lookups_per_minute);
    num("server", "lookups_per_day", cfg.lookups_per_day);
    num("server", "lookups_per_minute_per_ip", cfg.lookups_per_minute_per_ip);
    num("server", "lookups_per_day_per_ip", cfg.lookups_per_day_per_ip);
    num("server", "logins_per_minute_per_ip", cfg.logins_per_minute_per_ip);
    std::string mode;
    str("server", "mode", mode);
    if (!mode.empty()) cfg.development = parse_mode(mode, "server.mode");
    str("sms", "url", cfg.sms_url);
    str("sms", "otp_template", cfg.sms_otp_template);
    str("sms", "status_template", cfg.sms_status_template);
    std::string secret_file;
    str("sms", "secret_file", secret_file);
    if (!secret_file.empty()) cfg.sms_secret = read_secret_file(secret_file);
    str("log", "level", cfg.log_level);
    str("security", "key_file", cfg.key_file);
    num("audit", "retention_days", cfg.audit_retention_days);
    num("members", "retention_days", cfg.member_retention_days);
    num("stations", "repeat_window_minutes", cfg.station_repeat_window_minutes);
    check_repeat_window(cfg.station_repeat_window_minutes, path);
    num("import", "max_rows", cfg.import_max_rows);
    num("import", "report_rows", cfg.import_report_rows);
    if (cfg.import_max_rows < 1 || cfg.import_max_rows > 2000000) {
        throw ConfigError("import.max_rows 应为 1 到 2000000 / must be 1 to 2000000: " + path);
    }
    if (cfg.import_report_rows < 1 || cfg.import_report_rows > 1000000) {
        throw ConfigError("import.report_rows 应为 1 到 1000000 / must be 1 to 1000000: " + path);
    }
}

void check_lookup_limits(const Config& cfg) {
    for (auto [key, v] : {std::pair{"lookups_per_minute", cfg.lookups_per_minute},
                          std::pair{"lookups_per_day", cfg.lookups_per_day},
                          std::pair{"lookups_per_minute_per_ip", cfg.lookups_per_minute_per_ip},
                          std::pair{"lookups_per_day_per_ip", cfg.lookups_per_day_per_ip},
                          std::pair{"logins_per_minute_per_ip", cfg.logins_per_minute_per_ip}}) {
        if (v < 1) {
            throw ConfigError("查询次数限制至少为 1 / lookup limit must be at least 1: server." +
                              std::string(key));
        }
    }
}

std::string key_file_path(const Config& cfg) {
    if (!cfg.key_file.empty()) return cfg.key_file;
    std::string_view url = cfg.db_url;
    if (url.substr(0, 9) == "sqlite://") {
        std::string path(url.substr(9));
        auto slash = path.rfind('/');
        return (slash == std::string::npos ? std::string(".") : path.substr(0, slash)) +
               "/gonghui.key";
    }
    return "var/gonghui.key";
}

void load_config_env(Config& cfg) {
    if (const char* v = std::getenv("GONGHUI_DB"); v && *v) cfg.db_url = v;
    if (const char* v = std::getenv("GONGHUI_PUBLIC_URL"); v && *v) cfg.public_url = v;
    if (const char* v = std::getenv("GONGHUI_LISTEN"); v && *v) cfg.listen = v;
    if (const char* v = std::getenv("GONGHUI_MODE"); v && *v) {
        cfg.development = parse_mode(v, "GONGHUI_MODE");
    }
    if (const char* v = std::getenv("GONGHUI_CLOCK"); v && *v) cfg.clock_start = v;
    if (const char* v = std::getenv("GONGHUI_SMS_URL"); v && *v) cfg.sms_url = v;
    if (const char* v = std::getenv("GONGHUI_SMS_SECRET"); v && *v) cfg.sms_secret = v;
    if (const char* v = std::getenv("GONGHUI_STATIONS_REPEAT_WINDOW_MINUTES"); v && *v) {
        const std::string_view text(v);
        int minutes = 0;
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), minutes);
        if (ec != std::errc() || end != text.data() + text.size()) minutes = 0;
        check_repeat_window(minutes, "GONGHUI_STATIONS_REPEAT_WINDOW_MINUTES");
        cfg.station_repeat_window_minutes = minutes;
    }
}

std::string normalize_public_url(const std::string& url) {
    if (url.empty()) return url;
    std::string u = url;
    while (!u.empty() && u.back() == '/') u.pop_back();
    const bool scheme = u.starts_with("https://") || u.starts_with("http://");
    const auto host_at = u.find("://") + 3;
    const bool bad_char = u.find_first_of("?# \t\r\n\"<>") != std::string::npos;
    if (!scheme || u.size() <= host_at || bad_char) {
        throw ConfigError(
            "公开访问地址应为 http(s):// 开头、不含查询参数的地址 / public_url must be an "
            "http(s) URL without query or fragment: " +
            url);
    }
    return u;
}

HostPort parse_listen(const std::string& s) {
    auto bad = [&] {
        return ConfigError("监听地址应为 主机:端口 / listen address must be HOST:PORT: " + s);
    };
    auto colon = s.rfind(':');
    if (colon == std::string::npos) throw bad();
    std::string host = s.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
        host = host.substr(1, host.size() - 2);
    }
    if (host.empty()) host = "0.0.0.0";
    unsigned port = 0;
    auto ps = std::string_view(s).substr(colon + 1);
    auto [p, ec] = std::from_chars(ps.data(), ps.data() + ps.size(), port);
    if (ec != std::errc() || p != ps.data() + ps.size() || port > 65535) throw bad();
    return {host, static_cast<uint16_t>(port)};
}

}  // namespace gh
