// The checks every way into the stations table shares; see internal.h.
#include <cmath>
#include <set>

#include "core/cn/text.h"
#include "core/error.h"
#include "domains/stations/amenities.h"
#include "domains/stations/hours.h"
#include "domains/stations/internal.h"

namespace gh::stations::detail {

namespace {

// Mainland China, Hong Kong, Macao and Taiwan with a margin: 3.5–54 N, 73–136 E.
constexpr double kMinLat = 3.5, kMaxLat = 54.0, kMinLng = 73.0, kMaxLng = 136.0;

bool valid_code(const std::string& s) {
    if (s.size() < 2 || s.size() > 32) return false;
    for (char ch : s) {
        const bool ok = (ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z') ||
                        (ch >= 'a' && ch <= 'z') || ch == '-' || ch == '_';
        if (!ok) return false;
    }
    return true;
}

std::string text_field(const std::string& v, const char* field, size_t max_chars, bool required,
                       const char* label) {
    std::string t = cn::trim(v);
    if (required && t.empty()) {
        throw ApiError(422, std::string("station.") + field, std::string("请填写") + label, field);
    }
    if (cn::utf8_length(t) > max_chars) {
        throw ApiError(422, std::string("station.") + field,
                       std::string(label) + "不能超过 " + std::to_string(max_chars) + " 字", field);
    }
    return t;
}

}  // namespace

std::optional<std::string> crs_name(std::string_view crs) {
    if (crs.empty() || crs == "GCJ-02" || crs == "gcj02" || crs == "GCJ02" || crs == "gcj-02") {
        return "GCJ-02";
    }
    if (crs == "WGS-84" || crs == "wgs84" || crs == "WGS84" || crs == "wgs-84") return "WGS-84";
    return std::nullopt;
}

cn::LatLng to_gcj(std::optional<double> lat, std::optional<double> lng, std::string_view crs,
                  const char* lat_field, const char* lng_field, int status) {
    const auto name = crs_name(crs);
    if (!name) {
        throw ApiError(status, "station.crs", "坐标系只能是 GCJ-02 或 WGS-84", "crs");
    }
    if (!lat || !std::isfinite(*lat)) {
        throw ApiError(status, "station.lat", "请填写纬度（度，如 34.5293）", lat_field);
    }
    if (!lng || !std::isfinite(*lng)) {
        throw ApiError(status, "station.lng", "请填写经度（度，如 108.2381）", lng_field);
    }
    if (*lat < kMinLat || *lat > kMaxLat) {
        const bool swapped =
            *lat >= kMinLng && *lat <= kMaxLng && *lng >= kMinLat && *lng <= kMaxLat;
        throw ApiError(status, "station.lat",
                       swapped ? "纬度超出中国范围：经度和纬度是否填反了？"
                               : "纬度超出中国范围（北纬 3.5°–54°）",
                       lat_field);
    }
    if (*lng < kMinLng || *lng > kMaxLng) {
        throw ApiError(status, "station.lng", "经度超出中国范围（东经 73°–136°）", lng_field);
    }
    const cn::LatLng p{*lat, *lng};
    return *name == "WGS-84" ? cn::wgs84_to_gcj02(p) : p;
}

Valid validate(const NewStation& s) {
    Valid v;
    v.code = cn::trim(s.code);
    if (!v.code.empty() && !valid_code(v.code)) {
        throw ApiError(422, "station.code", "站点编码为 2–32 位字母、数字、- 或 _", "code");
    }
    v.name = text_field(s.name, "name", 100, true, "站点名称");
    v.address = text_field(s.address, "address", 200, false, "地址");
    v.gcj = to_gcj(s.lat, s.lng, s.crs);
    std::set<std::string> amenities;
    for (const auto& a : s.amenities) {
        auto code = amenity_code(a);
        if (!code) {
            throw ApiError(422, "station.amenity", "设施“" + a + "”不在设施清单中", "amenities");
        }
        amenities.insert(*code);
    }
    // Stored in the list's order, so the same set always reads the same.
    std::vector<std::string> ordered;
    for (const auto& t : amenity_terms()) {
        if (amenities.count(std::string(t.code))) ordered.emplace_back(t.code);
    }
    v.amenities = join_codes(ordered);
    std::string why;
    auto hours = parse_hours(s.hours, &why);
    if (!hours) throw ApiError(422, "station.hours", "开放时间无法识别：" + why, "hours");
    v.hours = hours->text();
    if (s.capacity < 0 || s.capacity > 100000) {
        throw ApiError(422, "station.capacity", "容纳人数应为 0–100000 的整数", "capacity");
    }
    v.capacity = s.capacity;
    bool known = false;
    for (const char* st : kStatuses) known = known || s.status == st;
    if (!known) {
        throw ApiError(422, "station.status",
                       "状态只能是 open（开放）、repair（维修暂停）或 retired（撤销）", "status");
    }
    v.status = s.status;
    std::set<std::string> items;
    for (const auto& c : s.checklist) {
        auto code = checklist_code(c);
        if (!code) {
            throw ApiError(422, "station.checklist", "“" + c + "”不是六有/八有标准的项目",
                           "checklist");
        }
        items.insert(*code);
    }
    std::vector<std::string> checklist;
    for (const auto& t : checklist_terms()) {
        if (items.count(std::string(t.code))) checklist.emplace_back(t.code);
    }
    v.checklist = join_codes(checklist);
    if (s.stars && (*s.stars < 1 || *s.stars > 5)) {
        throw ApiError(422, "station.stars", "星级为 1–5", "stars");
    }
    if (s.stars_year && (*s.stars_year < 2000 || *s.stars_year > 2100)) {
        throw ApiError(422, "station.stars_year", "评星年度应为四位年份", "stars_year");
    }
    if (s.stars && !s.stars_year) {
        throw ApiError(422, "station.stars_year", "评定星级时请填写评星年度", "stars_year");
    }
    v.stars = s.stars;
    v.stars_year = s.stars ? s.stars_year : std::nullopt;
    return v;
}

std::optional<std::chrono::sys_days> parse_day(std::string_view t) {
    if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
    for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
        if (t[i] < '0' || t[i] > '9') return std::nullopt;
    }
    auto num = [&t](size_t at, size_t n) {
        int v = 0;
        for (size_t i = at; i < at + n; ++i) v = v * 10 + (t[i] - '0');
        return v;
    };
    const std::chrono::year_month_day ymd{std::chrono::year(num(0, 4)),
                                          std::chrono::month(static_cast<unsigned>(num(5, 2))),
                                          std::chrono::day(static_cast<unsigned>(num(8, 2)))};
    if (!ymd.ok()) return std::nullopt;
    return std::chrono::sys_days(ymd);
}

std::vector<std::string> split_codes(const std::string& stored) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start < stored.size()) {
        size_t comma = stored.find(',', start);
        if (comma == std::string::npos) comma = stored.size();
        if (comma > start) out.push_back(stored.substr(start, comma - start));
        start = comma + 1;
    }
    return out;
}

