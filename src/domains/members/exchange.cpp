// Files in and out over the API: kept import reports and the filtered export.
#include <chrono>

#include "core/auth/audit_record.h"
#include "core/auth/token.h"
#include "core/error.h"
#include "core/time.h"
#include "domains/members/members.h"
#include "domains/members/search_where.h"
#include "domains/members/text.h"

namespace gh::members {

std::string MemberService::keep_import_report(const Actor& by, int64_t org_id,
                                              const std::string& file_name,
                                              const std::string& xlsx) {
    auto c = pool_.acquire();
    return db::in_transaction(*c, [&](db::Connection& tx) {
        auto org = orgs_.find(tx, org_id);
        if (!org) throw ApiError(422, "member.org", "所属工会不存在或不在管辖范围内", "org_id");
        const auto now = clock_.now();
        tx.execute("DELETE FROM member_import_reports WHERE expires_at < ?", {to_iso(now)});
        const auto expires = now + std::chrono::hours(24 * kImportReportDays);
        std::string token = auth::random_hex(16);
        tx.execute(
            "INSERT INTO member_import_reports (token, org_id, org_path, file_name, created_by, "
            "created_at, expires_at, report) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            {token, org->id, org->path, file_name, actor_label(by), to_iso(now), to_iso(expires),
             db::Blob{xlsx}});
        return token;
    });
}

std::optional<std::string> MemberService::import_report(const Principal& p,
                                                        std::string_view token) {
    auto c = pool_.acquire();
    auto rs = c->query(
        "SELECT org_path, report FROM member_import_reports WHERE token = ? AND expires_at >= ?",
        {std::string(token), clock_.now_iso()});
    if (rs.empty() || !p.scope().contains(rs.front().get<std::string>(0))) return std::nullopt;
    return rs.front().get<db::Blob>(1).bytes;
}

std::vector<Member> MemberService::export_members(const Actor& by, const Principal& p,
                                                  const MemberQuery& q, bool reveal) {
    if (reveal && !p.has("pii.read")) {
        throw ApiError(403, "auth.forbidden", "导出明文身份证号和手机号需要 pii.read 权限");
    }
    auto c = pool_.acquire();
    return db::in_transaction(*c, [&](db::Connection& tx) {
        Where w = where_of(tx, p, q);
        const int64_t n =
            tx.query("SELECT COUNT(*) FROM members " + w.sql, w.params).front().get<int64_t>(0);
        if (n > kExportMax) {
            throw ApiError(422, "member.export_too_large",
                           "导出超过 " + std::to_string(kExportMax) + " 条，请缩小筛选范围");
        }
        std::vector<Member> out;
        out.reserve(static_cast<size_t>(n));
        for (auto r : tx.query(std::string(kMemberColumns) + w.sql + " ORDER BY id", w.params)) {
            out.push_back(view(r, reveal ? Reveal::all : Reveal::none));
        }
        auth::record(audit_, tx, by, "member.export", "org",
                     std::to_string(q.org_id.value_or(p.org_id)), [&] {
                         auto d = search_audit_detail(q.q);
                         d["count"] = out.size();
                         d["revealed"] = reveal;
                         return d;
                     }());
        return out;
    });
}

}  // namespace gh::members
