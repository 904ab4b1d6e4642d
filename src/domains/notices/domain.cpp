// The notices domain's registration: the inboxes and the SMS outbox with its sender.
#include <spdlog/spdlog.h>

#include "core/app/domain.h"
#include "core/app/worker_data.h"
#include "domains/notices/notices.h"
#include "domains/notices/routes.h"

namespace gh::notices {

namespace {

class NoticesDomain final : public app::Domain {
public:
    std::string_view name() const override { return "notices"; }
    const app::Catalogue& catalogue() const override {
        static const app::Catalogue c{{{"notice.read", "查看本人通知"}},
                                      {{"admin", "notice.read"},
                                       {"security_admin", "notice.read"},
                                       {"audit_admin", "notice.read"},
                                       {"federation_cadre", "notice.read"},
                                       {"union_cadre", "notice.read"},
                                       {"station_keeper", "notice.read"},
                                       {"hotline_agent", "notice.read"},
                                       {"mediator", "notice.read"},
                                       {"aid_reviewer", "notice.read"},
                                       {"auditor", "notice.read"}},
                                      {
                                          "notice.no_inbox",
                                          "notice.not_found",
                                          "sms.not_configured",
                                      }};
        return c;
    }
    void start(const app::Platform& p, app::Services& s) override {
        const Config& cfg = p.config;
        if (!cfg.sms_url.empty()) {
            if (cfg.sms_secret.empty()) {
                throw ConfigError(
                    "短信服务需要签名密钥 / the SMS provider needs its secret: GONGHUI_SMS_SECRET "
                    "or [sms] secret_file");
            }
            sender_ = std::make_unique<HttpSmsSender>(HttpSmsSettings{cfg.sms_url, cfg.sms_secret});
        } else if (p.development) {
            sender_ = std::make_unique<LogSmsSender>();
        }
        OutboxSettings o;
        o.otp_template = cfg.sms_otp_template;
        o.status_template = cfg.sms_status_template;
        s.make<NoticeService>(p.pool, p.audit, p.clock);
        s.make<SmsOutbox>(p.pool, p.vault, p.clock, sender_.get(), o);
    }
    void connect(const app::Platform&, app::Services& s) override {
        auto& svc = s.get<NoticeService>();
        s.get<app::WorkerData>().add("notices", [&svc](const auth::Principal& p) {
            nlohmann::json items = nlohmann::json::array();
            std::optional<int64_t> before;
            for (;;) {
                auto page = svc.inbox(Recipient::worker(p.account_id), before, 100);
                for (const auto& n : page.items) items.push_back(notice_json(n));
                if (!page.more) return items;
                before = page.items.back().id;
            }
        });
    }
    // Pending messages hold the number and the parameters; sent ones the number only.
    std::vector<pii::RotationStep> rotation_steps() const override {
        return {{"sms_outbox.phone", "sms_outbox", "id", "phone_enc", "sms_outbox.phone", false},
                {"sms_outbox.params", "sms_outbox", "id", "params_enc", "sms_outbox.params", true}};
    }
    void routes(http::Router& r, app::Services& s, const app::RouteKit& kit) override {
        register_routes(r, s.get<NoticeService>(), kit.cursors);
    }
    void serve(app::Services& s) override {
        auto& outbox = s.get<SmsOutbox>();
        if (!outbox.configured()) {
            spdlog::warn(
                "未配置短信服务：验证码登录不可用（密码登录不受影响）/ no SMS provider: "
                "code sign-in answers 503 sms.not_configured, password sign-in works");
        } else {
            spdlog::info("短信发送方式 / SMS sender: {}", sender_->name());
        }
        outbox.start();
    }
    void stop(app::Services& s) override { s.get<SmsOutbox>().stop(); }

private:
    std::unique_ptr<SmsSender> sender_;  // outlives the outbox: the domain list outlives services
};

}  // namespace

std::unique_ptr<app::Domain> make_domain() { return std::make_unique<NoticesDomain>(); }

}  // namespace gh::notices
