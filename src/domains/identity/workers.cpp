// Worker sign-in with one-time codes, worker sessions.
#include "domains/identity/workers.h"

#include <fmt/format.h>
#include <sodium.h>
#include <spdlog/spdlog.h>

#include "core/auth/audit_record.h"
#include "core/auth/token.h"
#include "core/cn/phone.h"
#include "core/error.h"
#include "core/pii/mask.h"
#include "domains/identity/worker_internal.h"

namespace gh::identity {

namespace worker_detail {

std::string normalize_phone(std::string_view raw) {
    auto parsed = cn::parse_phone(raw, "phone");
    if (!parsed) throw ApiError::from(parsed.problem(), 422);
    return parsed.value();
}

Actor as_worker(const Actor& from, int64_t id, std::string_view phone) {
    Actor a = from;
    a.type = "worker";
    a.id = id;
    a.name = pii::mask_phone(phone);
    a.org_id.reset();
    return a;
}

}  // namespace worker_detail

using namespace worker_detail;

WorkerService::WorkerService(db::Pool& pool, audit::AuditLog& audit, const pii::Vault& vault,
                             notices::SmsOutbox& sms, Settings settings, OtpSettings otp,
                             std::function<Clock::time_point()> clock)
    : pool_(pool),
      audit_(audit),
      vault_(vault),
      sms_(sms),
      settings_(settings),
      otp_(otp),
      clock_(std::move(clock)) {}

void WorkerService::audit(db::Connection& c, const Actor& a, std::string action, std::string entity,
                          std::string entity_id, nlohmann::json detail) {
    auth::record(audit_, c, a, std::move(action), std::move(entity), std::move(entity_id),
                 std::move(detail));
}

bool WorkerService::allow_attempt(const std::string& ip) { return limiter_.allow(ip, clock_()); }

void WorkerService::request_otp(const Actor& from, std::string_view raw_phone) {
    const std::string phone = normalize_phone(raw_phone);
    if (!sms_.configured()) {
        throw ApiError(503, "sms.not_configured", "短信服务未配置，请使用密码登录或联系工会");
    }
    const db::Blob blind{vault_.blind_index("phone", phone)};
    const auto now = clock_();
    Actor actor = from;
    actor.name = pii::mask_phone(phone);
    const std::string code = fmt::format("{:06d}", randombytes_uniform(1000000));
    {
        std::lock_guard lock(otp_mu_);
        auto c = pool_.acquire();
        db::in_transaction(*c, [&](db::Connection& tx) {
            auto recent = [&](auto window) {
                return tx
                    .query(
                        "SELECT COUNT(*) FROM worker_otps WHERE phone_blind = ? AND "
                        "created_at > ?",
                        {blind, to_iso(now - window)})
                    .front()
                    .template get<int64_t>(0);
            };
            if (recent(otp_.min_interval) > 0) {
                throw ApiError::too_many("auth.otp_too_soon", "验证码发送过于频繁，请一分钟后再试",
                                         otp_.min_interval.count(), "phone");
            }
            if (recent(std::chrono::hours(24)) >= otp_.per_day) {
                // The window rolls: a code can be asked again 24 h after the oldest in it.
                auto oldest = tx.query(
                                    "SELECT MIN(created_at) FROM worker_otps WHERE "
                                    "phone_blind = ? AND created_at > ?",
                                    {blind, to_iso(now - std::chrono::hours(24))})
                                  .front()
                                  .get<std::string>(0);
                const auto until = from_iso(oldest) + std::chrono::hours(24);
                throw ApiError::too_many(
                    "auth.otp_daily_limit", "今日验证码次数已用完，请明天再试",
                    std::chrono::ceil<std::chrono::seconds>(until - now).count(), "phone");
            }
            int64_t id = tx.query(
                               "INSERT INTO worker_otps (phone_blind, code_hash, expires_at, "
                               "created_at, ip) VALUES (?, ?, ?, ?, ?) RETURNING id",
                               {blind, auth::token_hash(code), to_iso(now + otp_.valid_for),
                                to_iso(now), from.ip})
                             .front()
                             .get<int64_t>(0);
            sms_.queue_code(tx, phone, code, now + otp_.valid_for);
            audit(tx, actor, "worker.otp_request", "worker_otp", std::to_string(id));
        });
    }
    sms_.kick();
}

WorkerLogin WorkerService::login_otp(const Actor& from, std::string_view raw_phone,
                                     std::string_view code, std::string_view user_agent) {
    const std::string phone = normalize_phone(raw_phone);
    auto c = pool_.acquire();
    // Two first sign-ins of one number can race to create its account: the unique blind index
    // lets one win; the loser's transaction rolls back whole and runs again, finding it.
    for (int round = 0;; ++round) {
        try {
            auto out = db::in_transaction(*c, [&](db::Connection& tx) {
                return consume_otp(tx, from, phone, code, user_agent);
            });
            if (!out) throw ApiError(401, "auth.otp_invalid", "验证码不正确或已失效", "code");
            return std::move(*out);
        } catch (const db::DbError& e) {
            if (e.kind() != db::DbError::Kind::unique || round > 0) throw;
        }
    }
}

std::optional<WorkerLogin> WorkerService::consume_otp(db::Connection& tx, const Actor& from,
                                                      const std::string& phone,
                                                      std::string_view code,
                                                      std::string_view user_agent) {
    const db::Blob blind{vault_.blind_index("phone", phone)};
    const std::string now = to_iso(clock_());
    Actor actor = from;
    actor.name = pii::mask_phone(phone);
    auto rs = tx.query(
        "SELECT id, code_hash FROM worker_otps WHERE phone_blind = ? AND used_at IS NULL "
        "AND expires_at > ? ORDER BY created_at DESC, id DESC LIMIT 1",
        {blind, now});
    // Every attempt counts, the right one too; the guarded update keeps racing attempts within
    // the limit, and a burned code stays burned.
    if (rs.empty() || tx.execute("UPDATE worker_otps SET attempts = attempts + 1 WHERE id = ? "
                                 "AND attempts < ? AND used_at IS NULL",
                                 {rs.front().get<int64_t>(0), int64_t{otp_.max_attempts}}) != 1) {
        audit(tx, actor, "worker.login_failed", "worker_account", "",
              {{"reason", "no_code"}, {"outcome", "failed"}});
        return std::nullopt;
    }
    const int64_t otp_id = rs.front().get<int64_t>(0);
    if (!auth::constant_time_equal(rs.front().get<std::string>(1), auth::token_hash(code))) {
        audit(tx, actor, "worker.login_failed", "worker_otp", std::to_string(otp_id),
              {{"reason", "wrong_code"}, {"outcome", "failed"}});
        return std::nullopt;
    }
    // Each code works once, even for requests racing with it.
    if (tx.execute("UPDATE worker_otps SET used_at = ? WHERE id = ? AND used_at IS NULL",
                   {now, otp_id}) != 1) {
        return std::nullopt;
    }
    auto acc = tx.query("SELECT id, status FROM worker_accounts WHERE phone_blind = ?", {blind});
    int64_t id = 0;
    if (acc.empty()) {
        id = tx.query(
                   "INSERT INTO worker_accounts (phone_enc, phone_blind, created_at, updated_at) "
                   "VALUES (?, ?, ?, ?) RETURNING id",
                   {db::Blob{vault_.encrypt(phone, kPhoneContext)}, blind, now, now})
                 .front()
                 .get<int64_t>(0);
        audit(tx, as_worker(from, id, phone), "worker.register", "worker_account",
              std::to_string(id));
    } else {
        id = acc.front().get<int64_t>(0);
        if (acc.front().get<std::string>(1) != "active") {
            throw ApiError(401, "auth.disabled", "账号已停用");
        }
    }
    return open_session(tx, as_worker(from, id, phone), id, user_agent);
}

WorkerLogin WorkerService::open_session(db::Connection& tx, const Actor& actor, int64_t worker_id,
                                        std::string_view user_agent) {
    const auto now = clock_();
    WorkerLogin out;
    out.token = auth::random_token();
    out.csrf_token = auth::random_token();
    int64_t sid = tx.query(
                        "INSERT INTO worker_sessions (token_hash, worker_id, csrf_token, "
                        "created_at, last_seen_at, expires_at, ip, user_agent) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                        {auth::token_hash(out.token), worker_id, out.csrf_token, to_iso(now),
                         to_iso(now), to_iso(now + settings_.absolute_timeout), actor.ip,
                         std::string(user_agent.substr(0, 300))})
                      .front()
                      .get<int64_t>(0);
    audit(tx, actor, "worker.login", "worker_session", std::to_string(sid));
    out.worker = view_of(tx, worker_id);
    return out;
}

