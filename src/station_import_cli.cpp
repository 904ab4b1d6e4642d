// gonghui import stations: a file of service stations (.xlsx or CSV) under one managing union,
// as the operator. ORG is an org id or a division code (its federation, created on first use).
#include <filesystem>
#include <iostream>

#include "app.h"
#include "cli_services.h"
#include "core/error.h"
#include "domains/stations/sheet.h"
#include "domains/stations/stations.h"
#include "import_options.h"

namespace gh {

using namespace import_cli;

int import_stations(const Config& cfg, const ImportOptions& opt) {
    const auto mode = parse_mode(opt);
    if (!mode) return kUsage;
    stations::Sheet roster;
    try {
        roster = stations::read_sheet(opt.file, opt.max_rows);
    } catch (const std::exception& e) {  // TabularError or a missing header
        return unreadable(opt, e);
    }

    CliServices s(cfg);
    const auto org = import_org(s, opt.org, /*holding_pool=*/false);
    if (!org) return kFailure;

    stations::ImportRequest request;
    request.org_id = org->id;
    request.file_name = std::filesystem::path(opt.file).filename().string();
    request.mode = *mode;
    request.rows = std::move(roster.rows);
    request.rejected = std::move(roster.rejected);
    stations::ImportResult result;
    try {
        result = s.stations.import_rows(auth::system_actor("cli"), operator_principal(), request);
    } catch (const ApiError& e) {
        std::cerr << "错误 / error: " << e.message() << " (" << e.code() << ")\n";
        return kFailure;
    }
    return finish(opt, result, stations::column_of, "已登记（编码重复）");
}

}  // namespace gh
