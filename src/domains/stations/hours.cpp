// Opening hours: parsing the cadre's text, the canonical text, and "open at"; see hours.h.
#include "domains/stations/hours.h"

#include <algorithm>

#include "core/cn/text.h"
#include "core/cn/workdays.h"

namespace gh::stations {

namespace {

using namespace std::chrono;

constexpr std::string_view kDays[7] = {"周一", "周二", "周三", "周四", "周五", "周六", "周日"};
constexpr std::string_view kAllDay = "24小时";
constexpr std::string_view kHolidaysClosed = "节假日休息";

bool fail(std::string* error, std::string message) {
    if (error) *error = std::move(message);
    return false;
}

// "08:00" or "8:00" → minutes; "24:00" only as an end.
std::optional<int> clock_minutes(std::string_view s, bool as_end) {
    const auto colon = s.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon > 2 || s.size() != colon + 3) {
        return std::nullopt;
    }
    int h = 0, m = 0;
    for (size_t i = 0; i < colon; ++i) {
        if (s[i] < '0' || s[i] > '9') return std::nullopt;
        h = h * 10 + (s[i] - '0');
    }
    for (size_t i = colon + 1; i < s.size(); ++i) {
        if (s[i] < '0' || s[i] > '9') return std::nullopt;
        m = m * 10 + (s[i] - '0');
    }
    if (m > 59) return std::nullopt;
    if (h == 24 && m == 0 && as_end) return 1440;
    if (h > 23) return std::nullopt;
    return h * 60 + m;
}

using Swaps = std::initializer_list<std::pair<std::string_view, std::string_view>>;
void replace_all(std::string& s, Swaps swaps) {
    for (auto [from, to] : swaps) {
        for (size_t at; (at = s.find(from)) != std::string::npos;) s.replace(at, from.size(), to);
    }
}

std::string two(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }
std::string clock_text(int minutes) { return two(minutes / 60) + ":" + two(minutes % 60); }

// "08:00-12:00,14:00-18:00" (also with ～, ~, 至, －, full-width ：).
bool parse_intervals(std::string s, std::vector<Interval>& out, std::string* error) {
    replace_all(s, {{"：", ":"},
                    {"～", "-"},
                    {"~", "-"},
                    {"－", "-"},
                    {"—", "-"},
                    {"，", ","},
                    {"、", ","},
                    {"至", "-"}});
    size_t start = 0;
    while (start <= s.size()) {
        size_t comma = s.find(',', start);
        if (comma == std::string::npos) comma = s.size();
        const std::string part = cn::trim(std::string_view(s).substr(start, comma - start));
        const auto dash = part.find('-');
        if (dash == std::string::npos) {
            return fail(error, "时间段“" + part + "”应写作“08:00-20:00”");
        }
        auto a = clock_minutes(cn::trim(std::string_view(part).substr(0, dash)), false);
        auto b = clock_minutes(cn::trim(std::string_view(part).substr(dash + 1)), true);
        if (!a || !b) return fail(error, "时间“" + part + "”应为 00:00 至 24:00 之间的时刻");
        if (*a == *b)
            return fail(error, "时间段“" + part + "”的开始与结束相同；全天开放请写“24小时”");
        out.push_back({*a, *b});
        start = comma + 1;
    }
    return true;
}

std::optional<int> day_index(std::string_view s) {
    for (int i = 0; i < 7; ++i) {
        if (s == kDays[i]) return i;
    }
    if (s == "周天" || s == "星期日" || s == "星期天") return 6;
    constexpr std::string_view kLong[7] = {"星期一", "星期二", "星期三", "星期四",
                                           "星期五", "星期六", "星期日"};
    for (int i = 0; i < 7; ++i) {
        if (s == kLong[i]) return i;
    }
    return std::nullopt;
}

// "周一至周五", "周六、周日", "每天" → the days.
bool parse_days(std::string s, std::array<bool, 7>& days, std::string* error) {
    if (s == "每天" || s == "每日" || s == "全周") {
        days.fill(true);
        return true;
    }
    replace_all(s, {{"、", ","}, {"，", ","}, {"至", "-"}, {"～", "-"}, {"~", "-"}, {"－", "-"}});
    size_t start = 0;
    while (start <= s.size()) {
        size_t comma = s.find(',', start);
        if (comma == std::string::npos) comma = s.size();
        const std::string part = cn::trim(std::string_view(s).substr(start, comma - start));
        const auto dash = part.find('-');
        if (dash == std::string::npos) {
            auto d = day_index(part);
            if (!d) return fail(error, "“" + part + "”不是星期几（周一 … 周日）");
            days[*d] = true;
        } else {
            auto a = day_index(cn::trim(std::string_view(part).substr(0, dash)));
            auto b = day_index(cn::trim(std::string_view(part).substr(dash + 1)));
            if (!a || !b) return fail(error, "“" + part + "”应写作“周一至周五”");
            for (int d = *a;; d = (d + 1) % 7) {
                days[d] = true;
                if (d == *b) break;
            }
        }
        start = comma + 1;
    }
    return true;
}

int weekday_index(year_month_day d) {
    const unsigned iso = weekday(sys_days(d)).iso_encoding();  // 1 Monday … 7 Sunday
    return static_cast<int>(iso) - 1;
}

}  // namespace

