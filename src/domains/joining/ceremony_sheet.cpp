// A ceremony from a sheet: the raw .xlsx or CSV roster (the members' import template columns:
// 姓名, 身份证号, 手机号, 职业, 工作单位) as the body, consent in the query string. Problems name
// the file's row and column instead of the JSON list's index.
#include "core/auth/principal.h"
#include "core/error.h"
#include "core/http/caller.h"
#include "core/http/fields.h"
#include "core/tabular/tabular.h"
#include "core/tabular/temp_file.h"
#include "domains/joining/routes.h"
#include "domains/members/members.h"

namespace gh::joining {

namespace {

constexpr size_t kSheetMaxBytes = 5 * 1024 * 1024;
// The ceremony's own limit (JoinService::ceremony: 1 to 1,000 people), applied to the sheet's
// data rows while it is read: the reader stops at the first row past it.
constexpr size_t kSheetMaxRows = 1000;

nlohmann::json problem(size_t row, const std::string& field, const std::string& code,
                       const std::string& message) {
    return {{"row", row},
            {"column", members::column_of(field)},
            {"field", field},
            {"code", code},
            {"message", message}};
}

}  // namespace

bool is_json(const http::Request& req) {
    if (auto ct = req.header("content-type")) return ct->find("json") != std::string_view::npos;
    const auto at = req.body.find_first_not_of(" \t\r\n");
    return at != std::string::npos && (req.body[at] == '{' || req.body[at] == '[');
}

http::Response ceremony_from_sheet(JoinService& svc, http::Request& req) {
    if (req.body.empty()) {
        throw ApiError(422, "join.ceremony_file", "请上传名单文件（.xlsx 或 CSV）", "file");
    }
    if (req.body.size() > kSheetMaxBytes) {
        throw ApiError(413, "join.ceremony_file", "名单文件不能超过 5 MB", "file");
    }
    members::Roster roster;
    {
        tabular::TempFile file(req.body);
        try {
            roster = members::read_roster(file.path(), kSheetMaxRows);
        } catch (const tabular::TooManyRows&) {
            throw ApiError(422, "join.ceremony_too_many_rows",
                           "名单超过 1,000 人：每次仪式最多登记 1,000 人，请分批上传", "file",
                           {{"limit", kSheetMaxRows}});
        } catch (const tabular::TabularError& e) {
            throw ApiError(422, "join.ceremony_file", std::string("无法读取名单：") + e.what(),
                           "file");
        } catch (const std::runtime_error& e) {  // no header row, or a library's failure
            throw ApiError(422, "join.ceremony_file",
                           "无法读取名单：请使用下载的名单模板（需有表头行）", "file")
                .with_log_detail(e.what());
        }
    }
    nlohmann::json problems = nlohmann::json::array();
    for (const auto& r : roster.rejected) {
        problems.push_back(problem(r.row, r.field, "join.ceremony_row", r.message));
    }
    if (!problems.empty()) {
        throw ApiError(422, "join.ceremony_refused",
                       "有 " + std::to_string(problems.size()) + " 人不能登记，本次未作任何变更",
                       "people", {{"problems", problems}});
    }
    std::vector<CeremonyPerson> people;
    for (const auto& r : roster.rows) {
        CeremonyPerson p;
        p.name = r.member.name;
        p.id_number = r.member.id_number;
        p.phone = r.member.phone;
        p.occupation = r.member.occupation;
        p.employer = r.member.profile.employer_name;
        people.push_back(std::move(p));
    }
    const auto consent = req.query_param("pi_consent").value_or("");
    const std::string version(req.query_param("consent_version").value_or(""));
    try {
        auto done = svc.ceremony(http::actor_of(req), http::principal_of(req), http::path_id(req),
                                 people, consent == "true" || consent == "1", version);
        return http::Response::json({{"items", list_json(done)}}, 201);
    } catch (const ApiError& e) {
        if (e.code() != "join.ceremony_refused") throw;
        // The service counts people from 0; the sheet's reader knows their rows.
        nlohmann::json by_row = nlohmann::json::array();
        for (const auto& p : e.extra().value("problems", nlohmann::json::array())) {
            const size_t i = p.value("index", size_t{0});
            const size_t row = i < roster.rows.size() ? roster.rows[i].row : 0;
            by_row.push_back(
                problem(row, p.value("field", ""), p.value("code", ""), p.value("message", "")));
        }
        throw ApiError(422, e.code(), e.message(), e.field(), {{"problems", by_row}});
    }
}

}  // namespace gh::joining
