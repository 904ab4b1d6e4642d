#include "import_options.h"

#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli_services.h"
#include "core/tabular/tabular.h"

namespace gh::import_cli {

void add_options(CLI::App& cmd, ImportOptions& opt, const std::string& org_help, bool with_report) {
    cmd.add_option("file", opt.file, "名册文件 / roster file")->required();
    cmd.add_option("--org", opt.org, org_help)->required();
    cmd.add_option("--mode", opt.mode,
                   "all-or-nothing（默认，有错则全部不导入）或 good-rows（导入正确的行）")
        ->check(CLI::IsMember({"all-or-nothing", "good-rows"}));
    if (with_report) {
        cmd.add_option("--report", opt.report, "未导入行的报告 / report of rejected rows (.xlsx)");
    }
    cmd.add_option("--max-rows", opt.max_rows,
                   "名册最多的数据行数，0 为不限（默认 2000000）/ most data rows the file may "
                   "hold, 0: no limit (default 2000000)");
    cmd.add_flag("--json", opt.json,
                 "最后输出一行 JSON 计数 / print the counts as one JSON object");
}

std::optional<tabular::ImportMode> parse_mode(const ImportOptions& opt) {
    auto m = tabular::parse_import_mode(opt.mode);
    if (!m) std::cerr << "用法错误 / usage error: --mode 只能是 all-or-nothing 或 good-rows\n";
    return m;
}

int unreadable(const ImportOptions& opt, const std::exception& e) {
    std::cerr << "错误 / error: 无法读取名册 / cannot read roster " << opt.file << ": " << e.what()
              << "\n";
    if (dynamic_cast<const tabular::TooManyRows*>(&e)) {
        std::cerr << "（可用 --max-rows 调整上限 / --max-rows sets the limit, 0: none）\n";
    }
    return kFailure;
}

std::optional<orgs::Org> import_org(CliServices& s, const std::string& org, bool holding_pool) {
    auto c = s.pool.acquire();
    auto found = db::in_transaction(*c, [&](db::Connection& tx) -> std::optional<orgs::Org> {
        auto o = s.orgs.resolve_or_create_federation(tx, org);
        if (holding_pool && o && o->type == "federation") return s.orgs.ensure_holding_pool(tx, *o);
        return o;
    });
    if (!found) std::cerr << "错误 / error: 组织不存在 / no such org: " << org << "\n";
    return found;
}

auth::Principal operator_principal() {
    auth::Principal p;
    p.kind = "system";
    p.org_path = "/";
    return p;
}

void print_rejected(size_t row, const std::string& column, const std::string& message) {
    std::cerr << "第 " << row << " 行 / row " << row << " [" << column << "]: " << message << "\n";
}

int summarize(const ImportOptions& opt, int64_t imported, size_t rejected, int64_t duplicates,
              std::string_view already) {
    if (isatty(STDOUT_FILENO) != 0) {
        fmt::print("已导入 {}，拒绝 {}，{} {} / imported {}, rejected {}, duplicates {}\n",
                   imported, rejected, already, duplicates, imported, rejected, duplicates);
    }
    if (opt.json) {
        nlohmann::ordered_json j = {
            {"imported", imported}, {"rejected", rejected}, {"duplicates", duplicates}};
        std::cout << j.dump() << std::endl;
    }
    return rejected == 0 ? kOk : kRejected;
}

}  // namespace gh::import_cli
