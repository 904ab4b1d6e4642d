// The command line's contract: subcommands, exit codes, messages.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/db/db.h"
#include "http_client.h"
#include "test_env.h"

using gh::test::run_gonghui;

TEST(Cli, VersionPrintsAndExitsZero) {
    auto r = run_gonghui({"version"});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(r.output.rfind("gonghui ", 0), 0u) << r.output;
}

TEST(Cli, UsageErrorsExitTwoInBothLanguages) {
    auto none = run_gonghui({});
    EXPECT_EQ(none.exit_code, 2);
    auto bad = run_gonghui({"serve", "--no-such-flag"});
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_NE(bad.output.find("用法错误 / usage error"), std::string::npos) << bad.output;
    auto url = run_gonghui({"migrate", "--db", "mysql://x"});
    EXPECT_EQ(url.exit_code, 2);
    auto listen = run_gonghui({"serve", "--db", "sqlite:///tmp/x.db", "--listen", "nope"});
    EXPECT_EQ(listen.exit_code, 2);
    // The member card's QR base URL must be an http(s) URL.
    auto public_url =
        run_gonghui({"serve", "--db", "sqlite:///tmp/x.db", "--public-url", "gh.example.cn"});
    EXPECT_EQ(public_url.exit_code, 2);
    EXPECT_NE(public_url.output.find("public_url"), std::string::npos) << public_url.output;
}

TEST(Cli, UnreachableDatabaseExitsOneNamingTheUrl) {
    auto r = run_gonghui({"migrate", "--db", "postgresql://gh@127.0.0.1:1/gonghui"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.output.find("postgresql://gh@127.0.0.1:1/gonghui"), std::string::npos) << r.output;
}

TEST(Cli, MigrateIsIdempotent) {
    gh::test::TestDatabase db;
    auto first = run_gonghui({"migrate", "--db", db.url()});
    ASSERT_EQ(first.exit_code, 0) << first.output;
    EXPECT_NE(first.output.find("system/0001_system_settings"), std::string::npos);
    auto second = run_gonghui({"migrate", "--db", db.url()});
    EXPECT_EQ(second.exit_code, 0);
    EXPECT_EQ(second.output.find("system/0001"), std::string::npos) << second.output;
}

TEST(Cli, ServeRefusesAnUnmigratedOrNewerDatabase) {
    gh::test::TestDatabase db;
    auto fresh = run_gonghui({"serve", "--db", db.url(), "--listen",
                              "127.0.0.1:" + std::to_string(gh::test::free_port())});
    EXPECT_EQ(fresh.exit_code, 1);
    EXPECT_NE(fresh.output.find("gonghui migrate"), std::string::npos) << fresh.output;

    ASSERT_EQ(run_gonghui({"migrate", "--db", db.url()}).exit_code, 0);
    auto c = gh::db::connect(gh::db::parse_url(db.url()));
    c->execute("INSERT INTO schema_migrations (id, applied_at) VALUES ('zz/9999_future', 'x')");
    auto newer = run_gonghui({"migrate", "--db", db.url()});
    EXPECT_EQ(newer.exit_code, 1);
    EXPECT_NE(newer.output.find("zz/9999_future"), std::string::npos) << newer.output;
    auto serve = run_gonghui({"serve", "--db", db.url(), "--listen",
                              "127.0.0.1:" + std::to_string(gh::test::free_port())});
    EXPECT_EQ(serve.exit_code, 1);
}

TEST(Cli, ConfigFileAndEnvironmentChooseTheDatabase) {
    gh::test::TestDatabase db;
    auto path = std::filesystem::temp_directory_path() /
                ("gonghui_cli_" + std::to_string(getpid()) + ".toml");
    std::ofstream(path) << "[database]\nurl = \"" << db.url() << "\"\n";
    auto r = run_gonghui({"migrate", "--config", path.string()});
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("system/0001"), std::string::npos);
    std::ofstream(path) << "[database]\nurl = 42\n";
    auto bad = run_gonghui({"migrate", "--config", path.string()});
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_NE(bad.output.find("database.url"), std::string::npos) << bad.output;
    std::filesystem::remove(path);
}

TEST(Cli, PortInUseIsARuntimeFailure) {
    gh::test::TestDatabase db;
    ASSERT_EQ(run_gonghui({"migrate", "--db", db.url()}).exit_code, 0);
    gh::test::ServerProcess first(db.url());
    auto second = run_gonghui(
        {"serve", "--db", db.url(), "--listen", "127.0.0.1:" + std::to_string(first.port())});
    EXPECT_EQ(second.exit_code, 1);
    EXPECT_NE(second.output.find(std::to_string(first.port())), std::string::npos);
}
