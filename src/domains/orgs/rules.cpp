#include "domains/orgs/rules.h"
#include "core/cn/text.h"

#include <charconv>
#include <chrono>
#include <cmath>

#include "core/cn/credit_code.h"
#include "core/cn/divisions.h"
#include "core/cn/geo.h"
#include "core/cn/id_number.h"
#include "core/error.h"

namespace gh::orgs::rules {

namespace {

using cn::trim;

bool digits(std::string_view s) {
    for (char ch : s) {
        if (ch < '0' || ch > '9') return false;
    }
    return !s.empty();
}

int number(std::string_view s) {
    int v = 0;
    std::from_chars(s.data(), s.data() + s.size(), v);
    return v;
}

}  // namespace

std::string name(std::string_view raw) {
    std::string n = trim(raw);
    if (n.empty() || n.size() > 200) {
        throw ApiError(422, "org.name", "组织名称不能为空且不超过 200 字节", "name");
    }
    return n;
}

bool known_type(std::string_view t) {
    for (const char* ok : {"federation", "township_union", "grassroots_union",
                           "industry_federation", "area_federation", "union_group"}) {
        if (t == ok) return true;
    }
    return false;
}

void type(std::string_view t) {
    if (!known_type(t)) throw ApiError(422, "org.type", "组织类型无效", "type");
}

void division_code(std::string_view code) {
    if (!cn::is_division_code(code)) {
        throw ApiError(422, "org.division_code", "行政区划代码应为 6 位数字", "division_code");
    }
}

std::string credit_code(std::string_view raw) {
    auto code = cn::parse_credit_code(raw, "credit_code");
    if (!code) throw ApiError::from(code.problem(), 422);
    if (code->value.compare(0, 2, "81") != 0) {
        throw ApiError(422, "org.credit_code_not_union",
                       "工会的统一社会信用代码应以 81 开头（登记管理部门 8 工会，机构类别 1）",
                       "credit_code");
    }
    return code->value;
}

void industry(std::string_view s) {
    const bool section = s.size() == 1 && s[0] >= 'A' && s[0] <= 'T';
    if (!s.empty() && !section) {
        throw ApiError(422, "org.industry", "行业门类应为 GB/T 4754 的字母 A–T", "industry");
    }
}

void address(std::string_view a) {
    if (a.size() > 500) throw ApiError(422, "org.address", "地址不超过 500 字节", "address");
}

void coordinates(std::optional<double> lat, std::optional<double> lng) {
    if (lat.has_value() != lng.has_value()) {
        throw ApiError(422, "org.coordinates_pair", "经纬度须同时填写或同时清空",
                       lat ? "lng" : "lat");
    }
    if (!lat) return;
    if (!std::isfinite(*lat) || *lat < -90 || *lat > 90) {
        throw ApiError(422, "org.lat", "纬度应在 -90 到 90 之间", "lat");
    }
    if (!std::isfinite(*lng) || *lng < -180 || *lng > 180) {
        throw ApiError(422, "org.lng", "经度应在 -180 到 180 之间", "lng");
    }
    if (!cn::in_gcj02_area({*lat, *lng})) {
        throw ApiError(422, "org.coordinates_area", "坐标不在中国范围内（应为 GCJ-02 坐标）",
                       "lat");
    }
}

void chair_name(std::string_view n) {
    if (n.size() > 100) {
        throw ApiError(422, "org.chair_name", "工会主席姓名不超过 100 字节", "chair_name");
    }
}

void founded_on(std::string_view d) {
    const bool shape = d.size() == 10 && d[4] == '-' && d[7] == '-' && digits(d.substr(0, 4)) &&
                       digits(d.substr(5, 2)) && digits(d.substr(8, 2));
    if (!shape) {
        throw ApiError(422, "org.founded_on", "成立日期格式应为 2020-05-01", "founded_on");
    }
    const std::chrono::year_month_day ymd{std::chrono::year(number(d.substr(0, 4))),
                                          std::chrono::month(number(d.substr(5, 2))),
                                          std::chrono::day(number(d.substr(8, 2)))};
    if (!ymd.ok()) throw ApiError(422, "org.founded_on", "成立日期不存在", "founded_on");
    if (std::chrono::sys_days(ymd) > std::chrono::sys_days(cn::today_in_china())) {
        throw ApiError(422, "org.founded_on_future", "成立日期不能晚于今天", "founded_on");
    }
}

void honour(std::string_view title, int64_t year, std::string_view granted_by) {
    if (trim(title).empty() || title.size() > 200) {
        throw ApiError(422, "org.honour_title", "荣誉名称不能为空且不超过 200 字节", "title");
    }
    const int this_year = static_cast<int>(cn::today_in_china().year());
    if (year < 1925 || year > this_year) {
        throw ApiError(422, "org.honour_year", "年份应在 1925 年到今年之间", "year");
    }
    if (granted_by.size() > 200) {
        throw ApiError(422, "org.honour_granted_by", "授予单位不超过 200 字节", "granted_by");
    }
}

}  // namespace gh::orgs::rules
