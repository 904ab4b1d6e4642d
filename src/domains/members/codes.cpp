// The member code lists. Kept in one place so the API, the import and the template agree.
#include "domains/members/codes.h"

#include <algorithm>
#include <utility>

namespace gh::members {

namespace {

std::vector<Code> same_code_and_label(std::initializer_list<std::string_view> names) {
    std::vector<Code> out;
    for (auto n : names) out.push_back({n, n, false});
    return out;
}

// Synonyms seen on real rosters, by list.
const std::vector<std::pair<std::string_view, std::string_view>> kOccupationSynonyms = {
    {"快递小哥", "courier"},         {"快递配送员", "courier"},
    {"外卖员", "food_delivery"},     {"外卖送餐员", "food_delivery"},
    {"外卖配送员", "food_delivery"}, {"骑手", "food_delivery"},
    {"网约车驾驶员", "ride_hailing"}, {"货运司机", "truck_driver"},
    {"卡车司机", "truck_driver"},    {"主播", "streamer"},
    {"网约家政服务员", "domestic"},  {"家政员", "domestic"},
    {"保洁员", "domestic"},          {"带货主播", "online_marketer"}};
const std::vector<std::pair<std::string_view, std::string_view>> kEducationSynonyms = {
    {"小学", "primary"},  {"中技", "vocational"},   {"技校", "vocational"},
    {"专科", "college"},  {"大学本科", "bachelor"}, {"大学", "bachelor"},
    {"硕士", "master"},   {"研究生", "master"},     {"博士", "doctor"}};
const std::vector<std::pair<std::string_view, std::string_view>> kPoliticalSynonyms = {
    {"党员", "cpc"},         {"中国共产党党员", "cpc"}, {"预备党员", "cpc_probationary"},
    {"团员", "cyl"},         {"无党派", "non_party"},   {"民主党派", "democratic"}};

const std::vector<std::pair<std::string_view, std::string_view>>* synonyms_of(
    const std::vector<Code>& list) {
    if (&list == &occupation_categories()) return &kOccupationSynonyms;
    if (&list == &educations()) return &kEducationSynonyms;
    if (&list == &political_statuses()) return &kPoliticalSynonyms;
    return nullptr;
}

}  // namespace

const std::vector<Code>& ethnicities() {
    static const std::vector<Code> list = same_code_and_label(
        {"汉族",     "蒙古族",   "回族",   "藏族",   "维吾尔族", "苗族",   "彝族",   "壮族",
         "布依族",   "朝鲜族",   "满族",   "侗族",   "瑶族",     "白族",   "土家族", "哈尼族",
         "哈萨克族", "傣族",     "黎族",   "傈僳族", "佤族",     "畲族",   "高山族", "拉祜族",
         "水族",     "东乡族",   "纳西族", "景颇族", "柯尔克孜族", "土族", "达斡尔族", "仫佬族",
         "羌族",     "布朗族",   "撒拉族", "毛南族", "仡佬族",   "锡伯族", "阿昌族", "普米族",
         "塔吉克族", "怒族",     "乌孜别克族", "俄罗斯族", "鄂温克族", "德昂族", "保安族",
         "裕固族",   "京族",     "塔塔尔族", "独龙族", "鄂伦春族", "赫哲族", "门巴族", "珞巴族",
         "基诺族",   "其他"});
    return list;
}

const std::vector<Code>& educations() {
    static const std::vector<Code> list = {
        {"primary", "小学及以下"}, {"junior", "初中"},   {"senior", "高中"},
        {"vocational", "中专"},    {"college", "大专"},  {"bachelor", "本科"},
        {"master", "硕士研究生"},  {"doctor", "博士研究生"}};
    return list;
}

const std::vector<Code>& political_statuses() {
    static const std::vector<Code> list = {
        {"cpc", "中共党员"},           {"cpc_probationary", "中共预备党员"},
        {"cyl", "共青团员"},           {"democratic", "民主党派成员"},
        {"non_party", "无党派人士"},   {"masses", "群众"}};
    return list;
}

const std::vector<Code>& occupation_categories() {
    static const std::vector<Code> list = {
        {"courier", "快递员", true},
        {"food_delivery", "外卖骑手", true},
        {"ride_hailing", "网约车司机", true},
        {"truck_driver", "货车司机", true},
        {"streamer", "网络主播", true},
        {"domestic", "家政服务员", true},
        {"online_marketer", "互联网营销师", true},
        {"care_worker", "网约护工", true},
        {"other_gig", "其他新就业形态", true},
        {"worker", "企业职工", false},
        {"public_servant", "机关事业单位人员", false},
        {"farmer", "农业从业人员", false},
        {"other", "其他", false}};
    return list;
}

std::optional<std::string> code_of(const std::vector<Code>& list, std::string_view text) {
    if (text.empty()) return std::nullopt;
    for (const auto& c : list) {
        if (c.code == text || c.label == text) return std::string(c.code);
    }
    if (const auto* syn = synonyms_of(list)) {
        for (const auto& [word, code] : *syn) {
            if (word == text) return std::string(code);
        }
    }
    if (&list == &ethnicities()) {  // "汉" for 汉族
        const std::string with = std::string(text) + "族";
        for (const auto& c : list) {
            if (c.label == with) return std::string(c.code);
        }
    }
    return std::nullopt;
}

std::string label_of(const std::vector<Code>& list, std::string_view code) {
    for (const auto& c : list) {
        if (c.code == code) return std::string(c.label);
    }
    return std::string(code);
}

std::optional<std::string> category_of_occupation(std::string_view occupation) {
    return code_of(occupation_categories(), occupation);
}

bool is_new_form_category(std::string_view code) {
    const auto& list = occupation_categories();
    return std::any_of(list.begin(), list.end(),
                       [&](const Code& c) { return c.code == code && c.new_form; });
}

std::optional<bool> parse_yes_no(std::string_view t) {
    for (std::string_view yes : {"是", "Y", "y", "1", "true", "TRUE", "True", "√"}) {
        if (t == yes) return true;
    }
    for (std::string_view no : {"否", "N", "n", "0", "false", "FALSE", "False", ""}) {
        if (t == no) return false;
    }
    return std::nullopt;
}

std::vector<std::string> labels(const std::vector<Code>& list) {
    std::vector<std::string> out;
    for (const auto& c : list) out.emplace_back(c.label);
    return out;
}

}  // namespace gh::members
