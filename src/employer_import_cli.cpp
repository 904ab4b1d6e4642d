// gonghui import employers: an employer roster (.xlsx or CSV) under one responsible org, as the
// operator. ORG is an org id or a division code (its federation, created on first use).
#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app.h"
#include "cli_services.h"
#include "core/error.h"
#include "domains/employers/employers.h"
#include "domains/employers/roster.h"

namespace gh {

namespace {

constexpr int kOk = 0, kFailure = 1, kUsage = 2, kRejected = 3;

}  // namespace

int import_employers(const Config& cfg, const ImportOptions& opt) {
    employers::ImportMode mode = employers::ImportMode::all_or_nothing;
    if (opt.mode == "good-rows") {
        mode = employers::ImportMode::good_rows;
    } else if (opt.mode != "all-or-nothing") {
        std::cerr << "用法错误 / usage error: --mode 只能是 all-or-nothing 或 good-rows\n";
        return kUsage;
    }
    employers::Roster roster;
    try {
        roster = employers::read_roster(opt.file);
    } catch (const std::exception& e) {  // TabularError or a missing header
        std::cerr << "错误 / error: 无法读取名册 / cannot read roster " << opt.file << ": "
                  << e.what() << "\n";
        return kFailure;
    }

    CliServices s(cfg);
    std::optional<orgs::Org> org;
    {
        auto c = s.pool.acquire();
        org = db::in_transaction(*c, [&](db::Connection& tx) {
            return s.orgs.resolve_or_create_federation(tx, opt.org);
        });
    }
    if (!org) {
        std::cerr << "错误 / error: 组织不存在 / no such org: " << opt.org << "\n";
        return kFailure;
    }
    auth::Principal operator_principal;  // the operator acts over the whole tree
    operator_principal.kind = "system";
    operator_principal.org_path = "/";

    employers::ImportRequest request;
    request.org_id = org->id;
    request.file_name = std::filesystem::path(opt.file).filename().string();
    request.mode = mode;
    request.rows = std::move(roster.rows);
    request.rejected = std::move(roster.rejected);
    employers::ImportResult result;
    try {
        result = s.employers.import_rows(auth::system_actor("cli"), operator_principal, request);
    } catch (const ApiError& e) {
        std::cerr << "错误 / error: " << e.message() << " (" << e.code() << ")\n";
        return kFailure;
    }
    for (const auto& r : result.rejected) {
        std::cerr << "第 " << r.row << " 行 / row " << r.row << " ["
                  << employers::column_of(r.field) << "]: " << r.message << "\n";
    }
    if (isatty(STDOUT_FILENO) != 0) {
        fmt::print("已导入 {}，拒绝 {}，已登记 {} / imported {}, rejected {}, duplicates {}\n",
                   result.imported, result.rejected.size(), result.duplicates, result.imported,
                   result.rejected.size(), result.duplicates);
    }
    if (opt.json) {
        nlohmann::ordered_json j = {{"imported", result.imported},
                                    {"rejected", result.rejected.size()},
                                    {"duplicates", result.duplicates}};
        std::cout << j.dump() << std::endl;
    }
    return result.rejected.empty() ? kOk : kRejected;
}

}  // namespace gh
