// The employer roster over HTTP: the template, and an import with the raw .xlsx or CSV file as
// the body (read by the same code as `gonghui import employers`).
#include "core/auth/principal.h"
#include "core/error.h"
#include "core/http/caller.h"
#include "core/http/fields.h"
#include "core/http/router.h"
#include "core/http/upload.h"
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

const http::UploadRules kUpload{
    5 * 1024 * 1024,
    ApiError(422, "employer.import_file", "请上传用人单位名册（.xlsx 或 CSV）", "file"),
    ApiError(413, "employer.import_too_large", "名册文件不能超过 5 MB，请分批导入", "file"),
    ApiError(422, "employer.import_mode", "mode 只能是 all-or-nothing 或 good-rows", "mode"),
    "employer.import_file",
    "employer.import_too_many_rows"};

// At most max_rows data rows: the reader stops at the first row past it (413).
Roster read_body(const Request& req, size_t max_rows) {
    http::check_upload(req, kUpload);
    tabular::TempFile file(req.body);
    return http::reading_upload(kUpload,
                                [&file, max_rows] { return read_roster(file.path(), max_rows); });
}

}  // namespace

void register_import_routes(http::Router& r, EmployerService& svc,
                            const http::ImportLimits& limits) {
    r.add("GET", "/api/v1/employers/import-template", Access::need("org.read"), [](Request&) {
        return http::attachment(template_workbook(), xlsx::content_type(),
                                "employer-import-template.xlsx");
    });

    r.add("POST", "/api/v1/employers/import", Access::need("org.write"),
          [&svc, limits](Request& req) {
              const auto& p = http::principal_of(req);
              ImportRequest request;
              request.org_id = http::query_int(req, "org", p.org_id);
              request.mode = http::import_mode(req, kUpload);
              request.file_name = std::string(req.query_param("name").value_or("upload"));
              Roster roster = read_body(req, limits.max_rows);
              request.rows = std::move(roster.rows);
              request.rejected = std::move(roster.rejected);
              ImportResult result = svc.import_rows(http::actor_of(req), p, request);
              // The first ImportLimits::kShownRows refused rows; all of them counted.
              json rejected = http::rejected_json(result.rejected, column_of);
              return Response::json({{"imported", result.imported},
                                     {"duplicates", result.duplicates},
                                     {"rejected", rejected},
                                     {"rejected_count", result.rejected.size()}});
          });
}

}  // namespace gh::employers
