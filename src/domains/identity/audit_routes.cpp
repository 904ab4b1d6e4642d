// The audit administrator's window on the audit log: search and chain verification.
#include <algorithm>

#include "core/audit/audit.h"
#include "core/auth/principal.h"
#include "core/http/caller.h"
#include "core/http/cursor.h"
#include "core/http/fields.h"
#include "core/http/router.h"
#include "core/time.h"
#include "core/xlsx/writer.h"
#include "domains/identity/audit_reader.h"
#include "domains/identity/routes.h"

namespace gh::identity {

namespace {

// "2026-11-01" (midnight UTC) or a full "2026-11-01T08:30:00.000Z".
std::optional<Clock::time_point> query_time(const http::Request& req, std::string_view name) {
    auto v = req.query_param(name);
    if (!v || v->empty()) return std::nullopt;
    std::string s(*v);
    if (s.size() == 10) s += "T00:00:00.000Z";
    try {
        return from_iso(s);
    } catch (const std::exception&) {
        throw ApiError(400, "request.time", "时间格式应为 2026-11-01 或 2026-11-01T08:30:00.000Z",
                       std::string(name));
    }
}

// An audit administrator below the root reads the rows of their own subtree; one at the root of
// the tree ("/1/", a deployment-wide auditor) reads every row, also those with no org (workers,
// anonymous callers, the operator's CLI).
bool at_root(std::string_view path) { return std::count(path.begin(), path.end(), '/') <= 2; }

audit::Filter filter_of(const http::Request& req) {
    audit::Filter f;
    const auto& p = http::principal_of(req);
    if (!at_root(p.org_path)) f.scope_path = p.org_path;
    if (auto v = req.query_param("actor"); v && !v->empty()) f.actor_name = std::string(*v);
    if (auto v = req.query_param("action"); v && !v->empty()) f.action_prefix = std::string(*v);
    if (auto v = req.query_param("entity"); v && !v->empty()) f.entity = std::string(*v);
    if (auto v = req.query_param("entity_id"); v && !v->empty()) f.entity_id = std::string(*v);
    f.from = query_time(req, "from");
    f.to = query_time(req, "to");
    return f;
}

std::string opt_text(const std::optional<int64_t>& v) { return v ? std::to_string(*v) : ""; }

}  // namespace

void register_audit_routes(http::Router& r, AuditReader& reader, const http::Cursors& cursors) {
    using http::Access;
    using http::Request;
    using http::Response;
    using nlohmann::json;

    r.add("GET", "/api/v1/audit", Access::need("audit.read"), [&reader, &cursors](Request& req) {
        audit::Filter f = filter_of(req);
        f.limit = http::query_limit(req, 100, audit::AuditLog::max_limit);
        if (auto at = cursors.open(req, "audit")) f.after_id = http::cursor_int(*at, 0);
        auto rows = reader.search(f);
        json items = json::array();
        for (const auto& row : rows) {
            const auto& e = row.entry;
            items.push_back({{"id", row.id},
                             {"at", to_wire(row.at)},
                             {"actor_type", std::string(audit::actor_type_name(e.actor_type))},
                             {"actor_id", e.actor_id ? json(*e.actor_id) : json(nullptr)},
                             {"actor_name", e.actor_name},
                             {"org_id", e.org_id ? json(*e.org_id) : json(nullptr)},
                             {"ip", e.ip},
                             {"request_id", e.request_id},
                             {"action", e.action},
                             {"entity", e.entity},
                             {"entity_id", e.entity_id},
                             {"detail", e.detail},
                             {"outcome", e.detail.is_object() && e.detail.contains("outcome")
                                             ? e.detail["outcome"]
                                             : json("ok")}});
        }
        json next = rows.size() == static_cast<size_t>(f.limit)
                        ? json(cursors.seal(req, "audit", json::array({rows.back().id})))
                        : json(nullptr);
        return Response::json({{"items", items}, {"next_cursor", next}});
    });

    // The filtered log as a workbook, newest first, at most kMaxExport rows. Exporting the log is
    // itself recorded in it.
    r.add("GET", "/api/v1/audit/export", Access::need("audit.read"), [&reader](Request& req) {
        constexpr size_t kMaxExport = 200000;
        const audit::Filter f = filter_of(req);
        xlsx::Sheet sheet;
        sheet.name = "审计日志";
        for (const char* h : {"编号", "时间(UTC)", "操作人类型", "操作人", "操作人编号", "组织编号",
                              "IP", "请求编号", "操作", "对象", "对象编号", "详情"}) {
            sheet.columns.push_back(xlsx::Column{h, 16, true, {}});
        }
        sheet.columns[1].width = 26;
        sheet.columns[11].width = 60;
        for (const auto& row : reader.export_rows(http::actor_of(req), f, kMaxExport)) {
            const auto& e = row.entry;
            sheet.rows.push_back({std::to_string(row.id), row.at,
                                  std::string(audit::actor_type_name(e.actor_type)), e.actor_name,
                                  opt_text(e.actor_id), opt_text(e.org_id), e.ip, e.request_id,
                                  e.action, e.entity, e.entity_id, e.detail.dump()});
        }
        Response out;
        out.content_type = xlsx::content_type();
        out.body = xlsx::write_workbook({sheet});
        out.headers.emplace_back("content-disposition", "attachment; filename=\"audit-log.xlsx\"");
        out.headers.emplace_back("cache-control", "no-store");
        return out;
    });

    r.add("GET", "/api/v1/audit/verify", Access::need("audit.read"), [&reader](Request&) {
        auto v = reader.verify();
        return Response::json(
            {{"ok", v.ok},
             {"rows_checked", v.rows_checked},
             {"first_broken_id", v.first_broken_id ? json(*v.first_broken_id) : json(nullptr)},
             {"reason", v.reason}});
    });
}

}  // namespace gh::identity
