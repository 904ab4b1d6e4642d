// gonghui: the command line. Exit codes: 0 ok, 1 runtime failure, 2 usage error (and 3 for
// `import members` when rows were rejected).
#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include <iostream>

#include "app.h"
#include "core/db/db.h"
#include "import_options.h"

namespace {

constexpr int kOk = 0, kFailure = 1, kUsage = 2;

struct Common {
    std::string db, config, listen, web_root, key_file, public_url;
    int threads = -1;
    int workers = -1;
    int lookups_per_minute = -1, lookups_per_day = -1;
    int lookups_per_minute_per_ip = -1, lookups_per_day_per_ip = -1;
    int logins_per_minute_per_ip = -1;
    bool dev = false;
    std::string sms_url, sms_template;
};

void add_db_option(CLI::App* cmd, Common& c) {
    cmd->add_option("--db", c.db,
                    "数据库地址 / database URL: sqlite:///abs.db, sqlite://rel.db, "
                    "postgresql://user@host:port/db (env GONGHUI_DB)");
    cmd->add_option("--config", c.config, "TOML 配置文件 / TOML config file");
    cmd->add_option("--key-file", c.key_file,
                    "个人信息密钥文件 / PII key file (default: beside the SQLite file)");
}

gh::Config resolve(const Common& c) {
    gh::Config cfg;
    if (!c.config.empty()) gh::load_config_file(cfg, c.config);
    gh::load_config_env(cfg);
    if (!c.db.empty()) cfg.db_url = c.db;
    if (!c.listen.empty()) cfg.listen = c.listen;
    if (!c.web_root.empty()) cfg.web_root = c.web_root;
    if (!c.key_file.empty()) cfg.key_file = c.key_file;
    if (!c.public_url.empty()) cfg.public_url = c.public_url;
    cfg.public_url = gh::normalize_public_url(cfg.public_url);
    if (c.threads >= 0) cfg.threads = c.threads;
    if (c.workers >= 0) cfg.workers = c.workers;
    if (c.lookups_per_minute >= 0) cfg.lookups_per_minute = c.lookups_per_minute;
    if (c.lookups_per_day >= 0) cfg.lookups_per_day = c.lookups_per_day;
    if (c.lookups_per_minute_per_ip >= 0)
        cfg.lookups_per_minute_per_ip = c.lookups_per_minute_per_ip;
    if (c.lookups_per_day_per_ip >= 0) cfg.lookups_per_day_per_ip = c.lookups_per_day_per_ip;
    if (c.logins_per_minute_per_ip >= 0) cfg.logins_per_minute_per_ip = c.logins_per_minute_per_ip;
    if (c.dev) cfg.development = true;
    if (!c.sms_url.empty()) cfg.sms_url = c.sms_url;
    if (!c.sms_template.empty()) cfg.sms_otp_template = c.sms_template;
    gh::check_lookup_limits(cfg);
    gh::db::parse_url(cfg.db_url);  // a bad URL is a usage error, reported before any work
    return cfg;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Gonghui 工会服务平台"};
    app.require_subcommand(1);
    Common common;

    auto* serve = app.add_subcommand("serve", "启动服务 / serve the API and console");
    add_db_option(serve, common);
    serve->add_option("--listen", common.listen, "监听地址 / HOST:PORT (default 127.0.0.1:8080)");
    serve->add_option("--web-root", common.web_root, "控制台文件目录 / console files (web/dist)");
    serve->add_option("--public-url", common.public_url,
                      "公开访问地址，会员证二维码指向 <地址>/verify/card/<证号> / public base URL "
                      "for the member card's QR code (env GONGHUI_PUBLIC_URL)");
    serve
        ->add_option("--threads", common.threads,
                     "网络线程数，0 为每核一个 / io threads, 0: one per core")
        ->check(CLI::Range(0, 256));
    serve
        ->add_option("--workers", common.workers,
                     "处理线程数（等待数据库），0 为每核四个 / handler threads, 0: four per core")
        ->check(CLI::Range(0, 1024));
    serve
        ->add_option("--lookups-per-minute", common.lookups_per_minute,
                     "每账号每分钟按身份证号/手机号查询次数 / lookups by ID number or phone per "
                     "account and minute (default 30)")
        ->check(CLI::Range(1, 1000000));
    serve
        ->add_option("--lookups-per-day", common.lookups_per_day,
                     "每账号每天查询次数 / lookups per account and UTC day (default 300)")
        ->check(CLI::Range(1, 100000000));
    serve
        ->add_option("--lookups-per-minute-per-ip", common.lookups_per_minute_per_ip,
                     "每 IP 每分钟查询次数 / lookups per client IP and minute (default 60)")
        ->check(CLI::Range(1, 1000000));
    serve
        ->add_option("--lookups-per-day-per-ip", common.lookups_per_day_per_ip,
                     "每 IP 每天查询次数 / lookups per client IP and UTC day (default 600)")
        ->check(CLI::Range(1, 100000000));
    serve
        ->add_option(
            "--logins-per-minute-per-ip", common.logins_per_minute_per_ip,
            "每 IP 每分钟登录尝试次数 / sign-in attempts per client IP and minute (default 30)")
        ->check(CLI::Range(1, 1000000));

    serve->add_flag(
        "--dev", common.dev,
        "开发模式：验证码写入日志（勿用于生产）/ development mode: one-time codes go to "
        "the log (env GONGHUI_MODE=development)");
    serve->add_option("--sms-url", common.sms_url,
                      "短信服务地址 / SMS provider URL (env GONGHUI_SMS_URL; secret in "
                      "GONGHUI_SMS_SECRET)");
    serve->add_option("--sms-template", common.sms_template,
                      "验证码短信模板 / the provider's template for one-time codes (default otp)");

    auto* migrate = app.add_subcommand("migrate", "更新数据库结构 / apply schema migrations");
    add_db_option(migrate, common);

    auto* version = app.add_subcommand("version", "显示版本 / print the version");
    auto* catalogue = app.add_subcommand(
        "catalogue", "权限、角色与错误码目录（JSON）/ permissions, grants, roles, error codes");

    auto* user = app.add_subcommand("user", "管理干部账号 / manage staff accounts");
    user->require_subcommand(1);
    std::string org, username, display_name;
    std::vector<std::string> roles;
    bool password_stdin = false;
    auto* user_add = user->add_subcommand("add", "新建账号 / create an account");
    add_db_option(user_add, common);
    user_add->add_option("--org", org, "组织 id 或总工会行政区划代码 / org id or division code")
        ->required();
    user_add
        ->add_option("--role", roles,
                     "角色（可多次）/ role (repeatable): admin, "
                     "security_admin, audit_admin, federation_cadre, "
                     "union_cadre …")
        ->required();
    user_add->add_option("--username", username, "用户名 / user name")->required();
    user_add->add_option("--display-name", display_name, "姓名 / display name");
    user_add->add_flag("--password-stdin", password_stdin,
                       "从标准输入读取初始密码 / read the initial password from stdin");
    auto* user_reset = user->add_subcommand("reset-password", "重置密码 / reset a password");
    add_db_option(user_reset, common);
    user_reset->add_option("--username", username, "用户名 / user name")->required();

    auto* service = app.add_subcommand("service-account", "接口账号 / service accounts");
    service->require_subcommand(1);
    std::string service_name;
    std::vector<std::string> permissions;
    auto* service_add = service->add_subcommand("add", "新建并打印令牌 / create, print its token");
    add_db_option(service_add, common);
    service_add->add_option("--name", service_name, "名称 / name")->required();
    service_add->add_option("--org", org, "组织 id 或行政区划代码 / org id or division code")
        ->required();
    service_add->add_option("--permission", permissions, "权限（可多次）/ permission (repeatable)")
        ->required();
    auto* service_revoke = service->add_subcommand("revoke", "停用 / revoke");
    add_db_option(service_revoke, common);
    service_revoke->add_option("--name", service_name, "名称 / name")->required();

    auto* pii = app.add_subcommand("pii", "个人信息加密 / personal-information encryption");
    pii->require_subcommand(1);
    auto* pii_rotate = pii->add_subcommand(
        "rotate-key", "添加新密钥并重新加密 / add a key and re-encrypt under it");
    add_db_option(pii_rotate, common);
    auto* pii_resume = pii->add_subcommand(
        "resume-rotation", "继续未完成的重新加密 / resume an interrupted re-encryption");
    pii_resume->alias("reencrypt");  // its first name
    add_db_option(pii_resume, common);
    auto* pii_retire = pii->add_subcommand(
        "retire-key",
        "删除已无数据的旧密钥 / remove the older keys once no row is under them any more");
    add_db_option(pii_retire, common);

    auto* audit = app.add_subcommand("audit", "审计日志 / audit log");
    audit->require_subcommand(1);
    auto* audit_verify = audit->add_subcommand("verify", "校验哈希链 / verify the hash chain");
    add_db_option(audit_verify, common);
    std::string app_role;
    int retention_days = -1;
    auto* audit_prune = audit->add_subcommand(
        "prune", "删除超过保存期限的审计记录 / delete audit rows past retention (run as owner)");
    add_db_option(audit_prune, common);
    audit_prune->add_option("--retention-days", retention_days,
                            "保存天数，至少 184 / days to keep, at least 184 (default: config)");
    auto* audit_harden = audit->add_subcommand(
        "harden",
        "收回应用角色对审计表的修改权限（PostgreSQL）/ revoke UPDATE, DELETE from the "
        "application's role (PostgreSQL; run as the tables' owner)");
    add_db_option(audit_harden, common);
    audit_harden->add_option("--app-role", app_role, "应用使用的数据库角色 / the app's role")
        ->required();

    auto* members = app.add_subcommand("members", "会员 / members");
    members->require_subcommand(1);
    bool dry_run = false;
    int member_retention_days = -1;
    auto* members_purge = members->add_subcommand(
        "purge", "注销超过保存期限的离会会员个人信息 / anonymise members who left past retention");
    add_db_option(members_purge, common);
    members_purge->add_flag("--dry-run", dry_run, "只统计不修改 / count only, change nothing");
    members_purge->add_option(
        "--retention-days", member_retention_days,
        "离会后保存天数 / days to keep after leaving (default: config, 1095)");

    auto* import = app.add_subcommand("import", "批量导入 / bulk import");
    import->require_subcommand(1);
    gh::ImportOptions import_opt;
    auto* import_members = import->add_subcommand(
        "members", "从 .xlsx 或 CSV 名册导入会员 / import members from an .xlsx or CSV roster");
    add_db_option(import_members, common);
    gh::import_cli::add_options(*import_members, import_opt,
                                "组织 id 或行政区划代码 / org id or division code", true);

    auto* import_employers = import->add_subcommand(
        "employers",
        "从 .xlsx 或 CSV 名册导入用人单位 / import employers from an .xlsx or CSV roster");
    add_db_option(import_employers, common);
    gh::import_cli::add_options(
        *import_employers, import_opt,
        "负责的组织 id 或行政区划代码 / responsible org id or division code", false);

    auto* import_stations = import->add_subcommand(
        "stations",
        "从 .xlsx 或 CSV 导入工会驿站 / import service stations from an .xlsx or CSV file");
    add_db_option(import_stations, common);
    gh::import_cli::add_options(
        *import_stations, import_opt,
        "管理驿站的工会 id 或行政区划代码 / managing union's org id or division code", false);

    double demo_scale = 1.0;
    bool demo_accounts = false;
    auto* demo = app.add_subcommand(
        "demo",
        "载入演示数据（乾县、彬州市、榆林市）/ load the generated demo dataset (idempotent)");
    add_db_option(demo, common);
    demo->add_flag("--accounts", demo_accounts,
                   "同时创建演示账号并打印一次性密码 / also create the demo accounts and print "
                   "their one-time passwords");
    demo->add_option("--scale", demo_scale, "会员数比例 / share of the members, (0, 1.5]")
        ->check(CLI::Range(0.0, 1.5));

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::cerr << "用法错误 / usage error: " << e.what() << "\n"
                  << "运行 / run: gonghui --help\n";
        return kUsage;
    }

