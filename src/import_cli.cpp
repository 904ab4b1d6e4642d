// gonghui import members: a roster (.xlsx or CSV) into one org, as the operator. ORG is an org id
// or a division code; given a federation, the members go into its holding pool (会员周转库),
// created on first use, since a federation is not a union members belong to.
#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <future>
#include <iostream>
#include <memory>

#include "app.h"
#include "cli_services.h"
#include "core/error.h"
#include "domains/members/members.h"
#include "domains/members/roster.h"
#include "domains/orgs/orgs.h"
#include "import_options.h"

namespace gh {

using namespace import_cli;

int import_members(const Config& cfg, const ImportOptions& opt) {
    const auto mode = parse_mode(opt);
    if (!mode) return kUsage;
    // The file is read as the import goes, a chunk at a time (on the import's validating
    // thread); here only its header is read, so a file that is not a roster fails before any
    // database work. The whole file is parsed once more, without keeping it, on a thread of its
    // own while the import starts; the import commits nothing before that pass is through, so a
    // file malformed part-way leaves nothing behind.
    std::unique_ptr<members::RosterReader> roster;
    try {
        roster = std::make_unique<members::RosterReader>(opt.file, opt.max_rows);
    } catch (const std::exception& e) {  // TabularError or a missing header
        return unreadable(opt, e);
    }

    CliServices s(cfg);
    const auto org = import_org(s, opt.org, /*holding_pool=*/true);
    if (!org) return kFailure;

    members::ImportRequest request;
    request.org_id = org->id;
    request.file_name = std::filesystem::path(opt.file).filename().string();
    request.mode = *mode;
    request.readable =
        std::async(std::launch::async, members::check_readable, opt.file, opt.max_rows).share();
    request.source = [&roster](std::vector<members::ImportRow>& rows,
                               std::vector<members::RowProblem>& rejected,
                               size_t max) { return roster->next(rows, rejected, max); };
    const bool terminal = isatty(STDOUT_FILENO) != 0;
    const auto file_bytes = std::filesystem::file_size(opt.file);
    if (terminal) {
        fmt::print("正在导入 {}（{:.1f} MB）到 {} / importing {} into {} …\n", request.file_name,
                   static_cast<double>(file_bytes) / 1e6, org->name, request.file_name, org->name);
        // Progress on the terminal only (a pipe or a log file gets the summary alone): the rows
        // read so far, as the file is read while it is imported.
        request.on_progress = [](size_t done, size_t) {
            fmt::print("\r  已处理 {} 行 / {} row(s) done", done, done);
            std::fflush(stdout);
        };
    }
    members::ImportResult result;
    try {
        result = s.members.import_rows(auth::system_actor("cli"), operator_principal(), request);
    } catch (const ApiError& e) {
        if (terminal) fmt::print("\n");
        std::cerr << "错误 / error: " << e.message() << " (" << e.code() << ")\n";
        return kFailure;
    } catch (const std::exception& e) {  // TabularError part-way through the file
        if (terminal) fmt::print("\n");
        return unreadable(opt, e);
    }
    if (terminal) fmt::print("\n");
    if (!opt.report.empty()) {
        std::ofstream out(opt.report, std::ios::binary | std::ios::trunc);
        members::Roster cells;  // the refused rows' 姓名 and 身份证号, read again from the file
        try {
            cells.cells = members::roster_cells(opt.file, result.rejected);
        } catch (const std::exception&) {  // the file changed under us: the report without them
        }
        const std::string bytes = members::report_workbook(result.rejected, cells);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (!out.flush()) {
            std::cerr << "错误 / error: 无法写入报告文件 / cannot write report " << opt.report
                      << "\n";
            return kFailure;
        }
    }
    return finish(opt, result, members::column_of, "已在册");
}

}  // namespace gh
