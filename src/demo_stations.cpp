// The demo's stations; see demo_stations.h.
#include "demo_stations.h"

#include <fmt/format.h>

#include <chrono>

#include <random>

#include "domains/members/members.h"
#include "domains/stations/checkin.h"
#include "domains/stations/hours.h"
#include "domains/stations/points.h"
#include "domains/stations/roster.h"

namespace gh::demo {

namespace {

struct DemoStation {
    const char* division;  // the managing federation
    const char* code;
    const char* name;
    const char* address;
    double lat, lng;  // GCJ-02
    std::vector<std::string> amenities;
    const char* hours;
    int64_t capacity;
    std::vector<std::string> checklist;
    int stars;
};

const std::vector<std::string> kSix = {"统一标识", "固定场所", "服务设备",
                                       "管理制度", "人员管理", "地图可查"};
const std::vector<std::string> kEight = {"统一标识", "固定场所", "服务设备",     "管理制度",
                                         "人员管理", "地图可查", "开放时间公示", "服务台账"};

const std::vector<DemoStation>& stations() {
    static const std::vector<DemoStation> list = {
        // 乾县: the three of 2024, in the busy streets, with air conditioning and first-aid kits.
        {"610424",
         "YZ610424-0001",
         "乾县城关北大街工会驿站",
         "乾县城关街道北大街 86 号",
         34.52961,
         108.24472,
         {"空调", "医药箱", "热水", "微波炉", "充电", "座椅", "卫生间"},
         "24小时",
         20,
         kEight,
         5},
        {"610424",
         "YZ610424-0002",
         "乾县汽车站工会驿站",
         "乾县汽车站东侧便民服务厅",
         34.52385,
         108.23118,
         {"空调", "医药箱", "热水", "充电", "Wi-Fi", "座椅"},
         "06:00-22:00",
         15,
         kEight,
         4},
        {"610424",
         "YZ610424-0003",
         "乾县商贸广场工会驿站",
         "乾县商贸广场南门西侧",
         34.53412,
         108.25296,
         {"空调", "医药箱", "微波炉", "冰箱", "充电", "电动车充电"},
         "22:00-06:00；周一至周日 10:00-14:00",
         12,
         kSix,
         4},
        // Older ones.
        {"610424",
         "YZ610424-0004",
         "乾县阳洪镇工会驿站",
         "乾县阳洪镇政府便民中心",
         34.60318,
         108.13725,
         {"热水", "座椅", "卫生间", "图书"},
         "周一至周五 08:30-18:00；周六 09:00-12:00；节假日休息",
         8,
         kSix,
         3},
        {"610424",
         "YZ610424-0005",
         "乾县环卫工人爱心驿站",
         "乾县城关街道西大街环卫所",
         34.52718,
         108.23604,
         {"热水", "微波炉", "雨具", "医药箱", "座椅"},
         "05:00-21:00",
         10,
         kSix,
         3},
        // 彬州市.
        {"610482",
         "YZ610482-0001",
         "彬州市城关快递小哥驿站",
         "彬州市城关街道公刘街 18 号",
         35.03652,
         108.08310,
         {"空调", "热水", "微波炉", "充电", "Wi-Fi", "卫生间", "AED"},
         "24小时",
         16,
         kEight,
         5},
        {"610482",
         "YZ610482-0002",
         "彬州市新民镇工会驿站",
         "彬州市新民镇中心街",
         35.08840,
         108.16180,
         {"热水", "座椅", "医药箱"},
         "08:00-20:00",
         8,
         kSix,
         3},
        // 榆林: 24-hour stations.
        {"610800",
         "YZ610800-0001",
         "榆林市高新区骑手之家工会驿站",
         "榆林高新区沙河路与长城路口",
         38.28535,
         109.71320,
         {"空调", "热水", "微波炉", "充电", "电动车充电", "卫生间", "淋浴", "AED"},
         "24小时",
         30,
         kEight,
         5},
        {"610800",
         "YZ610800-0002",
         "榆林市世纪广场工会驿站",
         "榆林市榆阳区世纪广场东北角",
         38.27820,
         109.74560,
         {"空调", "热水", "微波炉", "充电", "图书", "座椅"},
         "24小时",
         20,
         kEight,
         4},
    };
    return list;
}

struct Duty {
    int day;  // from today
    const char* cadre;
    const char* theme;
    const char* log;  // for days past
    int served;
};

const std::vector<Duty>& duties() {
    static const std::vector<Duty> list = {
        {-6, "王建军", "送春联", "为快递员、环卫工书写春联 60 余副", 64},
        {-5, "李秀英", "义诊", "联合县医院义诊，测血压血糖 38 人次", 38},
        {-4, "张卫东", "普法", "讲解劳动合同与欠薪维权，发放 12351 宣传卡", 45},
        {-3, "赵丽娟", "微心愿收集", "收集骑手微心愿 9 条，现场解答入会问题", 52},
        {-2, "刘海涛", "送清凉", "发放姜茶、暖贴，登记新业态劳动者 7 人", 71},
        {-1, "陈晓梅", "微课堂", "交通安全微课堂，到课 26 人", 26},
        {0, "周志强", "民情访谈", "", 0},
        {1, "孙红霞", "义诊", "", 0},
        {2, "马国庆", "普法", "", 0},
        {4, "杨春燕", "微心愿收集", "", 0},
        {7, "吴振华", "送春联", "", 0},
    };
    return list;
}

std::string day_after(const TimeSource& clock, int days);

// Visits a day at each demo station, in its order: the busy 城关 station near 200 a day
// ("每天有近200人次进入驿站休息"), the others fewer.
constexpr int kDailyVisits[] = {185, 90, 70, 25, 55, 110, 30, 130, 80};
// How a day's visits spread over the hours (Beijing): meals and the evening rush.
constexpr int kHourWeight[24] = {2,  1, 1, 1, 1, 2, 4,  6, 6, 5, 6, 10,
                                 12, 8, 5, 5, 6, 9, 11, 8, 5, 4, 3, 2};

// A few weeks of visits at each station, by the county's members (their occupations feed the
// dashboard's chart), within its opening hours, through CheckinService::import_visits.
void load_visits(CliServices& s, const std::vector<stations::Station>& fresh, int days) {
    auto& checkin = s.services.get<stations::CheckinService>();
    const TimeSource& clock = s.stations.clock();
    auth::Principal op;
    op.kind = "system";
    op.org_path = "/";
    std::mt19937_64 rng(14);
    int64_t total = 0;
    for (size_t i = 0; i < fresh.size(); ++i) {
        const auto& st = fresh[i];
        // The visitors: members of the station's managing subtree.
        members::MemberQuery q;
        q.org_id = st.org_id;
        q.limit = 400;
        std::vector<stations::Visitor> people;
        for (const auto& m : s.members.list(op, q).items) {
            people.push_back(
                {"m" + std::to_string(m.id), std::nullopt, m.id, m.profile.occupation_category});
        }
        if (people.empty()) continue;
        const auto hours = stations::parse_hours(st.hours);
        if (!hours) continue;
        std::vector<stations::CheckinService::PastVisit> visits;
        const auto now = clock.now();
        const int per_day = kDailyVisits[i % std::size(kDailyVisits)];
        for (int d = days; d >= 1; --d) {
            const auto midnight = std::chrono::floor<std::chrono::days>(
                                      now + std::chrono::hours(8) - std::chrono::days(d)) -
                                  std::chrono::hours(8);
            std::discrete_distribution<int> hour(std::begin(kHourWeight), std::end(kHourWeight));
            std::uniform_int_distribution<int> minute(0, 59),
                who(0, static_cast<int>(people.size()) - 1);
            std::vector<Clock::time_point> times;
            const int n = per_day * (85 + static_cast<int>(rng() % 30)) / 100;
            for (int k = 0; k < n * 3 && static_cast<int>(times.size()) < n; ++k) {
                const auto at =
                    midnight + std::chrono::hours(hour(rng)) + std::chrono::minutes(minute(rng));
                if (hours->open_at(at)) times.push_back(at);
            }
            std::sort(times.begin(), times.end());
            for (const auto& at : times) {
                visits.push_back(
                    {people[static_cast<size_t>(who(rng))], rng() % 5 ? "scan" : "card", at});
            }
        }
        total += checkin.import_visits(st, visits);
    }
    fmt::print("驿站到访：{} 天 {} 人次 / station visits: {} days, {} visits\n", days, total, days,
               total);
}

// What the stations offer for points ("兑换饮料、零食、5元早餐和9元正餐") and the volunteer
// events that earn them.
void load_points(CliServices& s, const auth::Actor& by, const auth::Principal& op,
                 const std::vector<stations::Station>& fresh) {
    auto& points = s.services.get<stations::PointsService>();
    const TimeSource& clock = s.stations.clock();
    struct Offer {
        const char* name;
        int64_t points, stock;
    };
    const Offer offers[] = {
        {"5元早餐", 50, 30}, {"9元正餐", 90, 20}, {"饮料", 20, 48}, {"零食", 10, 60}};
    for (size_t i = 0; i < fresh.size() && i < 3; ++i) {
        for (const auto& o : offers)
            points.add_item(by, op, fresh[i].id, {o.name, o.points, o.stock});
        points.add_event(by, op, fresh[i].id,
                         {"志愿服务：驿站周边清扫与秩序引导", day_after(clock, 0), 30});
        points.add_event(by, op, fresh[i].id, {"交通安全宣讲志愿者", day_after(clock, 2), 50});
    }
}

std::string day_after(const TimeSource& clock, int days) {
    return beijing_date(clock.now() + std::chrono::hours(24 * days));
}

}  // namespace

void load_stations(CliServices& s, const auth::Actor& by, const auth::Principal& op) {
    auto& svc = s.stations;
    auto& roster = s.services.get<stations::RosterService>();
    int64_t added = 0;
    std::vector<stations::Station> fresh;
    for (const auto& d : stations()) {
        {
            auto c = s.pool.acquire();
            if (svc.find_by_code(*c, d.code)) continue;
        }
        std::optional<orgs::Org> org;
        {
            auto c = s.pool.acquire();
            org = s.orgs.resolve_or_create_federation(*c, d.division);
        }
        stations::NewStation n;
        n.org_id = org->id;
        n.code = d.code;
        n.name = d.name;
        n.address = d.address;
        n.lat = d.lat;
        n.lng = d.lng;
        n.amenities = d.amenities;
        n.hours = d.hours;
        n.capacity = d.capacity;
        n.checklist = d.checklist;
        n.stars = d.stars;
        n.stars_year = 2025;
        fresh.push_back(svc.create(by, op, n));
        ++added;
    }
    if (fresh.empty()) {
        fmt::print("驿站已载入，跳过 / stations present, skipped\n");
        return;
    }
    // The roster of the first three (乾县's 2024 stations) around today, the past days logged.
    const TimeSource& clock = svc.clock();
    for (size_t i = 0; i < fresh.size() && i < 3; ++i) {
        for (const auto& duty : duties()) {
            stations::NewRosterEntry e;
            e.day = day_after(clock, duty.day + static_cast<int>(i));
            e.cadre_name = duty.cadre;
            e.theme = duty.theme;
            auto entry = roster.add(by, op, fresh[i].id, e);
            if (duty.day + static_cast<int>(i) < 0 && duty.served > 0) {
                roster.log(by, op, entry.id, std::string(duty.log), duty.served, std::nullopt);
            }
        }
    }
    // Wishes told to the stationmaster, in each state.
    const stations::Station& first = fresh.front();
    auto w1 = roster.record_wish(by, op, first.id, "外卖骑手小马", "希望驿站晚上也能热饭");
    roster.claim(by, op, w1.id, "城关街道总工会");
    auto w2 = roster.record_wish(by, op, first.id, "快递员老韩", "孩子寒假想参加工会的托管班");
    roster.claim(by, op, w2.id, "县总工会女职工部");
    roster.fulfil(by, op, w2.id, "已报名县总工会爱心托管班，1 月 15 日开班");
    roster.record_wish(by, op, first.id, "环卫工刘阿姨", "想要一副加厚的冬季手套");
    if (fresh.size() > 5) {
        roster.record_wish(by, op, fresh[5].id, "网约车司机小李", "希望驿站门口能划两个临时停车位");
    }
    // A verification round over 乾县, two of its stations confirmed.
    std::optional<orgs::Org> qx;
    {
        auto c = s.pool.acquire();
        qx = s.orgs.find_by_division(*c, "610424");
    }
    {
        if (qx) {
            svc.start_round(by, op, qx->id, "2026 年度驿站信息核验（地图平台收录）",
                            day_after(clock, 10));
            svc.confirm(by, op, fresh[0].id, {});
            svc.confirm(by, op, fresh[1].id, {});
        }
    }
    load_points(s, by, op, fresh);
    load_visits(s, fresh, 21);
    fmt::print(
        "驿站：新增 {} 个，排班与微心愿已生成 / stations: {} added, roster and wishes made\n",
        added, added);
}

}  // namespace gh::demo
