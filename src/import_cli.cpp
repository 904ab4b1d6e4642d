// gonghui import members: a roster (.xlsx or CSV) into one org, as the operator. ORG is an org id
// or a division code; given a federation, the members go into its holding pool (会员周转库),
// created on first use, since a federation is not a union members belong to.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "app.h"
#include "cli_services.h"
#include "core/audit/audit.h"
#include "core/cn/divisions.h"
#include "core/cn/id_number.h"
#include "core/db/migrate.h"
#include "core/db/pool.h"
#include "core/error.h"
#include "core/pii/key_file.h"
#include "core/tabular/tabular.h"
#include "core/xlsx/writer.h"
#include "domains/members/members.h"
#include "domains/orgs/orgs.h"

namespace gh {

namespace {

constexpr int kOk = 0, kFailure = 1, kUsage = 2, kRejected = 3;

// The template's columns, in order, and the NewMember field each one fills.
const std::vector<std::pair<std::string, std::string>> kColumns = {
    {"姓名", "name"},       {"身份证号", "id_number"}, {"手机号", "phone"},
    {"职业", "occupation"}, {"工作单位", "employer"},  {"入会日期", "joined_on"}};

std::string column_of(const std::string& field) {
    for (const auto& [header, f] : kColumns) {
        if (f == field) return header;
    }
    return field;
}

std::string strip(std::string_view s) {
    auto blank = [](char ch) { return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n'; };
    while (!s.empty() && blank(s.front())) s.remove_prefix(1);
    while (!s.empty() && blank(s.back())) s.remove_suffix(1);
    return std::string(s);
}

bool all_digits(std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
}

std::string iso(std::chrono::year_month_day d) {
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()),
                       static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
}

// "2026-11-01", "2026/11/1" or an Excel serial day number (45231 → 2023-11-01); nullopt when
// none of these names a real day. Other YYYY-MM-DD text is left to the service to judge.
std::optional<std::string> joined_date(const std::string& s) {
    if (all_digits(s) && s.size() <= 6) {
        using namespace std::chrono;
        const int serial = std::stoi(s);
        if (serial < 1) return std::nullopt;
        return iso(year_month_day{sys_days{1899y / December / 30} + days{serial}});
    }
    const auto a = s.find('/');
    const auto b = a == std::string::npos ? a : s.find('/', a + 1);
    if (b == std::string::npos) return s;
    const std::string y = s.substr(0, a), m = s.substr(a + 1, b - a - 1), d = s.substr(b + 1);
    if (y.size() != 4 || !all_digits(y) || m.empty() || m.size() > 2 || !all_digits(m) ||
        d.empty() || d.size() > 2 || !all_digits(d)) {
        return std::nullopt;
    }
    std::chrono::year_month_day ymd{std::chrono::year(std::stoi(y)),
                                    std::chrono::month(std::stoi(m)),
                                    std::chrono::day(std::stoi(d))};
    if (!ymd.ok()) return std::nullopt;
    return iso(ymd);
}

struct Roster {
    std::vector<members::ImportRow> rows;
    std::vector<members::RowProblem> rejected;
    std::map<size_t, std::pair<std::string, std::string>> cells;  // row → 姓名, 身份证号 as read
};

// Reads the file: the header row names the columns, blank rows are skipped, a row with a bad ID
// number, a bad date or an ID seen earlier in the file is rejected here. Throws TabularError,
// and std::runtime_error when the header lacks 姓名 or 身份证号.
Roster read_roster(const std::string& path) {
    auto reader = tabular::open_any(path);
    tabular::Row row;
    std::map<std::string, size_t> at;  // header → column
    bool header_seen = false;
    std::map<std::string, size_t> seen;  // normalised ID number → row
    Roster out;
    auto blank = [](const tabular::Row& r) {
        return std::all_of(r.cells.begin(), r.cells.end(),
                           [](const std::string& c) { return strip(c).empty(); });
    };
    while (reader->next(row)) {
        if (blank(row)) continue;
        if (!header_seen) {
            for (size_t i = 0; i < row.cells.size(); ++i) at.emplace(strip(row.cells[i]), i);
            if (!at.count("姓名") || !at.count("身份证号")) {
                throw std::runtime_error("第 " + std::to_string(row.number) +
                                         " 行不是会员名册的表头：至少要有“姓名”和“身份证号”两列");
            }
            header_seen = true;
            continue;
        }
        auto cell = [&](const std::string& header) -> std::string {
            auto it = at.find(header);
            if (it == at.end() || it->second >= row.cells.size()) return {};
            return strip(row.cells[it->second]);
        };
        auto reject = [&](const std::string& field, std::string message) {
            out.rejected.push_back({row.number, field, std::move(message)});
        };
        members::ImportRow r;
        r.row = row.number;
        r.member.name = cell("姓名");
        r.member.id_number = cell("身份证号");
        out.cells[row.number] = {r.member.name, r.member.id_number};
        if (auto phone = cell("手机号"); !phone.empty()) r.member.phone = phone;
        r.member.occupation = cell("职业");
        auto id = cn::parse_id_number(r.member.id_number, "id_number");
        if (!id) {
            reject("id_number", id.problem().message);
            continue;
        }
        auto [it, fresh] = seen.emplace(id->value, row.number);
        if (!fresh) {
            reject("id_number", "文件内重复（与第 " + std::to_string(it->second) + " 行相同）");
            continue;
        }
        if (auto joined = cell("入会日期"); !joined.empty()) {
            auto d = joined_date(joined);
            if (!d) {
                reject("joined_on", "入会日期格式应为 2026-11-01 或 2026/11/1");
                continue;
            }
            r.member.joined_on = *d;
        }
        out.rows.push_back(std::move(r));
    }
    if (!header_seen) throw std::runtime_error("文件里没有表头行，不是会员名册");
    return out;
}

void write_report(const std::string& path, const std::vector<members::RowProblem>& rejected,
                  const Roster& roster) {
    xlsx::Sheet sheet;
    sheet.name = "未导入";
    const std::vector<std::pair<std::string, double>> columns = {
        {"行号", 8}, {"姓名", 12}, {"身份证号", 22}, {"列", 12}, {"原因", 80}};
    for (const auto& [header, width] : columns) {
        xlsx::Column c;
        c.header = header;
        c.width = width;
        c.text = header == "身份证号";
        sheet.columns.push_back(std::move(c));
    }
    for (const auto& r : rejected) {
        auto it = roster.cells.find(r.row);
        const auto& [name, id] =
            it == roster.cells.end() ? std::pair<std::string, std::string>{} : it->second;
        sheet.rows.push_back({std::to_string(r.row), name, id, column_of(r.field), r.message});
    }
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    const std::string bytes = xlsx::write_workbook({sheet});
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out.flush()) throw std::runtime_error("无法写入报告文件 / cannot write report " + path);
}

}  // namespace

