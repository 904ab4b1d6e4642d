// Excel over the API, for the web console's import wizard: the template, an import with the raw
// file as body (read by the same code as `gonghui import members`), its kept report, and the
// filtered export (masked, or revealed with pii.read and audited).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <string_view>

#include "core/auth/principal.h"
#include "core/auth/token.h"
#include "core/cn/text.h"
#include "core/http/caller.h"
#include "core/http/fields.h"
#include "core/http/router.h"
#include "core/http/upload.h"
#include "core/pii/mask.h"
#include "core/tabular/tabular.h"
#include "core/tabular/temp_file.h"
#include "core/xlsx/writer.h"
#include "domains/members/codes.h"
#include "domains/members/roster.h"
#include "domains/members/routes.h"

namespace gh::members {

namespace {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

constexpr size_t kRefusedRowsShown = http::ImportLimits::kShownRows;

const http::UploadRules kUpload{
    5 * 1024 * 1024,
    ApiError(422, "member.import_file", "请上传名册文件（.xlsx 或 CSV）", "file"),
    ApiError(413, "member.import_too_large", "名册文件不能超过 5 MB，请分批导入", "file"),
    ApiError(422, "member.import_mode", "mode 只能是 all-or-nothing 或 good-rows", "mode"),
    "member.import_file",
    "member.import_too_many_rows"};

Response xlsx_file(std::string bytes, const std::string& file_name) {
    return http::attachment(std::move(bytes), xlsx::content_type(), file_name);
}

// Opens the upload as a roster (its header read, the whole file parsed once without keeping it,
// so a malformed file, or one of more than max_rows data rows, is refused before anything is
// written; that pass stops at the first row past max_rows); the rows are read as the import
// goes.
std::unique_ptr<RosterReader> open_body(const tabular::TempFile& file, size_t max_rows) {
    return http::reading_upload(kUpload, [&file, max_rows] {
        auto reader = std::make_unique<RosterReader>(file.path(), max_rows);
        check_readable(file.path(), max_rows);
        return reader;
    });
}

// A kept report's name: 32 lower-case hex digits (anything else is not one, answered 404).
bool is_report_token(std::string_view s) {
    return s.size() == 32 && std::all_of(s.begin(), s.end(), [](char ch) {
               return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f');
           });
}

using cn::trim_lines;

// The refused rows' cells as the caller typed them, for the console to show and correct:
// [{"row":3,"cells":{"姓名":"…","身份证号":"…",…}}], one entry per refused row in file order,
// with every template column the file has. Only in the answer to the upload (the caller's own
// file), so ID numbers are not masked; the kept report masks them. At most kRefusedRowsShown,
// each cell cut to kShownCellChars and marked.
json refused_rows(const std::string& path, const std::vector<RowProblem>& rejected) {
    std::set<size_t> wanted;
    for (const auto& r : rejected) {
        if (wanted.size() >= kRefusedRowsShown) break;
        wanted.insert(r.row);
    }
    json out = json::array();
    if (wanted.empty()) return out;
    auto reader = tabular::open_any(path);
    tabular::Row row;
    std::vector<std::pair<std::string, size_t>> columns;  // template header → column
    bool header_seen = false;
    while (reader->next(row) && !wanted.empty()) {
        if (!header_seen) {
            if (std::all_of(row.cells.begin(), row.cells.end(),
                            [](const std::string& c) { return trim_lines(c).empty(); })) {
                continue;
            }
            for (const auto& c : roster_columns()) {
                for (size_t i = 0; i < row.cells.size(); ++i) {
                    if (trim_lines(row.cells[i]) == c.header) {
                        columns.emplace_back(c.header, i);
                        break;
                    }
                }
            }
            header_seen = true;
            continue;
        }
        if (!wanted.erase(row.number)) continue;
        json cells = json::object();
        for (const auto& [header, i] : columns) {
            cells[header] = i < row.cells.size()
                                ? xlsx::clip(trim_lines(row.cells[i]), kShownCellChars)
                                : std::string();
        }
        out.push_back({{"row", row.number}, {"cells", std::move(cells)}});
    }
    return out;
}

std::string yes_no(bool v) { return v ? "是" : "否"; }

std::string export_workbook(const std::vector<Member>& members) {
    xlsx::Sheet sheet;
    sheet.name = "会员名册";
    const std::vector<std::pair<std::string, double>> columns = {
        {"会员证号", 20}, {"姓名", 12},     {"身份证号", 22},   {"手机号", 14},    {"性别", 6},
        {"出生日期", 12}, {"职业", 14},     {"职业类别", 14},   {"工作单位", 28},  {"民族", 10},
        {"学历", 12},     {"政治面貌", 12}, {"新就业形态", 10}, {"农民工", 8},     {"劳模", 8},
        {"困难职工", 10}, {"入会日期", 12}, {"状态", 10},       {"所属工会ID", 10}};
    for (const auto& [header, width] : columns) {
        sheet.columns.push_back(xlsx::Column{header, width, true, {}});
    }
    for (const auto& m : members) {
        const Profile& p = m.profile;
        sheet.rows.push_back({m.card_no, m.name, m.id_number, m.phone.value_or(""),
                              m.gender == "M" ? "男" : "女", m.birth_date, m.occupation,
                              label_of(occupation_categories(), p.occupation_category),
                              p.employer_name, p.ethnicity, label_of(educations(), p.education),
                              label_of(political_statuses(), p.political_status),
                              yes_no(m.new_form), yes_no(p.migrant_worker), yes_no(p.model_worker),
                              yes_no(p.hardship), m.joined_on, m.status, std::to_string(m.org_id)});
    }
    return xlsx::write_workbook({sheet});
}

}  // namespace

void register_exchange_routes(http::Router& r, MemberService& svc, auth::LookupGuard& lookups,
                              const http::ImportLimits& limits) {
    r.add("GET", "/api/v1/members/import-template", Access::need("member.read"),
          [](Request&) { return xlsx_file(template_workbook(), "member-import-template.xlsx"); });

    r.add(
        "POST", "/api/v1/members/import", Access::need("member.write"),
        [&svc, limits](Request& req) {
            const auto& p = http::principal_of(req);
            ImportRequest request;
            request.org_id = http::query_int(req, "org", p.org_id);
            request.mode = http::import_mode(req, kUpload);
            request.file_name = std::string(req.query_param("name").value_or("upload"));
            http::check_upload(req, kUpload);
            const tabular::TempFile file(req.body);
            auto roster = open_body(file, limits.max_rows);
            request.source = [&roster](std::vector<ImportRow>& rows,
                                       std::vector<RowProblem>& rejected, size_t max) {
                try {
                    return roster->next(rows, rejected, max);
                } catch (const tabular::TabularError& e) {
                    throw http::reading_error(kUpload, e);
                }
            };
            const auto by = http::actor_of(req);
            ImportResult result = svc.import_rows(by, p, request);

            // The answer lists the first kShownRows refused rows and counts them all; the kept
            // report lists the first limits.report_rows.
            json rejected = http::rejected_json(result.rejected, column_of);
            json report_id = nullptr;
            if (!result.rejected.empty()) {
                const size_t in_report = std::min(result.rejected.size(), limits.report_rows);
                const std::vector<RowProblem> listed(result.rejected.begin(),
                                                     result.rejected.begin() + in_report);
                Roster refused;  // their 姓名 and 身份证号, read again from the file
                refused.cells = roster_cells(file.path(), listed);
                for (auto& [row, cells] : refused.cells)
                    cells.second = pii::mask_id_number(cells.second);
                report_id = svc.keep_import_report(
                    by, request.org_id, request.file_name,
                    report_workbook(result.rejected, refused, limits.report_rows));
            }
            return Response::json({{"imported", result.imported},
                                   {"rejected", rejected},
                                   {"rejected_count", result.rejected.size()},
                                   {"duplicates", result.duplicates},
                                   {"report_id", report_id},
                                   {"rejected_rows", refused_rows(file.path(), result.rejected)}});
        });

    r.add("GET", "/api/v1/members/import-reports/{token}", Access::need("member.write"),
          [&svc](Request& req) {
              const auto token = req.path_param("token");
              std::optional<std::string> bytes;
              if (is_report_token(token)) bytes = svc.import_report(http::principal_of(req), token);
              if (!bytes)
                  throw ApiError(404, "member.import_report_not_found", "导入报告不存在或已过期");
              return xlsx_file(std::move(*bytes), "import-report.xlsx");
          });

    r.add("GET", "/api/v1/members/export", Access::need("member.export"),
          [&svc, &lookups](Request& req) {
              const auto reveal = req.query_param("reveal").value_or("");
              if (!reveal.empty() && reveal != "0" && reveal != "1") {
                  throw ApiError(422, "member.reveal", "reveal 只能是 0 或 1", "reveal");
              }
              const MemberQuery q = member_query(req);
              count_number_lookup(lookups, req, q, "member.export");
              auto members = svc.export_members(http::actor_of(req), http::principal_of(req), q,
                                                reveal == "1");
              return xlsx_file(export_workbook(members), "members.xlsx");
          });
}

}  // namespace gh::members
