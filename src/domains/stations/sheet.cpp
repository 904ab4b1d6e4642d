// Station files in and out; see sheet.h.
#include "domains/stations/sheet.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <optional>
#include <stdexcept>

#include "core/cn/text.h"
#include "core/tabular/tabular.h"
#include "core/xlsx/writer.h"
#include "domains/stations/amenities.h"

namespace gh::stations {

namespace {

struct Column {
    const char* header;
    const char* field;
};
constexpr Column kColumns[] = {
    {"站点编码", "code"},  {"站点名称", "name"},  {"地址", "address"},
    {"经度", "lng"},       {"纬度", "lat"},       {"坐标系", "crs"},
    {"设施", "amenities"}, {"开放时间", "hours"}, {"容纳人数", "capacity"}};

std::optional<double> number(const std::string& s) {
    if (s.empty()) return std::nullopt;
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (end != s.c_str() + s.size()) return std::nullopt;
    return v;
}

std::string status_label(const std::string& s) {
    return s == "open" ? "开放" : s == "repair" ? "维修暂停" : s == "retired" ? "已撤销" : s;
}

}  // namespace

std::string column_of(const std::string& field) {
    for (const auto& c : kColumns) {
        if (field == c.field) return c.header;
    }
    if (field == "amenity" || field == "amenities") return "设施";
    return field;
}

Sheet read_sheet(const std::string& path, size_t max_rows) {
    auto reader = tabular::open_any(path, tabular::ReadLimits::for_rows(max_rows));
    tabular::RowLimit limit(max_rows);
    tabular::Row row;
    std::map<std::string, size_t> at;
    bool header_seen = false;
    Sheet out;
    while (reader->next(row)) {
        limit.read();
        if (std::all_of(row.cells.begin(), row.cells.end(),
                        [](const std::string& c) { return cn::trim(c).empty(); })) {
            continue;
        }
        if (!header_seen) {
            for (size_t i = 0; i < row.cells.size(); ++i) at.emplace(cn::trim(row.cells[i]), i);
            if (!at.count("站点名称") || !at.count("经度") || !at.count("纬度")) {
                throw std::runtime_error("第 " + std::to_string(row.number) +
                                         " 行不是驿站表的表头：至少要有“站点名称”“经度”“纬度”三列");
            }
            header_seen = true;
            continue;
        }
        limit.data();
        auto cell = [&](const char* header) -> std::string {
            auto it = at.find(header);
            if (it == at.end() || it->second >= row.cells.size()) return {};
            return cn::trim(row.cells[it->second]);
        };
        auto reject = [&](const char* field, std::string message) {
            out.rejected.push_back({row.number, field, std::move(message), {}});
        };
        ImportRow r;
        r.row = row.number;
        NewStation& s = r.station;
        s.code = cell("站点编码");
        s.name = cell("站点名称");
        s.address = cell("地址");
        const std::string lng = cell("经度"), lat = cell("纬度");
        s.lng = number(lng);
        s.lat = number(lat);
        if (!lng.empty() && !s.lng) {
            reject("lng", "经度应为数字（度，如 108.2381）");
            continue;
        }
        if (!lat.empty() && !s.lat) {
            reject("lat", "纬度应为数字（度，如 34.5293）");
            continue;
        }
        const std::string crs = cell("坐标系");
        s.crs = crs.empty() ? "GCJ-02" : crs;
        s.amenities = split_list(cell("设施"));
        const std::string hours = cell("开放时间");
        s.hours = hours.empty() ? "24小时" : hours;
        if (const std::string cap = cell("容纳人数"); !cap.empty()) {
            auto v = number(cap);
            if (!v || *v < 0 || *v != static_cast<double>(static_cast<int64_t>(*v))) {
                reject("capacity", "容纳人数应为不小于 0 的整数");
                continue;
            }
            s.capacity = static_cast<int64_t>(*v);
        }
        out.rows.push_back(std::move(r));
    }
    if (!header_seen) throw std::runtime_error("文件里没有表头行，不是驿站表");
    return out;
}

std::string template_workbook() {
    xlsx::Sheet sheet;
    sheet.name = "驿站";
    for (const auto& col : kColumns) {
        xlsx::Column c;
        c.header = col.header;
        const std::string f = col.field;
        c.width = f == "name" || f == "address" || f == "hours" || f == "amenities" ? 30 : 14;
        c.text = f == "code";
        if (f == "crs") c.choices = {"GCJ-02", "WGS-84"};
        sheet.columns.push_back(std::move(c));
    }
    sheet.rows = {{"", "乾县城关快递驿站", "乾县城关街道北大街 12 号", "108.2447", "34.5296",
                   "GCJ-02", "空调、热水、微波炉、充电", "24小时", "20"}};
    std::string amenities;
    for (const auto& t : amenity_terms())
        amenities += (amenities.empty() ? "" : "、") + std::string(t.name);
    xlsx::Sheet help;
    help.name = "填写说明";
    help.columns = {xlsx::Column{"列", 14, false, {}}, xlsx::Column{"说明", 100, false, {}}};
    help.rows = {
        {"站点编码",
         "选填，印在驿站门口；留空时自动生成（YZ + 行政区划代码 + "
         "序号）。已登记或文件内重复的编码计为重复"},
        {"站点名称", "必填，不超过 100 字"},
        {"地址", "选填，不超过 200 字"},
        {"经度、纬度", "必填，度（小数），如 108.2447 和 34.5296；须在中国境内"},
        {"坐标系", "GCJ-02（高德、腾讯地图，默认）或 WGS-84（GPS），WGS-84 会换算为 GCJ-02 保存"},
        {"设施", "选填，用“、”或“,”分隔，须为：" + amenities},
        {"开放时间",
         "“24小时”；“08:00-20:00”（每天，结束早于开始表示跨过午夜）；或“周一至周五 "
         "08:00-18:00；周六 09:00-12:00”；加“；节假日休息”表示法定节假日闭站"},
        {"容纳人数", "选填，不小于 0 的整数"}};
    return xlsx::write_workbook({sheet, help});
}

std::string export_workbook(const std::vector<Station>& stations) {
    xlsx::Sheet sheet;
    sheet.name = "驿站";
    for (const char* h : {"站点编码", "站点名称", "地址", "经度", "纬度", "坐标系", "设施",
                          "开放时间", "容纳人数", "状态", "星级", "评星年度", "最近核验"}) {
        sheet.columns.push_back(xlsx::Column{h, 16, std::string(h) == "站点编码", {}});
    }
    for (const auto& s : stations) {
        std::string amenities;
        for (const auto& a : s.amenities) {
            amenities += (amenities.empty() ? "" : "、") + amenity_name(a);
        }
        char lng[32], lat[32];
        std::snprintf(lng, sizeof lng, "%.6f", s.gcj.lng);
        std::snprintf(lat, sizeof lat, "%.6f", s.gcj.lat);
        sheet.rows.push_back({s.code, s.name, s.address, lng, lat, "GCJ-02", amenities, s.hours,
                              std::to_string(s.capacity), status_label(s.status),
                              s.stars ? std::to_string(*s.stars) : "",
                              s.stars_year ? std::to_string(*s.stars_year) : "",
                              s.verified_at ? to_wire(*s.verified_at) : ""});
    }
    return xlsx::write_workbook({sheet});
}

}  // namespace gh::stations
