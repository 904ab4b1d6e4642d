#include "core/auth/audit_record.h"
#include "core/cn/credit_code.h"
#include "core/cn/text.h"
#include "core/error.h"
#include "core/time.h"
#include "domains/employers/employers.h"
#include "domains/employers/internal.h"

namespace gh::employers {

namespace {

constexpr const char* kColumns =
    "SELECT id, org_id, name, credit_code, staff_size, industry, address, union_org_id, "
    "should_unionize, created_at, updated_at, org_path FROM employers ";

Employer from_row(const db::Row& r) {
    Employer e;
    e.id = r.get<int64_t>(0);
    e.org_id = r.get<int64_t>(1);
    e.name = r.get<std::string>(2);
    e.credit_code = r.get<std::string>(3);
    e.staff_size = r.get<int64_t>(4);
    e.industry = r.get<std::string>(5);
    e.address = r.get<std::string>(6);
    e.union_org_id = r.get_opt<int64_t>(7);
    e.should_unionize = r.get<int64_t>(8) != 0;
    e.created_at = r.get<std::string>(9);
    e.updated_at = r.get<std::string>(10);
    return e;
}

using cn::utf8_length;

}  // namespace

namespace detail {

std::string trim(std::string_view s) { return cn::trim(s); }

Valid validate(const NewEmployer& e) {
    Valid v;
    v.name = trim(e.name);
    if (v.name.empty() || v.name.size() > 200) {
        throw ApiError(422, "employer.name", "单位名称不能为空且不超过 200 字节", "name");
    }
    auto code = cn::parse_credit_code(e.credit_code, "credit_code");
    if (!code) throw ApiError::from(code.problem(), 422);
    if (code->is_trade_union()) {
        throw ApiError(422, "employer.credit_code_union",
                       "这是工会的统一社会信用代码，不是用人单位", "credit_code");
    }
    v.credit_code = code->value;
    if (!e.staff_size) {
        throw ApiError(422, "employer.staff_size", "请填写职工人数", "staff_size");
    }
    if (*e.staff_size < 0 || *e.staff_size > 10'000'000) {
        throw ApiError(422, "employer.staff_size", "职工人数应为 0 到 10000000 之间的整数",
                       "staff_size");
    }
    v.staff_size = *e.staff_size;
    const bool section = e.industry.size() == 1 && e.industry[0] >= 'A' && e.industry[0] <= 'T';
    if (!e.industry.empty() && !section) {
        throw ApiError(422, "employer.industry", "行业门类应为 GB/T 4754 的字母 A–T", "industry");
    }
    if (e.address.size() > 500) {
        throw ApiError(422, "employer.address", "地址不超过 500 字节", "address");
    }
    return v;
}

}  // namespace detail

using detail::trim;
using detail::Valid;
using detail::validate;

EmployerService::EmployerService(db::Pool& pool, orgs::OrgService& orgs, audit::AuditLog& audit,
                                 const TimeSource& clock)
    : pool_(pool), clock_(clock), orgs_(orgs), audit_(audit) {}

void EmployerService::check_union_org(db::Connection& c, const Principal& p,
                                      std::optional<int64_t> id) {
    if (!id) return;
    auto org = orgs_.find_in_scope(c, p.scope(), *id);
    if (!org) {
        throw ApiError(422, "employer.union_org", "单位工会不存在或不在管辖范围内", "union_org_id");
    }
    if (org->type == "federation") {
        throw ApiError(422, "employer.union_org", "总工会不能作为单位的工会", "union_org_id");
    }
    if (!org->active()) {
        throw ApiError(422, "employer.org_inactive", "该工会已撤销或合并，不能关联",
                       "union_org_id");
    }
}

orgs::Org EmployerService::responsible_org(db::Connection& tx, const Principal& p, int64_t org_id) {
    // Locked (PostgreSQL): the employer copies its path, which a concurrent move may rewrite.
    auto org = orgs_.find_for_update(tx, org_id);
    if (!org || !p.scope().contains(org->path)) {
        throw ApiError(422, "employer.org", "负责的组织不存在或不在管辖范围内", "org_id");
    }
    if (org->type == "grassroots_union" || org->type == "union_group") {
        throw ApiError(422, "employer.org", "负责的组织应为总工会、乡镇（街道）工会或工会联合会",
                       "org_id");
    }
    if (!org->active()) {
        throw ApiError(422, "employer.org_inactive", "负责的组织已撤销或合并", "org_id");
    }
    return *org;
}

std::optional<Employer> EmployerService::find(db::Connection& c, int64_t id, std::string* path) {
    auto rs = c.query(std::string(kColumns) + "WHERE id = ?", {id});
    if (rs.empty()) return std::nullopt;
    if (path) *path = rs.front().get<std::string>(11);
    return from_row(rs.front());
}

Employer EmployerService::create(const Actor& by, const Principal& p, const NewEmployer& e) {
    const Valid v = validate(e);
    const int64_t org_id = e.org_id.value_or(p.org_id);
    auto c = pool_.acquire();
    return db::in_transaction(*c, [&](db::Connection& tx) {
        const auto org = responsible_org(tx, p, org_id);
        check_union_org(tx, p, e.union_org_id);
        const std::string now = clock_.now_iso();
        int64_t id = 0;
        try {
            id =
                tx.query(
                      "INSERT INTO employers (org_id, org_path, name, credit_code, staff_size, "
                      "industry, address, union_org_id, should_unionize, created_at, updated_at) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                      {org.id, org.path, v.name, v.credit_code, v.staff_size, e.industry, e.address,
                       db::opt(e.union_org_id), int64_t{e.should_unionize ? 1 : 0}, now, now})
                    .front()
                    .get<int64_t>(0);
        } catch (const db::DbError& err) {
            if (err.kind() == db::DbError::Kind::unique) {
                throw ApiError(409, "employer.credit_code_taken", "该统一社会信用代码已登记",
                               "credit_code");
            }
            throw;
        }
        auth::record(audit_, tx, by, "employer.create", "employer", std::to_string(id),
                     {{"name", v.name}, {"credit_code", v.credit_code}, {"org_id", org.id}});
        return *find(tx, id);
    });
}

