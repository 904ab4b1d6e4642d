// The stations domain's registration: 工会驿站, their doors, rosters and the points ledger.
#include "core/app/domain.h"
#include "core/app/worker_data.h"
#include "core/http/router.h"
#include "domains/joining/joining.h"
#include "domains/members/members.h"
#include "domains/notices/notices.h"
#include "domains/orgs/orgs.h"
#include "domains/stations/checkin.h"
#include "domains/stations/internal.h"
#include "domains/stations/points.h"
#include "domains/stations/roster.h"
#include "domains/stations/roster_routes.h"
#include "domains/stations/routes.h"
#include "domains/stations/stations.h"

namespace gh::stations {

namespace {

class StationsDomain final : public app::Domain {
public:
    std::string_view name() const override { return "stations"; }
    const app::Catalogue& catalogue() const override {
        static const app::Catalogue c = [] {
            app::Catalogue c{{{"station.read", "查看驿站"},
                              {"station.write", "维护驿站"},
                              {"station.keep", "驿站值守（签到、核销、确认信息）"},
                              {"station.door", "驿站门禁（智能门锁接口）"}},
                             {{"admin", "station.read"},
                              {"admin", "station.write"},
                              {"federation_cadre", "station.read"},
                              {"federation_cadre", "station.write"},
                              {"federation_cadre", "station.keep"},
                              {"union_cadre", "station.read"},
                              {"union_cadre", "station.write"},
                              {"union_cadre", "station.keep"},
                              {"station_keeper", "station.read"},
                              {"station_keeper", "station.keep"},
                              {"station_keeper", "station.door"},
                              {"auditor", "station.read"}},
                             {}};
            for (auto e : detail::station_errors()) c.errors.push_back(e);
            for (auto e : detail::roster_errors()) c.errors.push_back(e);
            for (auto e : detail::points_errors()) c.errors.push_back(e);
            for (auto e : detail::checkin_errors()) c.errors.push_back(e);
            return c;
        }();
        return c;
    }
    void start(const app::Platform& p, app::Services& s) override {
        auto& stations =
            s.make<StationService>(p.pool, s.get<orgs::OrgService>(), p.audit, p.vault, p.clock);
        s.make<RosterService>(p.pool, stations, s.get<notices::NoticeService>(), p.audit, p.clock);
        s.make<PointsService>(p.pool, p.audit, p.vault, p.clock, stations,
                              s.get<notices::NoticeService>(), s.get<joining::JoinService>(),
                              s.get<members::MemberService>());
        s.make<CheckinService>(
            p.pool, stations, s.get<orgs::OrgService>(), s.get<joining::JoinService>(),
            s.get<members::MemberService>(), s.get<notices::NoticeService>(), p.audit, p.vault,
            p.clock,
            CheckinSettings{std::chrono::minutes(p.config.station_repeat_window_minutes),
                            p.config.public_url});
    }
    void connect(const app::Platform&, app::Services& s) override {
        auto& svc = s.get<StationService>();
        // A worker's copy of their data (PIPL): visits, points and redemptions, wishes.
        auto& checkin = s.get<CheckinService>();
        auto& points = s.get<PointsService>();
        auto& roster = s.get<RosterService>();
        s.get<app::WorkerData>().add("stations", [&checkin, &points,
                                                  &roster](const auth::Principal& p) {
            nlohmann::json visits = nlohmann::json::array(), entries = nlohmann::json::array(),
                           redemptions = nlohmann::json::array(), wishes = nlohmann::json::array();
            for (const auto& v : checkin.my_visits(p, 10000)) visits.push_back(visit_json(v));
            for (const auto& e : points.entries_of(p.account_id, 10000)) {
                entries.push_back(entry_json(e, false));
            }
            for (const auto& r : points.redemptions_of(p.account_id)) {
                redemptions.push_back(redemption_json(r, false));
            }
            for (const auto& w : roster.my_wishes(p)) wishes.push_back(wish_json(w, true));
            return nlohmann::json{
                {"visits", visits},
                {"points", {{"balance", points.balance(p.account_id)}, {"entries", entries}}},
                {"redemptions", redemptions},
                {"wishes", wishes}};
        });
        s.get<orgs::OrgService>().on_repath(
            [&svc](db::Connection& tx, const std::string& from, const std::string& to) {
                svc.repath(tx, from, to);
            });
        s.get<orgs::OrgService>().on_rehome([&svc](db::Connection& tx, const orgs::Org& from,
                                                   const orgs::Org* to, const auth::Actor&,
                                                   std::string_view) { svc.rehome(tx, from, to); });
    }
    std::vector<pii::RotationStep> rotation_steps() const override { return pii_rotation_steps(); }
    void routes(http::Router& r, app::Services& s, const app::RouteKit& kit) override {
        auto& stations = s.get<StationService>();
        register_station_routes(r, stations, kit.cursors, kit.import_limits);
        register_roster_routes(r, s.get<RosterService>(), stations.clock());
        register_points_routes(r, s.get<PointsService>());
        register_checkin_routes(r, stations, s.get<CheckinService>());
    }
    void serve(app::Services& s) override { s.get<CheckinService>().start(); }
    void stop(app::Services& s) override { s.get<CheckinService>().stop(); }
};

}  // namespace

std::unique_ptr<app::Domain> make_domain() { return std::make_unique<StationsDomain>(); }

}  // namespace gh::stations
