#include "core/http/upload.h"

namespace gh::http {

tabular::ImportMode import_mode(const Request& req, const UploadRules& rules) {
    const auto mode =
        tabular::parse_import_mode(req.query_param("mode").value_or("all-or-nothing"));
    if (!mode) throw rules.bad_mode;
    return *mode;
}

void check_upload(const Request& req, const UploadRules& rules) {
    if (req.body.empty()) throw rules.missing;
    if (req.body.size() > rules.max_bytes) throw rules.too_large;
}

ApiError unreadable(const UploadRules& rules, const tabular::TabularError& e) {
    return ApiError(422, rules.unreadable_code, std::string("无法读取名册：") + e.what(), "file");
}

ApiError unreadable(const UploadRules& rules, const std::runtime_error& e) {
    // Not our own reader's refusal: its text stays in the log.
    return ApiError(422, rules.unreadable_code, "无法读取名册：请使用下载的模板（.xlsx 或 .csv）",
                    "file")
        .with_log_detail(e.what());
}

ApiError too_many_rows(const UploadRules& rules, const tabular::TooManyRows& e) {
    return ApiError(413, rules.too_many_rows_code, e.what(), "file", {{"limit", e.limit()}});
}

ApiError reading_error(const UploadRules& rules, const tabular::TabularError& e) {
    if (const auto* rows = dynamic_cast<const tabular::TooManyRows*>(&e)) {
        return too_many_rows(rules, *rows);
    }
    return unreadable(rules, e);
}

Response attachment(std::string bytes, std::string content_type, const std::string& file_name) {
    Response out;
    out.content_type = std::move(content_type);
    out.body = std::move(bytes);
    out.headers.emplace_back("content-disposition", "attachment; filename=\"" + file_name + "\"");
    return out;
}

}  // namespace gh::http