int import_members(const Config& cfg, const ImportOptions& opt) {
    members::ImportMode mode = members::ImportMode::all_or_nothing;
    if (opt.mode == "good-rows") {
        mode = members::ImportMode::good_rows;
    } else if (opt.mode != "all-or-nothing") {
        std::cerr << "用法错误 / usage error: --mode 只能是 all-or-nothing 或 good-rows\n";
        return kUsage;
    }
    Roster roster;
    try {
        roster = read_roster(opt.file);
    } catch (const std::exception& e) {  // TabularError or a missing header
        std::cerr << "错误 / error: 无法读取名册 / cannot read roster " << opt.file << ": "
                  << e.what() << "\n";
        return kFailure;
    }

    CliServices s(cfg);
    auto& pool = s.pool;
    auto& orgs = s.orgs;
    auto& service = s.members;
    const auth::Actor by = auth::system_actor("cli");

    std::optional<orgs::Org> org;
    {
        auto c = pool.acquire();
        org = db::in_transaction(*c, [&](db::Connection& tx) -> std::optional<orgs::Org> {
            auto found = orgs.resolve_or_create_federation(tx, opt.org);
            if (found && found->type == "federation") return orgs.ensure_holding_pool(tx, *found);
            return found;
        });
    }
    if (!org) {
        std::cerr << "错误 / error: 组织不存在 / no such org: " << opt.org << "\n";
        return kFailure;
    }
    // The operator acts over the whole tree.
    auth::Principal operator_principal;
    operator_principal.kind = "system";
    operator_principal.org_path = "/";

    members::ImportRequest request;
    request.org_id = org->id;
    request.file_name = std::filesystem::path(opt.file).filename().string();
    request.mode = mode;
    request.rows = std::move(roster.rows);
    request.rejected = roster.rejected;
    const size_t total = request.rows.size() + request.rejected.size();
    const bool terminal = isatty(STDOUT_FILENO) != 0;
    if (terminal) {
        fmt::print("正在导入 {} 行到 {} / importing {} row(s) into {} …\n", total, org->name, total,
                   org->name);
    }
    members::ImportResult result;
    try {
        result = service.import_rows(by, operator_principal, request);
    } catch (const ApiError& e) {
        std::cerr << "错误 / error: " << e.message() << " (" << e.code() << ")\n";
        return kFailure;
    }
    if (!opt.report.empty()) write_report(opt.report, result.rejected, roster);
    for (const auto& r : result.rejected) {
        std::cerr << "第 " << r.row << " 行 / row " << r.row << " [" << column_of(r.field)
                  << "]: " << r.message << "\n";
    }
    if (terminal) {
        fmt::print("已导入 {}，拒绝 {}，已在册 {} / imported {}, rejected {}, duplicates {}\n",
                   result.imported, result.rejected.size(), result.duplicates, result.imported,
                   result.rejected.size(), result.duplicates);
    }
    if (opt.json) {
        nlohmann::ordered_json j = {{"imported", result.imported},
                                    {"rejected", result.rejected.size()},
                                    {"duplicates", result.duplicates}};
        std::cout << j.dump() << std::endl;
    }
    return result.rejected.empty() ? kOk : kRejected;
}

}  // namespace gh