    if (catalogue->parsed()) return gh::print_catalogue();
    if (version->parsed()) {
        fmt::print("gonghui {}\n", GONGHUI_VERSION);
        return kOk;
    }

    gh::Config cfg;
    try {
        cfg = resolve(common);
    } catch (const std::exception& e) {  // ConfigError or a bad database URL
        std::cerr << "用法错误 / usage error: " << e.what() << "\n";
        return kUsage;
    }
    spdlog::set_level(spdlog::level::from_str(cfg.log_level));

    try {
        if (migrate->parsed()) return gh::migrate(cfg);
        if (user_add->parsed()) {
            return gh::user_add(cfg, org, roles, username, display_name, password_stdin);
        }
        if (user_reset->parsed()) return gh::user_reset_password(cfg, username);
        if (audit_verify->parsed()) return gh::audit_verify(cfg);
        if (audit_harden->parsed()) return gh::audit_harden(cfg, app_role);
        if (audit_prune->parsed()) {
            if (retention_days >= 0) cfg.audit_retention_days = retention_days;
            return gh::audit_prune(cfg);
        }
        if (pii_rotate->parsed()) return gh::pii_rotate_key(cfg, true);
        if (service_add->parsed()) {
            return gh::service_account_add(cfg, service_name, org, permissions);
        }
        if (service_revoke->parsed()) return gh::service_account_revoke(cfg, service_name);
        if (pii_resume->parsed()) return gh::pii_rotate_key(cfg, false);
        if (pii_retire->parsed()) return gh::pii_retire_key(cfg);
        if (import_members->parsed()) return gh::import_members(cfg, import_opt);
        if (import_employers->parsed()) return gh::import_employers(cfg, import_opt);
        if (import_stations->parsed()) return gh::import_stations(cfg, import_opt);
        if (members_purge->parsed()) {
            if (member_retention_days >= 0) cfg.member_retention_days = member_retention_days;
            return gh::members_purge(cfg, dry_run);
        }
        if (demo->parsed()) return gh::load_demo(cfg, demo_scale, demo_accounts);
        if (serve->parsed()) return gh::serve(cfg);
    } catch (const gh::ConfigError& e) {
        std::cerr << "用法错误 / usage error: " << e.what() << "\n";
        return kUsage;
    } catch (const std::exception& e) {
        std::cerr << "错误 / error: " << e.what() << "\n";
        return kFailure;
    }
    return kUsage;
}
