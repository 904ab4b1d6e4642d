// The amenity and checklist lists; see amenities.h.
#include "domains/stations/amenities.h"

#include <algorithm>
#include <cctype>

#include "core/cn/text.h"

namespace gh::stations {

namespace {

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (auto& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return out;
}

std::optional<std::string> code_in(const std::vector<Term>& terms, std::string_view text) {
    const std::string t = lower_ascii(cn::trim(text));
    if (t.empty()) return std::nullopt;
    for (const auto& term : terms) {
        if (t == term.code || t == lower_ascii(term.name)) return std::string(term.code);
    }
    return std::nullopt;
}

std::string name_in(const std::vector<Term>& terms, std::string_view code) {
    for (const auto& term : terms) {
        if (term.code == code) return std::string(term.name);
    }
    return std::string(code);
}

}  // namespace

const std::vector<Term>& amenity_terms() {
    static const std::vector<Term> terms = {
        {"aircon", "空调"},      {"hot_water", "热水"},
        {"microwave", "微波炉"}, {"charging", "充电"},
        {"toilet", "卫生间"},    {"first_aid", "医药箱"},
        {"books", "图书"},       {"wifi", "Wi-Fi"},
        {"seats", "座椅"},       {"fridge", "冰箱"},
        {"aed", "AED"},          {"water", "饮水机"},
        {"umbrella", "雨具"},    {"repair_kit", "维修工具"},
        {"pump", "打气筒"},      {"nursing_room", "母婴室"},
        {"shower", "淋浴"},      {"laundry", "洗衣机"},
        {"lockers", "储物柜"},   {"ebike_charging", "电动车充电"}};
    return terms;
}

const std::vector<Term>& checklist_terms() {
    static const std::vector<Term> terms = {
        {"sign", "统一标识"},           {"place", "固定场所"},  {"equipment", "服务设备"},
        {"rules", "管理制度"},          {"staff", "人员管理"},  {"on_map", "地图可查"},
        {"open_hours", "开放时间公示"}, {"records", "服务台账"}};
    return terms;
}

std::optional<std::string> amenity_code(std::string_view s) { return code_in(amenity_terms(), s); }
std::optional<std::string> checklist_code(std::string_view s) {
    return code_in(checklist_terms(), s);
}
std::string amenity_name(std::string_view code) { return name_in(amenity_terms(), code); }
std::string checklist_name(std::string_view code) { return name_in(checklist_terms(), code); }

std::vector<std::string> split_list(std::string_view text) {
    std::vector<std::string> out;
    std::string cur;
    auto flush = [&] {
        std::string t = cn::trim(cur);
        if (!t.empty()) out.push_back(std::move(t));
        cur.clear();
    };
    for (size_t i = 0; i < text.size();) {
        const std::string_view rest = text.substr(i);
        size_t sep = 0;
        for (std::string_view s : {"、", "，", "；", ",", ";", " "}) {
            if (rest.starts_with(s)) {
                sep = s.size();
                break;
            }
        }
        if (sep) {
            flush();
            i += sep;
        } else {
            cur.push_back(text[i++]);
        }
    }
    flush();
    return out;
}

}  // namespace gh::stations
