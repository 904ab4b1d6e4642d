// gonghui demo: loads the generated demonstration dataset (demo_data.h). Unions are created
// through OrgService, members through MemberService::import_rows like any roster, so encryption,
// blind indexes, history and audit are what a real import writes. Running it again adds nothing.
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <iostream>
#include <map>

#include "app.h"
#include "cli_services.h"
#include "core/audit/audit.h"
#include "core/auth/audit_record.h"
#include "core/cn/credit_code.h"
#include "core/db/migrate.h"
#include "core/db/pool.h"
#include "core/error.h"
#include "core/pii/key_file.h"
#include "demo_data.h"
#include "demo_stations.h"
#include "domains/employers/employers.h"
#include "domains/members/members.h"
#include "domains/notices/notices.h"
#include "domains/orgs/orgs.h"

namespace gh {

namespace {

constexpr const char* kDemoWorkerPhone = "13800138000";

// The plan's unions under the county federation, creating those not there yet (found by name).
std::vector<int64_t> ensure_unions(CliServices& s, const auth::Actor& by, const orgs::Org& fed,
                                   const demo::Plan& plan) {
    std::map<std::string, int64_t> existing;
    auto c = s.pool.acquire();
    const auth::Scope scope{fed.path};
    for (int64_t after = 0;;) {
        auto page = s.orgs.list_in_scope(*c, scope, after, 1000);
        for (const auto& o : page) existing.emplace(o.name, o.id);
        if (page.size() < 1000) break;
        after = page.back().id;
    }
    std::vector<int64_t> ids;
    db::in_transaction(*c, [&](db::Connection& tx) {
        int64_t created = 0;
        for (const auto& u : plan.unions) {
            auto it = existing.find(u.name);
            if (it != existing.end()) {
                ids.push_back(it->second);
                continue;
            }
            const int64_t parent = u.parent < 0 ? fed.id : ids.at(static_cast<size_t>(u.parent));
            ids.push_back(s.orgs.create(tx, orgs::NewOrg{u.name, u.type, parent, {}}).id);
            ++created;
        }
        if (created > 0) {
            auth::record(s.audit_log, tx, by, "org.demo_create", "org", std::to_string(fed.id),
                         {{"created", created}});
        }
    });
    return ids;
}

// Imports each union's rows (one transaction per union), printing progress on a terminal and a
// summary line for the county.
void import_rows(CliServices& s, const auth::Actor& by, const auth::Principal& principal,
                 const std::string& code, const std::string& name, const std::vector<int64_t>& ids,
                 std::vector<std::vector<members::ImportRow>>& rows, int64_t target) {
    const bool terminal = isatty(STDOUT_FILENO) != 0;
    int64_t done = 0, imported = 0, duplicates = 0, rejected = 0;
    for (size_t i = 0; i < rows.size(); ++i) {
        if (rows[i].empty()) continue;
        members::ImportRequest request;
        request.org_id = ids[i];
        request.file_name = "demo-" + code;
        request.mode = members::ImportMode::good_rows;
        request.batch = rows[i].size();  // one transaction per union
        done += static_cast<int64_t>(rows[i].size());
        request.rows = std::move(rows[i]);
        auto r = s.members.import_rows(by, principal, request);
        imported += r.imported;
        duplicates += r.duplicates;
        rejected += static_cast<int64_t>(r.rejected.size());
        if (terminal) {
            fmt::print("\r  {} / {}", done, target);
            std::fflush(stdout);
        }
    }
    if (terminal) fmt::print("\n");
    fmt::print("{}：新增 {}，已在册 {}，未导入 {} / {}: added {}, present {}, rejected {}\n", name,
               imported, duplicates, rejected, code, imported, duplicates, rejected);
}

orgs::Org ensure_federation(CliServices& s, const std::string& code) {
    auto c = s.pool.acquire();
    return db::in_transaction(
        *c, [&](db::Connection& tx) { return s.orgs.ensure_federation(tx, code); });
}

// The county's employers (用人单位), for its 建会率 and 入会率: every firm with a union in the plan
// has its employer, linked to that union, with somewhat more staff than members; one in eight
// firms more has no union yet. Credit codes are valid GB 32100 codes made from the county code.
// Skipped when the county already has employers.
void ensure_employers(CliServices& s, const auth::Actor& by, const auth::Principal& principal,
                      const demo::County& county, const orgs::Org& fed, const demo::Plan& plan,
                      const std::vector<int64_t>& ids, const std::vector<int64_t>& members) {
    {
        auto c = s.pool.acquire();
        if (s.employers.count_in(*c, fed.path).employers > 0) return;
    }
    const std::string suffix = "工会";
    int seq = 0;
    auto code = [&] {
        return cn::make_credit_code(fmt::format("91{}MA6{:06}", county.code, ++seq));
    };
    int64_t firms = 0;
    for (size_t i = 0; i < plan.unions.size(); ++i) {
        const std::string& name = plan.unions[i].name;
        if (name.size() < suffix.size() + 12 ||
            name.compare(name.size() - suffix.size() - 12, 12, "有限公司") != 0) {
            continue;
        }
        employers::NewEmployer e;
        e.org_id = fed.id;
        e.name = name.substr(0, name.size() - suffix.size());
        e.credit_code = code();
        e.staff_size = members[i] + members[i] * (10 + seq % 40) / 100 + 3;
        e.industry = "C";
        e.union_org_id = ids[i];
        s.employers.create(by, principal, e);
        ++firms;
    }
    for (int64_t k = 0; k < (firms + 7) / 8; ++k) {
        employers::NewEmployer e;
        e.org_id = fed.id;
        e.name = fmt::format("{}新建{}号商贸有限公司", county.name, k + 1);
        e.credit_code = code();
        e.staff_size = 30 + (k * 37) % 170;
        e.industry = "F";
        s.employers.create(by, principal, e);
    }
}

// 榆林市's 1+12+X: the city's new-form federation, and the ceremony's joiners in the industry
// federations of its 12 counties.
void load_yulin(CliServices& s, const auth::Actor& by, const auth::Principal& principal,
                double scale) {
    const orgs::Org city = ensure_federation(s, demo::kYulinCode);
    demo::Plan city_plan;
    city_plan.unions.push_back({"榆林市新就业形态劳动者工会联合会", "industry_federation"});
    ensure_unions(s, by, city, city_plan);
    for (const auto& cc : demo::yulin_counties()) {
        const auto& county = cc.county;
        const auto target = static_cast<int64_t>(std::llround(county.members * scale));
        const orgs::Org fed = ensure_federation(s, county.code);
        if (s.members.count_in(fed.path).members >= target) continue;
        demo::Plan plan;
        for (const auto& f : cc.federations) {
            plan.unions.push_back({county.name + f, "industry_federation"});
        }
        const std::vector<int64_t> ids = ensure_unions(s, by, fed, plan);
        std::vector<std::vector<members::ImportRow>> rows(plan.unions.size());
        for (int64_t k = 0; k < target; ++k) {
            auto p = demo::make_joiner(cc, k);
            rows[p.union_index].push_back({static_cast<size_t>(k + 1), std::move(p.member)});
        }
        import_rows(s, by, principal, county.code, "榆林市" + county.name + "集中入会", ids, rows,
                    target);
    }
}

// A demo account's inbox starts with a notice, so the console's notices are seen working.
void welcome(CliServices& s, int64_t account_id) {
    auto& notices = s.services.get<notices::NoticeService>();
    auto c = s.pool.acquire();
    db::in_transaction(*c, [&](db::Connection& tx) {
        notices.post(tx,
                     {notices::Recipient::staff(account_id), "demo.welcome", "欢迎使用工会服务平台",
                      "这是演示账号。入会申请的审批结果、密码重置等消息会出现在这里；职工在手机页"
                      "（/m/）的“通知”里收到自己的消息。",
                      ""});
    });
}

// The demo accounts, each created once; its one-time password is printed when it is created.
void create_accounts(CliServices& s) {
    struct Demo {
        const char *username, *display, *org, *role, *what;
    };
    const Demo accounts[] = {
        {"demo", "演示干部（乾县）", "610424", "federation_cadre", "乾县总工会干部 / county cadre"},
        {"xianyang-demo", "演示干部（咸阳市）", "610400", "federation_cadre",
         "咸阳市总工会干部 / city cadre"},
        {"keeper-demo", "演示驿站站长（乾县）", "610424", "station_keeper",
         "乾县驿站站长：签到、核销、确认驿站信息 / station keeper of 乾县"},
        {"admin-demo", "演示系统管理员", "610000", "admin",
         "系统管理员（首次登录须绑定动态口令）/ administrator (TOTP enrolment at first login)"},
    };
    fmt::print(
        "\n演示账号 / demo accounts (首次登录须修改密码 / change the password at first login):\n");
    for (const auto& a : accounts) {
        try {
            auto [view, initial] = s.identity.create_account(
                auth::system_actor("demo"), a.org, a.username, a.display, {a.role}, std::nullopt);
            fmt::print("  {:<14} 密码 / password {}   {}\n", view.username, initial, a.what);
            welcome(s, view.id);
        } catch (const ApiError& e) {
            if (e.code() != "account.username_taken") throw;
            fmt::print("  {:<14} 已存在 / exists   {}\n", a.username, a.what);
        }
    }
    fmt::print(
        "  职工 / worker: 手机号 {} 用验证码登录（验证码写入服务日志）/ phone {} signs in "
        "with a one-time code (make run: development mode, written to the server log)\n\n",
        kDemoWorkerPhone, kDemoWorkerPhone);
}

}  // namespace

int load_demo(const Config& cfg, double scale, bool accounts) {
    if (!(scale > 0 && scale <= 1.5)) {
        std::cerr << "用法错误 / usage error: --scale 应在 (0, 1.5] 之间 / must be in (0, 1.5]\n";
        return 2;
    }
    CliServices s(cfg);
    const auth::Actor by = auth::system_actor("demo");
    auth::Principal operator_principal;  // the operator acts over the whole tree
    operator_principal.kind = "system";
    operator_principal.org_path = "/";
    const auto started = std::chrono::steady_clock::now();
    // Dated from the day of loading (Beijing): the growth chart reaches the present month.
    const auto today = std::chrono::floor<std::chrono::days>(s.clock.now() + std::chrono::hours(8));

    for (const auto& county : demo::counties()) {
        const auto target = static_cast<int64_t>(std::llround(county.members * scale));
        const orgs::Org fed = ensure_federation(s, county.code);
        const int64_t have = s.members.count_in(fed.path).members;
        if (have >= target) {
            fmt::print(
                "{}已有 {} 名会员（目标 {}），跳过 / {} already has {} members (target {}), "
                "skipped\n",
                county.name, have, target, county.code, have, target);
            continue;
        }
        const demo::Plan plan = demo::make_plan(county);
        const std::vector<int64_t> ids = ensure_unions(s, by, fed, plan);

        std::vector<std::vector<members::ImportRow>> rows(plan.unions.size());
        for (int64_t k = 0; k < target; ++k) {
            auto p = demo::make_person(county, plan, k, today);
            rows[p.union_index].push_back({static_cast<size_t>(k + 1), std::move(p.member)});
        }
        fmt::print("正在载入{}：{} 个工会，{} 名会员 / loading {}: {} unions, {} members\n",
                   county.name, plan.unions.size(), target, county.code, plan.unions.size(),
                   target);
        std::vector<int64_t> sizes;
        for (const auto& r : rows) sizes.push_back(static_cast<int64_t>(r.size()));
        import_rows(s, by, operator_principal, county.code, county.name, ids, rows, target);
        ensure_employers(s, by, operator_principal, county, fed, plan, ids, sizes);
    }
    load_yulin(s, by, operator_principal, scale);
    demo::load_stations(s, by, operator_principal);
    if (accounts) create_accounts(s);
    const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started);
    fmt::print("演示数据就绪，用时 {:.1f} 秒 / demo data ready in {:.1f} s\n", seconds.count(),
               seconds.count());
    return 0;
}

}  // namespace gh
