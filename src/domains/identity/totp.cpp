// Two-factor sign-in with TOTP (RFC 6238): required for the three administrator roles, open to
// every cadre. The secret is stored encrypted by the PII vault; each code works once.
#include "core/auth/totp.h"
#include "core/auth/qr.h"
#include "core/error.h"
#include "domains/identity/identity.h"
#include "domains/identity/worker_internal.h"

namespace gh::identity {

namespace {
constexpr std::string_view kTotpContext = "staff_account.totp_secret";
constexpr std::string_view kIssuer = "工会服务平台";
}  // namespace

IdentityService::TotpEnrolment IdentityService::enroll_totp(const Actor& by, const Principal& p) {
    auto c = pool_.acquire();
    return db::in_transaction(*c, [&](db::Connection& tx) {
        auto row = tx.query("SELECT totp_enabled FROM staff_accounts WHERE id = ?", {p.account_id})
                       .front();
        if (row.get<bool>(0)) {
            throw ApiError(409, "auth.totp_enrolled", "已启用两步验证；如需更换请联系管理员重置");
        }
        std::string secret = auth::new_totp_secret();
        tx.execute("UPDATE staff_accounts SET totp_secret_enc = ?, totp_last_step = 0 WHERE id = ?",
                   {db::Blob{vault_.encrypt(secret, kTotpContext)}, p.account_id});
        audit(tx, by, "auth.totp_enroll_start", "staff_account", std::to_string(p.account_id));
        TotpEnrolment e;
        e.secret_base32 = auth::base32_encode(secret);
        e.otpauth_uri = auth::otpauth_uri(kIssuer, p.username, secret);
        e.qr_svg = auth::qr_svg(e.otpauth_uri);
        return e;
    });
}

void IdentityService::verify_totp(const Actor& by, const Principal& p, std::string_view code) {
    auto c = pool_.acquire();
    struct Outcome {
        bool ok;
        bool locked;
        std::string unlock_at;
    };
    Outcome out = db::in_transaction(*c, [&](db::Connection& tx) -> Outcome {
        auto row = tx.query(
                         "SELECT totp_secret_enc, totp_last_step, failed_logins "
                         "FROM staff_accounts WHERE id = ?",
                         {p.account_id})
                       .front();
        if (row.is_null(0)) throw ApiError(409, "auth.totp_not_enrolled", "请先绑定两步验证");
        std::string secret = vault_.decrypt(row.get<db::Blob>(0).bytes, kTotpContext);
        const int64_t now =
            std::chrono::duration_cast<std::chrono::seconds>(clock_().time_since_epoch()).count();
        auto step = auth::totp_verify(secret, code, now, row.get<int64_t>(1));
        if (!step) {
            // Wrong codes count like wrong passwords: six digits must not be guessable.
            int failed = row.get<int>(2) + 1;
            if (failed >= settings_.max_failed_logins) {
                std::string until = to_iso(clock_() + settings_.lockout);
                tx.execute(
                    "UPDATE staff_accounts SET failed_logins = 0, locked_until = ? "
                    "WHERE id = ?",
                    {until, p.account_id});
                tx.execute(
                    "UPDATE sessions SET revoked_at = ? WHERE account_id = ? AND "
                    "revoked_at IS NULL",
                    {to_iso(clock_()), p.account_id});
                audit(tx, by, "auth.locked", "staff_account", std::to_string(p.account_id),
                      nlohmann::json{{"unlock_at", until},
                                     {"reason", "totp"},
                                     {"outcome", "failed"},
                                     {"error", "auth.locked"}}
                          .dump());
                return {false, true, until};
            }
            tx.execute("UPDATE staff_accounts SET failed_logins = ? WHERE id = ?",
                       {int64_t{failed}, p.account_id});
            audit(tx, by, "auth.totp_failed", "staff_account", std::to_string(p.account_id),
                  R"({"outcome":"failed","error":"auth.totp_invalid"})");
            return {false, false, ""};
        }
        tx.execute(
            "UPDATE staff_accounts SET totp_enabled = 1, totp_last_step = ?, "
            "failed_logins = 0 WHERE id = ?",
            {*step, p.account_id});
        tx.execute("UPDATE sessions SET mfa_pending = 0 WHERE id = ?", {p.session_id});
        audit(tx, by, "auth.totp_verified", "session", std::to_string(p.session_id));
        return {true, false, ""};
    });
    if (out.locked) {
        throw ApiError(423, "auth.locked", "验证码错误次数过多，账号已锁定，请稍后再试", "",
                       {{"unlock_at", out.unlock_at}});
    }
    if (!out.ok) throw ApiError(422, "auth.totp_invalid", "验证码不正确或已使用", "code");
}

// Here because the TOTP context is private to this file; the workers' phone context is shared
// by their sources (worker_internal.h).
std::vector<pii::RotationStep> pii_rotation_steps() {
    return {{"staff_accounts.totp_secret", "staff_accounts", "id", "totp_secret_enc",
             std::string(kTotpContext), true},
            {"worker_accounts.phone", "worker_accounts", "id", "phone_enc",
             std::string(worker_detail::kPhoneContext), false}};
}

}  // namespace gh::identity