std::optional<Hours> parse_hours(std::string_view input, std::string* error) {
    std::string text = cn::trim(input);
    Hours h;
    if (text.empty()) {
        fail(error, "请填写开放时间，如“24小时”或“08:00-20:00”");
        return std::nullopt;
    }
    for (size_t at; (at = text.find("；")) != std::string::npos;) text.replace(at, 3, ";");
    for (size_t at; (at = text.find('\n')) != std::string::npos;) text.replace(at, 1, ";");
    bool any = false;
    size_t start = 0;
    while (start <= text.size()) {
        size_t semi = text.find(';', start);
        if (semi == std::string::npos) semi = text.size();
        const std::string seg = cn::trim(std::string_view(text).substr(start, semi - start));
        start = semi + 1;
        if (seg.empty()) continue;
        if (seg == kHolidaysClosed || seg == "节假日闭站" || seg == "法定节假日休息") {
            h.holidays_closed = true;
            continue;
        }
        if (seg == kAllDay || seg == "24h" || seg == "24H" || seg == "全天" || seg == "全天开放") {
            h.all_day = true;
            any = true;
            continue;
        }
        // "<days> <times>" or just "<times>" (every day).
        std::array<bool, 7> days{};
        std::string times = seg;
        const bool starts_with_time = seg[0] >= '0' && seg[0] <= '9';
        if (!starts_with_time) {
            size_t cut = seg.find(' ');
            if (cut == std::string::npos) {
                // "周一至周五08:00-18:00": the first digit starts the times.
                cut = seg.find_first_of("0123456789");
                if (cut == std::string::npos) {
                    fail(error, "“" + seg + "”缺少时间，如“周一至周五 08:00-18:00”");
                    return std::nullopt;
                }
            }
            if (!parse_days(cn::trim(std::string_view(seg).substr(0, cut)), days, error)) {
                return std::nullopt;
            }
            times = cn::trim(std::string_view(seg).substr(cut));
            if (times == kAllDay || times == "全天") times = "00:00-24:00";
        } else {
            days.fill(true);
        }
        std::vector<Interval> iv;
        if (!parse_intervals(times, iv, error)) return std::nullopt;
        for (int d = 0; d < 7; ++d) {
            if (!days[d]) continue;
            h.week[d].insert(h.week[d].end(), iv.begin(), iv.end());
        }
        any = true;
    }
    if (!any) {
        fail(error, "开放时间没有写开放的时段");
        return std::nullopt;
    }
    if (h.all_day) {
        for (auto& d : h.week) d.clear();
    }
    for (auto& d : h.week) {
        std::sort(d.begin(), d.end(),
                  [](const Interval& a, const Interval& b) { return a.start < b.start; });
    }
    return h;
}

bool Hours::open_at(year_month_day day, int minute) const {
    const auto& cal = cn::WorkCalendar::china();
    const bool closed_today = holidays_closed && cal.is_holiday(day);
    if (all_day) return !closed_today;
    if (!closed_today) {
        for (const auto& iv : week[weekday_index(day)]) {
            if (iv.end > iv.start ? minute >= iv.start && minute < iv.end : minute >= iv.start) {
                return true;
            }
        }
    }
    // Yesterday's interval that runs past midnight.
    const year_month_day yesterday{sys_days(day) - days{1}};
    if (holidays_closed && cal.is_holiday(yesterday)) return false;
    for (const auto& iv : week[weekday_index(yesterday)]) {
        if (iv.end <= iv.start && minute < iv.end) return true;
    }
    return false;
}

bool Hours::open_at(Clock::time_point t) const {
    const auto local = floor<minutes>(t) + hours{8};  // Asia/Shanghai has no daylight saving
    const auto day = floor<days>(local);
    return open_at(year_month_day{day}, static_cast<int>((local - day).count()));
}

std::string Hours::text() const {
    std::string out;
    auto add = [&out](const std::string& seg) {
        if (!out.empty()) out += "；";
        out += seg;
    };
    if (all_day) {
        add(std::string(kAllDay));
    } else {
        auto times = [](const std::vector<Interval>& iv) {
            std::string t;
            for (const auto& i : iv) {
                if (!t.empty()) t += ",";
                t += clock_text(i.start) + "-" + clock_text(i.end);
            }
            return t;
        };
        const bool same = std::all_of(week.begin(), week.end(),
                                      [&](const auto& d) { return times(d) == times(week[0]); });
        if (same) {
            add(times(week[0]));
        } else {
            // Runs of consecutive days with the same times: "周一至周五 08:00-18:00".
            for (int d = 0; d < 7;) {
                int e = d;
                while (e + 1 < 7 && times(week[e + 1]) == times(week[d])) ++e;
                if (!week[d].empty()) {
                    std::string days(kDays[d]);
                    if (e > d) days += (e == d + 1 ? "、" : "至") + std::string(kDays[e]);
                    add(days + " " + times(week[d]));
                }
                d = e + 1;
            }
        }
    }
    if (holidays_closed) add(std::string(kHolidaysClosed));
    return out;
}

}  // namespace gh::stations
