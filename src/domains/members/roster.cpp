// Roster files in and reports out; see roster.h.
#include "domains/members/roster.h"
#include "core/cn/text.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <iterator>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "core/cn/id_number.h"
#include "core/tabular/tabular.h"
#include "core/xlsx/writer.h"
#include "domains/members/codes.h"

namespace gh::members {

namespace {

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

bool blank(const tabular::Row& r) {
    return std::all_of(r.cells.begin(), r.cells.end(),
                       [](const std::string& c) { return strip(c).empty(); });
}

}  // namespace

const std::vector<RosterColumn>& roster_columns() {
    static const std::vector<RosterColumn> cols = {{"姓名", "name"},
                                                   {"身份证号", "id_number"},
                                                   {"手机号", "phone"},
                                                   {"职业", "occupation"},
                                                   {"工作单位", "employer_name"},
                                                   {"入会日期", "joined_on"},
                                                   {"民族", "ethnicity"},
                                                   {"学历", "education"},
                                                   {"政治面貌", "political_status"},
                                                   {"农民工", "migrant_worker"},
                                                   {"劳模", "model_worker"},
                                                   {"困难职工", "hardship"}};
    return cols;
}

std::string column_of(const std::string& field) {
    if (field == "occupation_category") return "职业";
    for (const auto& c : roster_columns()) {
        if (c.field == field) return c.header;
    }
    return field;
}

// The key of a normalised ID number (17 digits, then a digit or X) in the in-file duplicate
// check: exact, and 8 bytes instead of a heap string.
static uint64_t id_key(const std::string& v) {
    uint64_t k = 0;
    for (size_t i = 0; i + 1 < v.size(); ++i) k = k * 10 + static_cast<uint64_t>(v[i] - '0');
    return k * 11 + (v.back() == 'X' ? 10 : static_cast<uint64_t>(v.back() - '0'));
}

using cn::utf8_length;

struct RosterReader::State {
    explicit State(size_t max_rows) : limit(max_rows) {}
    tabular::RowLimit limit;
    std::unique_ptr<tabular::RowReader> reader;
    tabular::Row row;
    std::map<std::string, size_t> at;           // header → column
    std::unordered_map<uint64_t, size_t> seen;  // id_key of a normalised ID number → row
};

RosterReader::RosterReader(const std::string& path, size_t max_rows)
    : s_(std::make_unique<State>(max_rows)) {
    s_->reader = tabular::open_any(path, tabular::ReadLimits::for_rows(max_rows));
    auto& row = s_->row;
    while (s_->reader->next(row)) {
        s_->limit.read();
        if (blank(row)) continue;
        for (size_t i = 0; i < row.cells.size(); ++i) s_->at.emplace(strip(row.cells[i]), i);
        if (!s_->at.count("姓名") || !s_->at.count("身份证号")) {
            throw std::runtime_error("第 " + std::to_string(row.number) +
                                     " 行不是会员名册的表头：至少要有“姓名”和“身份证号”两列");
        }
        return;
    }
    throw std::runtime_error("文件里没有表头行，不是会员名册");
}

RosterReader::~RosterReader() = default;

bool RosterReader::next(std::vector<ImportRow>& rows, std::vector<RowProblem>& rejected,
                        size_t max) {
    rows.clear();
    rejected.clear();
    auto& row = s_->row;
    const auto& at = s_->at;
    auto& seen = s_->seen;
    while (rows.size() + rejected.size() < std::max<size_t>(max, 1) && s_->reader->next(row)) {
        s_->limit.read();
        if (blank(row)) continue;
        s_->limit.data();
        auto cell = [&](const std::string& header) -> std::string {
            auto it = at.find(header);
            if (it == at.end() || it->second >= row.cells.size()) return {};
            return strip(row.cells[it->second]);
        };
        auto reject = [&](const std::string& field, std::string message, std::string code = {}) {
            rejected.push_back({row.number, field, std::move(message), std::move(code)});
        };
        ImportRow r;
        r.row = row.number;
        r.member.name = cell("姓名");
        r.member.id_number = cell("身份证号");
        if (on_cells) on_cells(row.number, r.member.name, r.member.id_number);
        // Before any other check, so an over-long cell is refused for what it is.
        bool too_long = false;
        for (const auto& col : roster_columns()) {
            auto it = at.find(col.header);
            if (it == at.end() || it->second >= row.cells.size()) continue;
            const size_t n = utf8_length(row.cells[it->second]);
            if (n <= kMaxCellChars) continue;
            reject(col.field,
                   col.header + "过长（" + std::to_string(n) + " 个字符，每格最多 " +
                       std::to_string(kMaxCellChars) + " 个）",
                   "member.import_cell_too_long");
            too_long = true;
            break;
        }
        if (too_long) continue;
        if (auto phone = cell("手机号"); !phone.empty()) r.member.phone = phone;
        r.member.occupation = cell("职业");
        Profile& pr = r.member.profile;
        pr.employer_name = cell("工作单位");
        pr.ethnicity = cell("民族");
        pr.education = cell("学历");
        pr.political_status = cell("政治面貌");
        auto id = cn::parse_id_number(r.member.id_number, "id_number");
        if (!id) {
            reject("id_number", id.problem().message);
            continue;
        }
        auto [it, fresh] = seen.emplace(id_key(id->value), row.number);
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
        bool flags_ok = true;
        for (auto [header, field, target] :
             {std::tuple{"农民工", "migrant_worker", &pr.migrant_worker},
              std::tuple{"劳模", "model_worker", &pr.model_worker},
              std::tuple{"困难职工", "hardship", &pr.hardship}}) {
            auto v = parse_yes_no(cell(header));
            if (!v) {
                reject(field, std::string(header) + "一栏应填“是”或“否”");
                flags_ok = false;
                break;
            }
            *target = *v;
        }
        if (!flags_ok) continue;
        rows.push_back(std::move(r));
    }
    return !rows.empty() || !rejected.empty();
}

void check_readable(const std::string& path, size_t max_rows) {
    auto reader = tabular::open_any(path, tabular::ReadLimits::for_rows(max_rows));
    tabular::RowLimit limit(max_rows);
    tabular::Row row;
    bool header = false;  // counted as RosterReader counts: the first row with content is it
    while (reader->next(row)) {
        limit.read();
        if (blank(row)) continue;
        if (header) limit.data();
        header = true;
    }
}

Roster read_roster(const std::string& path, size_t max_rows) {
    RosterReader reader(path, max_rows);
    Roster out;
    reader.on_cells = [&](size_t row, const std::string& name, const std::string& id) {
        out.cells[row] = {name, id};
    };
    std::vector<ImportRow> rows;
    std::vector<RowProblem> rejected;
    while (reader.next(rows, rejected, 1000)) {
        std::move(rows.begin(), rows.end(), std::back_inserter(out.rows));
        out.rejected.insert(out.rejected.end(), rejected.begin(), rejected.end());
    }
    return out;
}

std::map<size_t, std::pair<std::string, std::string>> roster_cells(
    const std::string& path, const std::vector<RowProblem>& rows) {
    std::map<size_t, std::pair<std::string, std::string>> out;
    if (rows.empty()) return out;
    std::unordered_set<size_t> wanted;
    for (const auto& r : rows) wanted.insert(r.row);
    RosterReader reader(path);
    reader.on_cells = [&](size_t row, const std::string& name, const std::string& id) {
        if (wanted.count(row)) out[row] = {name, id};
    };
    std::vector<ImportRow> chunk;
    std::vector<RowProblem> rejected;
    while (out.size() < wanted.size() && reader.next(chunk, rejected, 1000)) {
    }
    return out;
}

std::string report_workbook(const std::vector<RowProblem>& rejected, const Roster& roster,
                            size_t max_rows) {
    // Excel's last row, less the header and the row saying what was left out.
    constexpr size_t kExcelRows = 1048576 - 2;
    const size_t shown =
        std::min(rejected.size(), max_rows == 0 ? kExcelRows : std::min(max_rows, kExcelRows));
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
    auto cut = [](const std::string& text) { return xlsx::clip(text, kShownCellChars); };
    for (size_t i = 0; i < shown; ++i) {
        const auto& r = rejected[i];
        auto it = roster.cells.find(r.row);
        const auto& [name, id] =
            it == roster.cells.end() ? std::pair<std::string, std::string>{} : it->second;
        sheet.rows.push_back(
            {std::to_string(r.row), cut(name), cut(id), cut(column_of(r.field)), cut(r.message)});
    }
    if (shown < rejected.size()) {
        sheet.rows.push_back({"", "", "", "",
                              "另有 " + tabular::grouped(rejected.size() - shown) +
                                  " 行未导入，报告只列出前 " + tabular::grouped(shown) + " 行"});
    }
    return xlsx::write_workbook({sheet});
}

std::string template_workbook() {
    xlsx::Sheet sheet;
    sheet.name = "会员名册";
    const std::vector<std::string> yes_no = {"是", "否"};
    for (const auto& col : roster_columns()) {
        xlsx::Column c;
        c.header = col.header;
        c.width = col.field == "id_number" ? 22 : col.field == "employer_name" ? 28 : 14;
        c.text = col.field == "id_number" || col.field == "phone" || col.field == "joined_on";
        if (col.field == "occupation") {
            c.choices = labels(occupation_categories());
            c.choices_strict = false;  // other occupations may be typed in
        } else if (col.field == "ethnicity") {
            c.choices = labels(ethnicities());
        } else if (col.field == "education") {
            c.choices = labels(educations());
        } else if (col.field == "political_status") {
            c.choices = labels(political_statuses());
        } else if (col.field == "migrant_worker" || col.field == "model_worker" ||
                   col.field == "hardship") {
            c.choices = yes_no;
        }
        sheet.columns.push_back(std::move(c));
    }
    xlsx::Sheet help;
    help.name = "填写说明";
    help.columns = {xlsx::Column{"列", 14, false, {}}, xlsx::Column{"说明", 90, false, {}}};
    help.rows = {
        {"姓名", "必填，不超过 50 个字"},
        {"身份证号", "必填，18 位居民身份证号；本列已设为文本格式，请勿改为数字"},
        {"手机号", "选填，11 位手机号"},
        {"职业", "可从下拉列表选，也可填写其他职业；快递员、外卖骑手等新就业形态会自动标记"},
        {"工作单位", "选填，单位全称"},
        {"入会日期", "选填，如 2026-11-01；不填为导入当天"},
        {"民族", "选填，56 个民族之一或“其他”"},
        {"学历", "选填，从下拉列表选"},
        {"政治面貌", "选填，从下拉列表选"},
        {"农民工 / 劳模 / 困难职工", "选填，“是”或“否”，不填为“否”"},
        {"", "同一身份证号在文件中只能出现一次；已在本工会在册的会员会计为重复，不会重复导入"}};
    return xlsx::write_workbook({sheet, help});
}

}  // namespace gh::members