std::optional<Employer> EmployerService::get(const Principal& p, int64_t id) {
    auto c = pool_.acquire();
    std::string path;
    auto e = find(*c, id, &path);
    if (!e || !p.scope().contains(path)) return std::nullopt;
    return e;
}

EmployerPage EmployerService::list(const Principal& p, const EmployerQuery& q) {
    const auth::Scope scope = p.scope();
    std::string where = "WHERE org_path >= ? AND org_path < ?";
    db::Params params = {scope.root_path, scope.upper_bound()};
    const std::string text = trim(q.q);
    if (!text.empty()) {
        if (auto code = cn::parse_credit_code(text, "q")) {
            where += " AND credit_code = ?";
            params.push_back(code->value);
        } else {
            // substr counts characters on both databases: a prefix without LIKE escaping.
            where += " AND substr(name, 1, ?) = ?";
            params.push_back(static_cast<int64_t>(utf8_length(text)));
            params.push_back(text);
        }
    }
    if (q.unionized) {
        where += *q.unionized ? " AND union_org_id IS NOT NULL" : " AND union_org_id IS NULL";
    }
    auto c = pool_.acquire();
    EmployerPage page;
    page.total =
        c->query("SELECT COUNT(*) FROM employers " + where, params).front().get<int64_t>(0);
    params.push_back(q.after_id);
    params.push_back(int64_t{q.limit});
    auto rs = c->query(std::string(kColumns) + where + " AND id > ? ORDER BY id LIMIT ?", params);
    for (auto r : rs) page.items.push_back(from_row(r));
    if (!page.items.empty() && page.items.size() == static_cast<size_t>(q.limit)) {
        page.next_cursor = page.items.back().id;
    }
    return page;
}

Employer EmployerService::set_union(const Actor& by, const Principal& p, int64_t id,
                                    std::optional<int64_t> union_org_id) {
    auto c = pool_.acquire();
    return db::in_transaction(*c, [&](db::Connection& tx) {
        std::string path;
        auto e = find(tx, id, &path);
        if (!e || !p.scope().contains(path)) {
            throw ApiError(404, "employer.not_found", "用人单位不存在");
        }
        check_union_org(tx, p, union_org_id);
        tx.execute("UPDATE employers SET union_org_id = ?, updated_at = ? WHERE id = ?",
                   {db::opt(union_org_id), clock_.now_iso(), id});
        auto to_json = [](std::optional<int64_t> v) {
            return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
        };
        auth::record(audit_, tx, by, "employer.union", "employer", std::to_string(id),
                     {{"from", to_json(e->union_org_id)}, {"to", to_json(union_org_id)}});
        return *find(tx, id);
    });
}

EmployerCounts EmployerService::count_in(db::Connection& c, const std::string& org_path) {
    const auth::Scope s{org_path};
    auto r = c.query(
                  "SELECT COUNT(*), COALESCE(SUM(should_unionize), 0), "
                  "COUNT(union_org_id), "
                  "COALESCE(SUM(CASE WHEN union_org_id IS NOT NULL THEN should_unionize "
                  "ELSE 0 END), 0), "
                  "COALESCE(SUM(CASE WHEN union_org_id IS NOT NULL THEN staff_size ELSE 0 END), 0) "
                  "FROM employers WHERE org_path >= ? AND org_path < ?",
                  {s.root_path, s.upper_bound()})
                 .front();
    return EmployerCounts{r.get<int64_t>(0), r.get<int64_t>(1), r.get<int64_t>(2),
                          r.get<int64_t>(3), r.get<int64_t>(4)};
}

std::vector<int64_t> EmployerService::union_orgs_in(db::Connection& c,
                                                    const std::string& org_path) {
    const auth::Scope s{org_path};
    std::vector<int64_t> out;
    for (auto r : c.query("SELECT DISTINCT union_org_id FROM employers WHERE org_path >= ? AND "
                          "org_path < ? AND union_org_id IS NOT NULL ORDER BY union_org_id",
                          {s.root_path, s.upper_bound()})) {
        out.push_back(r.get<int64_t>(0));
    }
    return out;
}

}  // namespace gh::employers
