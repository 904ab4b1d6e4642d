// The station file over HTTP: the template, and an import with the raw .xlsx or CSV file as
// the body (read by the same code as `gonghui import stations`).
#include "core/error.h"
#include "core/http/caller.h"
#include "core/http/fields.h"
#include "core/http/router.h"
#include "core/http/upload.h"
#include "core/tabular/tabular.h"
#include "core/tabular/temp_file.h"
#include "core/xlsx/writer.h"
#include "domains/stations/routes.h"
#include "domains/stations/sheet.h"

namespace gh::stations {

namespace {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

const http::UploadRules kUpload{
    5 * 1024 * 1024,
    ApiError(422, "station.import_file", "请上传驿站表（.xlsx 或 CSV）", "file"),
    ApiError(413, "station.import_too_large", "驿站表不能超过 5 MB，请分批导入", "file"),
    ApiError(422, "station.import_mode", "mode 只能是 all-or-nothing 或 good-rows", "mode"),
    "station.import_file",
    "station.import_too_many_rows"};

}  // namespace

void register_import_routes(http::Router& r, StationService& svc,
                            const http::ImportLimits& limits) {
    r.add("GET", "/api/v1/stations/import-template", Access::need("station.read"), [](Request&) {
        return http::attachment(template_workbook(), xlsx::content_type(),
                                "station-import-template.xlsx");
    });

    r.add("POST", "/api/v1/stations/import", Access::need("station.write"),
          [&svc, limits](Request& req) {
              const auto& p = http::principal_of(req);
              ImportRequest request;
              request.org_id = http::query_int(req, "org", p.org_id);
              request.mode = http::import_mode(req, kUpload);
              request.file_name = std::string(req.query_param("name").value_or("upload"));
              http::check_upload(req, kUpload);
              tabular::TempFile file(req.body);
              const size_t max_rows = limits.max_rows;
              Sheet sheet = http::reading_upload(
                  kUpload, [&file, max_rows] { return read_sheet(file.path(), max_rows); });
              request.rows = std::move(sheet.rows);
              request.rejected = std::move(sheet.rejected);
              ImportResult result = svc.import_rows(http::actor_of(req), p, request);
              return Response::json({{"imported", result.imported},
                                     {"duplicates", result.duplicates},
                                     {"rejected", http::rejected_json(result.rejected, column_of)},
                                     {"rejected_count", result.rejected.size()}});
          });
}

}  // namespace gh::stations