WorkerView WorkerService::view_of(db::Connection& c, int64_t worker_id) {
    auto r = c.query(
                  "SELECT id, phone_enc, password_hash IS NOT NULL, status, created_at "
                  "FROM worker_accounts WHERE id = ?",
                  {worker_id})
                 .front();
    std::string phone = vault_.decrypt(r.get<db::Blob>(1).bytes, kPhoneContext);
    return {r.get<int64_t>(0), pii::mask_phone(phone), r.get<bool>(2), r.get<std::string>(3),
            r.get<std::string>(4)};
}

std::optional<WorkerService::Resolved> WorkerService::resolve_session(std::string_view token) {
    if (token.empty() || token.size() > 100) return std::nullopt;
    auto c = pool_.acquire();
    auto rs = c->query(
        "SELECT s.id, s.worker_id, s.csrf_token, s.last_seen_at, s.expires_at, s.revoked_at, "
        "a.status FROM worker_sessions s JOIN worker_accounts a ON a.id = s.worker_id "
        "WHERE s.token_hash = ?",
        {auth::token_hash(token)});
    if (rs.empty()) return std::nullopt;
    auto s = rs.front();
    const auto now = clock_();
    if (!s.is_null(5)) return std::nullopt;                         // revoked
    if (to_iso(now) >= s.get<std::string>(4)) return std::nullopt;  // absolute life over
    auto last_seen = from_iso(s.get<std::string>(3));
    if (now - last_seen > settings_.idle_timeout) return std::nullopt;  // idle too long
    if (s.get<std::string>(6) != "active") return std::nullopt;
    const int64_t sid = s.get<int64_t>(0);
    if (now - last_seen > std::chrono::minutes(1)) {
        c->execute("UPDATE worker_sessions SET last_seen_at = ? WHERE id = ?", {to_iso(now), sid});
    }
    WorkerView v = view_of(*c, s.get<int64_t>(1));
    Principal p;
    p.kind = "worker";
    p.account_id = v.id;
    p.username = v.phone_masked;
    p.display_name = v.phone_masked;
    p.permissions = {std::string(auth::kWorkerSelf)};
    p.session_id = sid;
    return Resolved{std::move(p), s.get<std::string>(2)};
}

void WorkerService::logout(const Actor& by, int64_t session_id) {
    auto c = pool_.acquire();
    db::in_transaction(*c, [&](db::Connection& tx) {
        tx.execute("UPDATE worker_sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                   {to_iso(clock_()), session_id});
        audit(tx, by, "worker.logout", "worker_session", std::to_string(session_id));
    });
}

WorkerView WorkerService::me(const Principal& p) {
    auto c = pool_.acquire();
    return view_of(*c, p.account_id);
}

std::string WorkerService::csrf_token_of(const Principal& p) {
    if (p.session_id <= 0) return {};
    auto c = pool_.acquire();
    auto rows = c->query("SELECT csrf_token FROM worker_sessions WHERE id = ? AND worker_id = ?",
                         {p.session_id, p.account_id});
    return rows.empty() ? std::string() : rows.front().get<std::string>(0);
}

}  // namespace gh::identity
