// The employer roster over HTTP: the template, and an import with the raw .xlsx or CSV file as
// the body (read by the same code as `gonghui import employers`).
#include "core/auth/principal.h"
#include "core/error.h"
#include "core/http/fields.h"
#include "core/http/router.h"
#include "core/tabular/tabular.h"
#include "core/tabular/temp_file.h"
#include "core/xlsx/writer.h"
#include "domains/employers/roster.h"
#include "domains/employers/routes.h"

namespace gh::employers {

namespace {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

constexpr size_t kImportMaxBytes = 5 * 1024 * 1024;

Roster read_body(const Request& req) {
    if (req.body.empty()) {
        throw ApiError(422, "employer.import_file", "请上传用人单位名册（.xlsx 或 CSV）", "file");
    }
    if (req.body.size() > kImportMaxBytes) {
        throw ApiError(413, "employer.import_too_large", "名册文件不能超过 5 MB，请分批导入",
                       "file");
    }
    tabular::TempFile file(req.body);
    try {
        return read_roster(file.path());
    } catch (const tabular::TabularError& e) {
        throw ApiError(422, "employer.import_file", std::string("无法读取名册：") + e.what(),
                       "file");
    } catch (const std::runtime_error& e) {  // no header row
        throw ApiError(422, "employer.import_file", e.what(), "file");
    }
}

}  // namespace

void register_import_routes(http::Router& r, EmployerService& svc) {
    r.add("GET", "/api/v1/employers/import-template", Access::need("org.read"), [](Request&) {
        Response out;
        out.content_type = xlsx::content_type();
        out.body = template_workbook();
        out.headers.emplace_back("content-disposition",
                                 "attachment; filename=\"employer-import-template.xlsx\"");
        return out;
    });

    r.add("POST", "/api/v1/employers/import", Access::need("org.write"), [&svc](Request& req) {
        const auto& p = auth::principal_of(req);
        ImportRequest request;
        request.org_id = http::query_int(req, "org", p.org_id);
        const auto mode = req.query_param("mode").value_or("all-or-nothing");
        if (mode == "good-rows") {
            request.mode = ImportMode::good_rows;
        } else if (mode != "all-or-nothing") {
            throw ApiError(422, "employer.import_mode", "mode 只能是 all-or-nothing 或 good-rows",
                           "mode");
        }
        request.file_name = std::string(req.query_param("name").value_or("upload"));
        Roster roster = read_body(req);
        request.rows = std::move(roster.rows);
        request.rejected = std::move(roster.rejected);
        ImportResult result = svc.import_rows(auth::actor_of(req), p, request);
        json rejected = json::array();
        for (const auto& row : result.rejected) {
            rejected.push_back({{"row", row.row},
                                {"column", column_of(row.field)},
                                {"field", row.field},
                                {"reason", row.message}});
        }
        return Response::json({{"imported", result.imported},
                               {"duplicates", result.duplicates},
                               {"rejected", rejected}});
    });
}

}  // namespace gh::employers
