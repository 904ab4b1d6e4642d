// Employer roster files in; see roster.h.
#include "domains/employers/roster.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <stdexcept>

#include "core/cn/credit_code.h"
#include "core/tabular/tabular.h"
#include "core/xlsx/writer.h"

namespace gh::employers {

namespace {

struct Column {
    const char* header;
    const char* field;
};
constexpr Column kColumns[] = {{"单位名称", "name"},
                               {"统一社会信用代码", "credit_code"},
                               {"职工人数", "staff_size"},
                               {"行业门类", "industry"},
                               {"地址", "address"}};

std::string strip(std::string_view s) {
    auto blank = [](char ch) { return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n'; };
    while (!s.empty() && blank(s.front())) s.remove_prefix(1);
    while (!s.empty() && blank(s.back())) s.remove_suffix(1);
    return std::string(s);
}

// "120", or "120.0" as a spreadsheet may store a whole number.
std::optional<int64_t> whole_number(std::string s) {
    if (s.size() > 2 && s.ends_with(".0")) s.resize(s.size() - 2);
    if (s.empty() || s.size() > 9 ||
        !std::all_of(s.begin(), s.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
        return std::nullopt;
    }
    return std::stoll(s);
}

// "C", "c", "C 制造业", "C制造业" or "制造业" → "C"; "" stays ""; nullopt when unknown.
std::optional<std::string> industry_letter(const std::string& s) {
    if (s.empty()) return std::string();
    for (const auto& [letter, label] : industry_sections()) {
        if (s == label) return letter;
    }
    const char first = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
    if (first < 'A' || first > 'T') return std::nullopt;
    const std::string letter(1, first);
    const std::string rest = strip(std::string_view(s).substr(1));
    if (rest.empty()) return letter;
    for (const auto& [l, label] : industry_sections()) {
        if (l == letter && rest == label) return letter;
    }
    return std::nullopt;
}

}  // namespace

const std::vector<std::pair<std::string, std::string>>& industry_sections() {
    static const std::vector<std::pair<std::string, std::string>> sections = {
        {"A", "农、林、牧、渔业"},
        {"B", "采矿业"},
        {"C", "制造业"},
        {"D", "电力、热力、燃气及水生产和供应业"},
        {"E", "建筑业"},
        {"F", "批发和零售业"},
        {"G", "交通运输、仓储和邮政业"},
        {"H", "住宿和餐饮业"},
        {"I", "信息传输、软件和信息技术服务业"},
        {"J", "金融业"},
        {"K", "房地产业"},
        {"L", "租赁和商务服务业"},
        {"M", "科学研究和技术服务业"},
        {"N", "水利、环境和公共设施管理业"},
        {"O", "居民服务、修理和其他服务业"},
        {"P", "教育"},
        {"Q", "卫生和社会工作"},
        {"R", "文化、体育和娱乐业"},
        {"S", "公共管理、社会保障和社会组织"},
        {"T", "国际组织"}};
    return sections;
}

std::string column_of(const std::string& field) {
    for (const auto& c : kColumns) {
        if (field == c.field) return c.header;
    }
    return field;
}

Roster read_roster(const std::string& path, size_t max_rows) {
    auto reader = tabular::open_any(path, tabular::ReadLimits::for_rows(max_rows));
    tabular::RowLimit limit(max_rows);
    tabular::Row row;
    std::map<std::string, size_t> at;  // header → column
    bool header_seen = false;
    std::map<std::string, size_t> seen;  // normalised credit code → row
    Roster out;
    while (reader->next(row)) {
        limit.read();
        if (std::all_of(row.cells.begin(), row.cells.end(),
                        [](const std::string& c) { return strip(c).empty(); })) {
            continue;
        }
        if (header_seen) limit.data();
        if (!header_seen) {
            for (size_t i = 0; i < row.cells.size(); ++i) at.emplace(strip(row.cells[i]), i);
            if (!at.count("单位名称") || !at.count("统一社会信用代码")) {
                throw std::runtime_error(
                    "第 " + std::to_string(row.number) +
                    " 行不是用人单位名册的表头：至少要有“单位名称”和“统一社会信用代码”两列");
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
            out.rejected.push_back({row.number, field, std::move(message), {}});
        };
        ImportRow r;
        r.row = row.number;
        r.employer.name = cell("单位名称");
        r.employer.credit_code = cell("统一社会信用代码");
        r.employer.address = cell("地址");
        if (auto code = cn::parse_credit_code(r.employer.credit_code, "credit_code")) {
            auto [it, fresh] = seen.emplace(code->value, row.number);
            if (!fresh) {
                reject("credit_code",
                       "文件内重复（与第 " + std::to_string(it->second) + " 行相同）");
                continue;
            }
        }  // a bad code is refused by the service, with the rule's own message
        if (auto staff = cell("职工人数"); !staff.empty()) {
            r.employer.staff_size = whole_number(staff);
            if (!r.employer.staff_size) {
                reject("staff_size", "职工人数应为不小于 0 的整数");
                continue;
            }
        }
        auto industry = industry_letter(cell("行业门类"));
        if (!industry) {
            reject("industry", "行业门类应从下拉列表选择（A–T，如“C 制造业”）");
            continue;
        }
        r.employer.industry = *industry;
        out.rows.push_back(std::move(r));
    }
    if (!header_seen) throw std::runtime_error("文件里没有表头行，不是用人单位名册");
    return out;
}

std::string template_workbook() {
    xlsx::Sheet sheet;
    sheet.name = "用人单位名册";
    for (const auto& col : kColumns) {
        xlsx::Column c;
        c.header = col.header;
        const std::string field = col.field;
        c.width = field == "name" || field == "address" ? 36 : field == "credit_code" ? 24 : 16;
        c.text = field == "credit_code";
        if (field == "industry") {
            for (const auto& [letter, label] : industry_sections()) {
                c.choices.push_back(letter + " " + label);
            }
        }
        sheet.columns.push_back(std::move(c));
    }
    xlsx::Sheet help;
    help.name = "填写说明";
    help.columns = {xlsx::Column{"列", 18, false, {}}, xlsx::Column{"说明", 90, false, {}}};
    help.rows = {{"单位名称", "必填，单位全称，不超过 200 字节"},
                 {"统一社会信用代码", "必填，18 位（GB 32100）；本列已设为文本格式，请勿改为数字"},
                 {"职工人数", "必填，不小于 0 的整数"},
                 {"行业门类", "选填，从下拉列表选择（GB/T 4754 门类 A–T）"},
                 {"地址", "选填，不超过 500 字节"},
                 {"", "同一信用代码在文件中只能出现一次；已登记的信用代码计为重复，不会重复导入"}};
    return xlsx::write_workbook({sheet, help});
}

}  // namespace gh::employers