std::string join_codes(const std::vector<std::string>& codes) {
    std::string out;
    for (const auto& c : codes) {
        if (!out.empty()) out += ",";
        out += c;
    }
    return out;
}

Station station_of(const db::Row& r) {
    Station s;
    s.id = r.get<int64_t>(0);
    s.code = r.get<std::string>(1);
    s.name = r.get<std::string>(2);
    s.org_id = r.get<int64_t>(3);
    s.org_path = r.get<std::string>(4);
    s.address = r.get<std::string>(5);
    s.gcj = {r.get<double>(6), r.get<double>(7)};
    s.amenities = split_codes(r.get<std::string>(8));
    s.hours = r.get<std::string>(9);
    s.capacity = r.get<int64_t>(10);
    s.status = r.get<std::string>(11);
    s.checklist = split_codes(r.get<std::string>(12));
    s.stars = r.get_opt<int64_t>(13);
    s.stars_year = r.get_opt<int64_t>(14);
    s.door_generation = r.get<int64_t>(15);
    s.verified_at = r.get_opt<std::string>(16);
    s.created_at = r.get<std::string>(17);
    s.updated_at = r.get<std::string>(18);
    return s;
}

nlohmann::json station_audit(const Station& s) {
    return {{"code", s.code}, {"name", s.name}, {"org_id", s.org_id}, {"status", s.status}};
}

std::vector<std::string_view> station_errors() {
    return {"station.address",
            "station.amenity",
            "station.capacity",
            "station.checklist",
            "station.code",
            "station.code_taken",
            "station.crs",
            "station.due_on",
            "station.hours",
            "station.import_file",
            "station.import_mode",
            "station.import_too_large",
            "station.import_too_many_rows",
            "station.lat",
            "station.limit",
            "station.lng",
            "station.name",
            "station.not_found",
            "station.open_at",
            "station.org",
            "station.round_title",
            "station.stars",
            "station.stars_year",
            "station.status"};
}

}  // namespace gh::stations::detail
