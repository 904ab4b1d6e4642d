// The identity domain's registration: staff accounts, roles, sessions and second factors, the
// workers' phone accounts, service accounts, the authorizer, and the audit log's reader.
#include "core/app/domain.h"
#include "core/app/worker_data.h"
#include "core/http/dispatcher.h"
#include "domains/identity/audit_reader.h"
#include "domains/identity/authorizer.h"
#include "domains/identity/data_requests.h"
#include "domains/identity/identity.h"
#include "domains/identity/routes.h"
#include "domains/identity/workers.h"

namespace gh::identity {

namespace {

using app::PermissionInfo;

class IdentityDomain final : public app::Domain {
public:
    std::string_view name() const override { return "identity"; }
    const app::Catalogue& catalogue() const override {
        static const app::Catalogue c{
            {{"account.read", "查看账号"},
             {"account.write", "管理账号"},
             {"role.grant", "授予角色"},
             {"audit.read", "查阅审计日志"},
             {"worker_request.handle", "答复职工更正、删除个人信息的申请"},
             {kSignedIn, "已登录（任何干部账号）", PermissionInfo::Held::implicitly},
             {kWorkerSelf, "职工本人（手机登录）", PermissionInfo::Held::implicitly}},
            {{"admin", "account.read"},
             {"admin", "account.write"},
             {"security_admin", "account.read"},
             {"security_admin", "role.grant"},
             {"security_admin", "worker_request.handle"},
             {"audit_admin", "audit.read"},
             {"federation_cadre", "account.read"},
             {"auditor", "account.read"}},
            {
                "data_request.answered",
                "data_request.detail",
                "data_request.kind",
                "data_request.not_found",
                "data_request.reply",
                "data_request.status",
                "data_request.too_many",
                "account.not_found",
                "account.not_locked",
                "account.org",
                "account.q",
                "account.self",
                "account.separation_of_duties",
                "account.state",
                "account.username",
                "account.username_taken",
                "auth.csrf",
                "auth.disabled",
                "auth.forbidden",
                "auth.invalid_credentials",
                "auth.invalid_token",
                "auth.locked",
                "auth.mfa_required",
                "auth.old_password_wrong",
                "auth.otp_daily_limit",
                "auth.otp_invalid",
                "auth.otp_too_soon",
                "auth.password_change_required",
                "auth.rate_limited",
                "auth.session_expired",
                "auth.totp_enrolled",
                "auth.totp_invalid",
                "auth.totp_not_enrolled",
                "password.reused",
                "request.time",
                "role.self_grant",
                "role.separation_of_duties",
                "role.unknown",
                "service_account.name",
                "service_account.name_taken",
                "service_account.not_found",
                "service_account.org",
                "service_account.permission",
                "service_account.permissions",
                "session.not_found",
            }};
        return c;
    }
    void start(const app::Platform& p, app::Services& s) override {
        auto clock = [&t = p.clock] { return t.now(); };
        Settings settings;
        settings.login_attempts_per_minute_per_ip = p.config.logins_per_minute_per_ip;
        auto& ids = s.make<IdentityService>(p.pool, s.get<orgs::OrgService>(), p.audit, p.vault,
                                            s.get<app::Catalogues>(),
                                            s.get<notices::NoticeService>(), settings, clock);
        auto& workers = s.make<WorkerService>(p.pool, p.audit, p.vault, s.get<notices::SmsOutbox>(),
                                              settings, OtpSettings{}, clock);
        workers.use_data_sections(&s.get<app::WorkerData>());
        s.make<AuditReader>(p.pool, p.audit);
        auto& requests =
            s.make<DataRequests>(p.pool, p.audit, s.get<notices::NoticeService>(), p.clock);
        s.get<app::WorkerData>().add("data_requests", [&requests](const auth::Principal& w) {
            nlohmann::json items = nlohmann::json::array();
            for (const auto& d : requests.mine(w)) {
                items.push_back({{"id", d.id},
                                 {"kind", d.kind},
                                 {"detail", d.detail},
                                 {"status", d.status},
                                 {"reply", d.reply},
                                 {"created_at", to_wire(d.created_at)}});
            }
            return items;
        });
        s.make<http::Authorizer>(make_authorizer(ids, workers));
    }
    void connect(const app::Platform&, app::Services& s) override {
        auto& ids = s.get<IdentityService>();
        s.get<orgs::OrgService>().on_repath(
            [&ids](db::Connection& tx, const std::string& from, const std::string& to) {
                ids.repath(tx, from, to);
            });
    }
    std::vector<pii::RotationStep> rotation_steps() const override { return pii_rotation_steps(); }
    void routes(http::Router& r, app::Services& s, const app::RouteKit& kit) override {
        register_routes(r, s.get<IdentityService>(), kit.cursors);
        register_worker_routes(r, s.get<WorkerService>());
        register_audit_routes(r, s.get<AuditReader>(), kit.cursors);
        register_data_request_routes(r, s.get<DataRequests>(), kit.cursors);
    }
};

}  // namespace

std::unique_ptr<app::Domain> make_domain() { return std::make_unique<IdentityDomain>(); }

}  // namespace gh::identity
