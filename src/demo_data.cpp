#include "demo_data.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "core/cn/id_number.h"

namespace gh::demo {

namespace {

// splitmix64: a small, well-mixed, portable generator.
uint64_t mix(uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

struct Rng {
    uint64_t state;
    uint64_t next() { return state = mix(state); }
    size_t below(size_t n) { return static_cast<size_t>(next() % n); }
    template <class T>
    const T& pick(const std::vector<T>& v) {
        return v[below(v.size())];
    }
};

const std::vector<std::string> kInstitutions = {
    "人民医院",   "中医医院",     "第一中学",   "职业教育中心", "自来水公司",
    "供电分公司", "公共交通公司", "融媒体中心", "妇幼保健院",   "疾病预防控制中心"};
const std::vector<std::string> kTownInstitutions = {
    "中心小学", "初级中学", "卫生院", "农业综合服务站", "中心幼儿园", "供销合作社", "邮政支局"};
const std::vector<std::string> kBrands = {
    "华泰", "秦源", "恒信", "宏达", "金穗", "兴隆", "丰禾", "瑞祥", "永固", "鑫源",
    "长青", "德润", "嘉禾", "博远", "泰和", "新联", "乾丰", "渭华", "汇通", "正阳",
    "天成", "中盛", "信达", "安泰", "润泽", "万通", "福源", "荣昌", "众和", "晟达"};
const std::vector<std::string> kIndustries = {
    "建材", "果业", "食品", "机械制造", "物流",     "商贸",     "建筑工程", "农业科技", "电力设备",
    "包装", "医药", "纺织", "煤业",     "汽车服务", "餐饮管理", "物业服务", "化工",     "印务"};

const std::vector<std::string> kSurnames = {
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高",
    "林", "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "程",
    "曹", "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕", "苏", "卢", "蒋", "蔡", "贾", "丁",
    "魏", "薛", "叶", "阎", "余", "潘", "杜", "戴", "夏", "田", "任", "姜", "范", "方", "石",
    "姚", "谭", "邹", "熊", "金", "陆", "郝", "孔", "白", "崔", "康", "毛", "秦", "史", "侯"};
const std::vector<std::string> kMaleChars = {"伟", "强", "磊", "军", "勇", "杰", "涛", "明",
                                             "超", "刚", "平", "辉", "鹏", "华", "飞", "斌",
                                             "建", "国", "文", "志", "宇", "浩", "波", "峰"};
const std::vector<std::string> kFemaleChars = {"芳", "娜", "敏", "静", "丽", "艳", "娟", "霞",
                                               "燕", "玲", "萍", "红", "婷", "雪", "琳", "慧",
                                               "洁", "梅", "莉", "兰", "晶", "倩", "颖", "佳"};
const std::vector<std::string> kOccupations = {"工人", "技术员", "教师",   "医生",   "护士",
                                               "会计", "销售员", "营业员", "电工",   "焊工",
                                               "厨师", "保安",   "职员",   "农技员", "仓库管理员"};
const std::vector<std::string> kPhonePrefixes = {
    "133", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155", "156", "157",
    "158", "159", "177", "180", "181", "182", "183", "186", "187", "188", "189", "199"};

constexpr int64_t kBirthDays = 14610;  // 1965-01-01 … 2004-12-31

std::string iso(std::chrono::year_month_day d) {
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()),
                       static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
}

}  // namespace

const std::vector<County>& counties() {
    static const std::vector<County> all = {
        {"610424",
         "乾县",
         273,
         25915,
         {"610424"},
         {"城关街道", "薛录镇", "梁村镇", "临平镇", "姜村镇", "王村镇", "马连镇", "阳洪镇",
          "峰阳镇", "注泔镇", "灵源镇", "阳峪镇", "大杨镇", "周城镇", "枣子镇", "新阳镇"}},
        {"610482",
         "彬州市",
         486,
         86342,
         {"610482", "610427"},
         {"城关街道", "豳风街道", "北极镇", "新民镇", "龙高镇", "永乐镇", "义门镇", "水口镇",
          "韩家镇", "太峪镇"}},
    };
    return all;
}

Plan make_plan(const County& c) {
    Plan plan;
    Rng rng{mix(std::stoull(c.code))};
    const int towns = static_cast<int>(c.towns.size());
    for (const auto& t : c.towns) plan.unions.push_back({c.name + t + "总工会", "township_union"});
    plan.express = plan.unions.size();
    plan.unions.push_back({c.name + "快递业工会联合会", "industry_federation"});
    plan.trucks = plan.unions.size();
    plan.unions.push_back({c.name + "货车司机工会联合会", "industry_federation"});

    std::vector<UnionSpec> grassroots;
    for (size_t i = 0; i < kInstitutions.size(); ++i) {
        grassroots.push_back(
            {c.name + kInstitutions[i] + "工会", "grassroots_union", static_cast<int>(i % towns)});
    }
    for (int t = 0; t < towns; ++t) {
        for (const auto& inst : kTownInstitutions) {
            grassroots.push_back({c.name + c.towns[t] + inst + "工会", "grassroots_union", t});
        }
    }
    std::vector<std::string> firms;
    for (const auto& b : kBrands) {
        for (const auto& i : kIndustries) firms.push_back(c.name + b + i + "有限公司工会");
    }
    for (size_t i = firms.size(); i > 1; --i) std::swap(firms[i - 1], firms[rng.below(i)]);
    const size_t wanted = static_cast<size_t>(c.unions) - plan.unions.size();
    for (size_t i = 0; grassroots.size() < wanted && i < firms.size(); ++i) {
        grassroots.push_back({firms[i], "grassroots_union", static_cast<int>(rng.below(towns))});
    }
    grassroots.resize(std::min(grassroots.size(), wanted));
    for (auto& g : grassroots) plan.unions.push_back(std::move(g));

    // Township unions and the gig federations take no ordinary members; a grassroots union has
    // a few dozen to a few hundred, a tenth of them (the large employers) many more.
    int64_t sum = 0;
    for (size_t i = 0; i < plan.unions.size(); ++i) {
        int64_t w = 0;
        if (plan.unions[i].type == "grassroots_union") {
            w = 20 + static_cast<int64_t>(rng.below(150));
            if (rng.below(10) == 0) w += 400 + static_cast<int64_t>(rng.below(600));
        }
        sum += w;
        plan.cumulative.push_back(sum);
    }
    return plan;
}

namespace {

// Name, ID number and phone of the county's k-th person; answers the birth date.
std::chrono::year_month_day fill_identity(Rng& rng, const County& c, int64_t k,
                                          members::NewMember& m) {
    const bool male = rng.below(100) < 56;
    m.name = rng.pick(kSurnames) + rng.pick(male ? kMaleChars : kFemaleChars);
    if (rng.below(100) < 65) m.name += rng.pick(male ? kMaleChars : kFemaleChars);

    // Distinct by construction: the day of birth runs through a permutation of the 40 years
    // within each block of kBirthDays people, and the block is the sequence's tens digit.
    using namespace std::chrono;
    const int64_t block = k / kBirthDays;
    const int64_t day = (k % kBirthDays * 7919 + std::stoll(c.code)) % kBirthDays;
    const year_month_day birth{sys_days{1965y / January / 1} + days{day}};
    const auto ymd =
        fmt::format("{:04}{:02}{:02}", static_cast<int>(birth.year()),
                    static_cast<unsigned>(birth.month()), static_cast<unsigned>(birth.day()));
    const int seq = static_cast<int>(block * 10 + static_cast<int64_t>(rng.below(10)));
    const int gender_digit = static_cast<int>(rng.below(5)) * 2 + (male ? 1 : 0);
    m.id_number =
        cn::make_id_number(fmt::format("{}{}{:02}{}", rng.pick(c.regions), ymd, seq, gender_digit));

    if (rng.below(100) < 60) {
        m.phone = rng.pick(kPhonePrefixes) + fmt::format("{:08}", rng.below(100000000));
    }
    return birth;
}

}  // namespace

Person make_person(const County& c, const Plan& plan, int64_t k, std::chrono::sys_days today) {
    Rng rng{mix(std::stoull(c.code) * 1000003ULL + static_cast<uint64_t>(k))};
    Person p;
    auto& m = p.member;
    const auto birth = fill_identity(rng, c, k, m);
    using namespace std::chrono;
    const int from = std::max(static_cast<int>(birth.year()) + 18, 1995);
    const sys_days first = sys_days{year_month_day{year(from), January, std::chrono::day(1)}};
    const auto span = std::max<int64_t>((today - first).count(), 1);
    m.joined_on = iso(
        year_month_day{first + days(static_cast<int64_t>(rng.below(static_cast<size_t>(span))))});

    bool placed = false;
    const size_t gig = rng.below(1000);  // 12.5 % are new-form workers
    if (gig < 125) {
        m.new_form = true;
        if (gig < 45) {
            m.occupation = "快递员";
            p.union_index = plan.express;
            placed = true;
        } else if (gig < 80) {
            m.occupation = "外卖配送员";
            p.union_index = plan.express;
            placed = true;
        } else if (gig < 105) {
            m.occupation = "货车司机";
            p.union_index = plan.trucks;
            placed = true;
        } else {
            m.occupation = "网约车司机";
        }
    } else {
        m.occupation = rng.pick(kOccupations);
        const bool public_service =
            m.occupation == "教师" || m.occupation == "医生" || m.occupation == "护士";
        m.profile.occupation_category = public_service ? "public_servant" : "worker";
    }
    if (!placed) {
        const auto total = static_cast<size_t>(plan.cumulative.back());
        const auto at = static_cast<int64_t>(rng.below(total));
        p.union_index = static_cast<size_t>(
            std::upper_bound(plan.cumulative.begin(), plan.cumulative.end(), at) -
            plan.cumulative.begin());
    }
    return p;
}

const std::vector<CeremonyCounty>& yulin_counties() {
    static const std::vector<CeremonyCounty> all = [] {
        const std::vector<std::pair<std::string, std::string>> counties = {
            {"610802", "榆阳区"}, {"610803", "横山区"}, {"610822", "府谷县"}, {"610824", "靖边县"},
            {"610825", "定边县"}, {"610826", "绥德县"}, {"610827", "米脂县"}, {"610828", "佳县"},
            {"610829", "吴堡县"}, {"610830", "清涧县"}, {"610831", "子洲县"}, {"610881", "神木市"}};
        std::vector<CeremonyCounty> out;
        for (const auto& [code, name] : counties) {
            CeremonyCounty c;
            c.county = County{code, name, 0, 190, {code}, {}};
            c.federations = {"快递业工会联合会", "外卖配送行业工会联合会", "货车司机工会联合会",
                             "网约车司机工会联合会", "家政服务业工会联合会"};
            c.occupations = {"快递员", "外卖配送员", "货车司机", "网约车司机", "家政服务员"};
            c.weights = {30, 25, 20, 15, 10};
            if (code == "610828") {  // 佳县: the 红枣加工 workers joined that day too
                c.federations.push_back("红枣加工行业工会联合会");
                c.occupations.push_back("红枣加工工人");
                c.weights = {6, 5, 4, 3, 2, 80};
                c.county.members = 560;
            }
            c.county.unions = static_cast<int64_t>(c.federations.size());
            out.push_back(std::move(c));
        }
        return out;
    }();
    return all;
}

Person make_joiner(const CeremonyCounty& c, int64_t k) {
    Rng rng{mix(std::stoull(c.county.code) * 7000003ULL + static_cast<uint64_t>(k))};
    Person p;
    auto& m = p.member;
    fill_identity(rng, c.county, k, m);
    m.new_form = true;
    m.joined_on = kCeremonyDate;
    int total = 0;
    for (int w : c.weights) total += w;
    int at = static_cast<int>(rng.below(static_cast<size_t>(total)));
    size_t i = 0;
    while (i + 1 < c.weights.size() && at >= c.weights[i]) at -= c.weights[i++];
    p.union_index = i;
    m.occupation = c.occupations[i];
    // The gig occupations name their category; 红枣加工 workers are employees of the processors.
    if (m.occupation == "红枣加工工人") m.profile.occupation_category = "worker";
    return p;
}

}  // namespace gh::demo
