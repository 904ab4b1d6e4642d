#include "core/config/config.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

using gh::Config;
using gh::ConfigError;

TEST(Config, ParseListen) {
    auto a = gh::parse_listen("127.0.0.1:8080");
    EXPECT_EQ(a.host, "127.0.0.1");
    EXPECT_EQ(a.port, 8080);
    auto b = gh::parse_listen(":9000");
    EXPECT_EQ(b.host, "0.0.0.0");
    auto c = gh::parse_listen("[::1]:81");
    EXPECT_EQ(c.host, "::1");
    EXPECT_THROW(gh::parse_listen("127.0.0.1"), ConfigError);
    EXPECT_THROW(gh::parse_listen("h:70000"), ConfigError);
    EXPECT_THROW(gh::parse_listen("h:80x"), ConfigError);
}

namespace {
std::string write_temp(const std::string& text) {
    auto p = std::filesystem::temp_directory_path() / "gonghui_config_test.toml";
    std::ofstream(p) << text;
    return p.string();
}
}  // namespace

TEST(Config, TomlFileSetsEverything) {
    Config cfg;
    gh::load_config_file(cfg, write_temp(R"(
[database]
url = "postgresql://gh@db:5432/gonghui"
[server]
listen = "0.0.0.0:80"
web_root = "/srv/web"
body_limit_mb = 20
threads = 4
workers = 16
queue = 100
[log]
level = "debug"
)"));
    EXPECT_EQ(cfg.db_url, "postgresql://gh@db:5432/gonghui");
    EXPECT_EQ(cfg.listen, "0.0.0.0:80");
    EXPECT_EQ(cfg.web_root, "/srv/web");
    EXPECT_EQ(cfg.body_limit_mb, 20u);
    EXPECT_EQ(cfg.threads, 4);
    EXPECT_EQ(cfg.workers, 16);
    EXPECT_EQ(cfg.queue, 100);
    EXPECT_EQ(cfg.log_level, "debug");
}

TEST(Config, BadTomlNamesTheProblem) {
    Config cfg;
    try {
        gh::load_config_file(cfg, write_temp("[server]\nlisten = 8080\n"));
        FAIL() << "expected ConfigError";
    } catch (const ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find("server.listen"), std::string::npos);
    }
    EXPECT_THROW(gh::load_config_file(cfg, write_temp("[server\n")), ConfigError);
}

TEST(Config, EnvironmentOverridesFile) {
    Config cfg;
    setenv("GONGHUI_DB", "sqlite:///tmp/x.db", 1);
    gh::load_config_env(cfg);
    unsetenv("GONGHUI_DB");
    EXPECT_EQ(cfg.db_url, "sqlite:///tmp/x.db");
}

TEST(Config, PublicUrlFromTomlAndItsShape) {
    Config cfg;
    gh::load_config_file(cfg, write_temp("[server]\npublic_url = \"https://gh.example.cn/\"\n"));
    EXPECT_EQ(cfg.public_url, "https://gh.example.cn/");
    EXPECT_EQ(gh::normalize_public_url(cfg.public_url), "https://gh.example.cn");
    EXPECT_EQ(gh::normalize_public_url("http://10.0.0.5:8080/gh"), "http://10.0.0.5:8080/gh");
    EXPECT_EQ(gh::normalize_public_url(""), "");
    EXPECT_THROW(gh::normalize_public_url("gh.example.cn"), ConfigError);
    EXPECT_THROW(gh::normalize_public_url("ftp://gh.example.cn"), ConfigError);
    EXPECT_THROW(gh::normalize_public_url("https://"), ConfigError);
    EXPECT_THROW(gh::normalize_public_url("https://gh.example.cn/?x=1"), ConfigError);
}

TEST(Config, ImportLimitsFromTomlWithinTheirRanges) {
    Config defaults;
    EXPECT_EQ(defaults.import_max_rows, 50000u);
    EXPECT_EQ(defaults.import_report_rows, 10000u);
    Config cfg;
    gh::load_config_file(cfg, write_temp("[import]\nmax_rows = 5\nreport_rows = 3\n"));
    EXPECT_EQ(cfg.import_max_rows, 5u);
    EXPECT_EQ(cfg.import_report_rows, 3u);
    for (const char* bad : {"[import]\nmax_rows = 0\n", "[import]\nmax_rows = 2000001\n",
                            "[import]\nreport_rows = 0\n", "[import]\nreport_rows = 1000001\n",
                            "[import]\nmax_rows = -1\n"}) {
        Config c;
        EXPECT_THROW(gh::load_config_file(c, write_temp(bad)), ConfigError) << bad;
    }
}

TEST(Config, LookupLimitsDefaultsTomlAndAtLeastOne) {
    Config cfg;
    EXPECT_EQ(cfg.lookups_per_minute, 30);
    EXPECT_EQ(cfg.lookups_per_day, 300);
    EXPECT_EQ(cfg.lookups_per_minute_per_ip, 60);
    EXPECT_EQ(cfg.lookups_per_day_per_ip, 600);
    EXPECT_NO_THROW(gh::check_lookup_limits(cfg));
    gh::load_config_file(cfg, write_temp(R"(
[server]
lookups_per_minute = 5
lookups_per_day = 50
lookups_per_minute_per_ip = 7
lookups_per_day_per_ip = 70
)"));
    EXPECT_EQ(cfg.lookups_per_minute, 5);
    EXPECT_EQ(cfg.lookups_per_day, 50);
    EXPECT_EQ(cfg.lookups_per_minute_per_ip, 7);
    EXPECT_EQ(cfg.lookups_per_day_per_ip, 70);
    cfg.lookups_per_day_per_ip = 0;
    EXPECT_THROW(gh::check_lookup_limits(cfg), ConfigError);
}

TEST(Config, SignInsPerIpDefaultTomlAndAtLeastOne) {
    Config cfg;
    EXPECT_EQ(cfg.logins_per_minute_per_ip, 30);
    gh::load_config_file(cfg, write_temp(R"(
[server]
logins_per_minute_per_ip = 400
)"));
    EXPECT_EQ(cfg.logins_per_minute_per_ip, 400);
    EXPECT_NO_THROW(gh::check_lookup_limits(cfg));
    cfg.logins_per_minute_per_ip = 0;
    EXPECT_THROW(gh::check_lookup_limits(cfg), ConfigError);
}
