// A worker's password (sign-in, setting it) and the copy of their data (PIPL access and copy).
#include "core/auth/password.h"
#include "core/auth/password_policy.h"
#include "core/error.h"
#include "core/pii/mask.h"
#include "domains/identity/worker_internal.h"
#include "domains/identity/workers.h"

namespace gh::identity {

namespace {

// A stored time as the wire shows it (+08:00), null when absent.
nlohmann::json wire_opt(const std::optional<std::string>& t) {
    return t ? nlohmann::json(to_wire(*t)) : nlohmann::json(nullptr);
}

}  // namespace

using namespace worker_detail;

namespace {

// An unknown number or one without a password costs the same argon2id verify as a wrong
// password, so timing does not reveal which numbers have accounts.
const std::string& dummy_hash() {
    static const std::string h = auth::hash_password("gonghui-dummy-worker-password-for-timing");
    return h;
}

}  // namespace

WorkerLogin WorkerService::login_password(const Actor& from, std::string_view raw_phone,
                                          std::string_view password, std::string_view user_agent) {
    const std::string phone = normalize_phone(raw_phone);
    const db::Blob blind{vault_.blind_index("phone", phone)};
    auto c = pool_.acquire();
    auto rows =
        c->query("SELECT id, password_hash FROM worker_accounts WHERE phone_blind = ?", {blind});
    const bool found = !rows.empty() && !rows.front().is_null(1);
    const bool password_ok =
        auth::verify_password(found ? rows.front().get<std::string>(1) : dummy_hash(), password);
    const auto now = clock_();
    const std::string now_s = to_iso(now);
    Actor actor = from;
    actor.name = pii::mask_phone(phone);
    if (!found) {
        db::in_transaction(*c, [&](db::Connection& tx) {
            audit(tx, actor, "worker.login_failed", "worker_account", "",
                  {{"reason", rows.empty() ? "unknown_phone" : "no_password"},
                   {"outcome", "failed"},
                   {"error", "auth.invalid_credentials"}});
        });
        throw ApiError(401, "auth.invalid_credentials", "手机号或密码错误");
    }
    const int64_t id = rows.front().get<int64_t>(0);
    actor = as_worker(from, id, phone);

    // As for staff: the lock and the counter are decided in one transaction, and the failure is
    // committed before the error is answered.
    struct Outcome {
        enum { ok, wrong, locked, disabled } kind;
        std::string unlock_at;
        std::optional<WorkerLogin> login;
    };
    Outcome out = db::in_transaction(*c, [&](db::Connection& tx) -> Outcome {
        auto cur = tx.query(
                         "SELECT failed_logins, locked_until, status FROM worker_accounts "
                         "WHERE id = ?",
                         {id})
                       .front();
        auto locked_until = cur.get_opt<std::string>(1);
        if (locked_until && *locked_until > now_s) {
            audit(tx, actor, "worker.login_locked", "worker_account", std::to_string(id),
                  {{"outcome", "failed"}, {"error", "auth.locked"}});
            return {Outcome::locked, *locked_until, std::nullopt};
        }
        if (cur.get<std::string>(2) != "active") {
            audit(tx, actor, "worker.login_failed", "worker_account", std::to_string(id),
                  {{"reason", "disabled"}, {"outcome", "failed"}, {"error", "auth.disabled"}});
            return {Outcome::disabled, "", std::nullopt};
        }
        if (!password_ok) {
            int failed = cur.get<int>(0) + 1;
            if (failed >= settings_.max_failed_logins) {
                std::string until = to_iso(now + settings_.lockout);
                tx.execute(
                    "UPDATE worker_accounts SET failed_logins = 0, locked_until = ? WHERE id = ?",
                    {until, id});
                audit(tx, actor, "worker.locked", "worker_account", std::to_string(id),
                      {{"unlock_at", until}, {"outcome", "failed"}, {"error", "auth.locked"}});
                return {Outcome::locked, until, std::nullopt};
            }
            tx.execute("UPDATE worker_accounts SET failed_logins = ? WHERE id = ?",
                       {int64_t{failed}, id});
            audit(tx, actor, "worker.login_failed", "worker_account", std::to_string(id),
                  {{"reason", "wrong_password"},
                   {"failed_logins", failed},
                   {"outcome", "failed"},
                   {"error", "auth.invalid_credentials"}});
            return {Outcome::wrong, "", std::nullopt};
        }
        tx.execute("UPDATE worker_accounts SET failed_logins = 0, locked_until = NULL WHERE id = ?",
                   {id});
        return {Outcome::ok, "", open_session(tx, actor, id, user_agent)};
    });
    if (out.kind == Outcome::locked) {
        throw ApiError(423, "auth.locked", "登录失败次数过多，账号已锁定，请稍后再试", "",
                       {{"unlock_at", to_wire(out.unlock_at)}});
    }
    if (out.kind == Outcome::disabled) throw ApiError(401, "auth.disabled", "账号已停用");
    if (out.kind == Outcome::wrong)
        throw ApiError(401, "auth.invalid_credentials", "手机号或密码错误");
    return std::move(*out.login);
}

void WorkerService::set_password(const Actor& by, const Principal& p,
                                 std::string_view new_password) {
    auto c = pool_.acquire();
    auto row =
        c->query("SELECT phone_enc FROM worker_accounts WHERE id = ?", {p.account_id}).front();
    const std::string phone = vault_.decrypt(row.get<db::Blob>(0).bytes, kPhoneContext);
    if (auto prob = auth::check_password_policy(new_password, phone)) {
        throw ApiError::from(*prob, 422);
    }
    std::string hash = auth::hash_password(new_password);
    db::in_transaction(*c, [&](db::Connection& tx) {
        std::string now = to_iso(clock_());
        tx.execute(
            "UPDATE worker_accounts SET password_hash = ?, failed_logins = 0, "
            "locked_until = NULL, updated_at = ? WHERE id = ?",
            {hash, now, p.account_id});
        // Other sessions may belong to whoever had the phone before.
        tx.execute(
            "UPDATE worker_sessions SET revoked_at = ? WHERE worker_id = ? AND id <> ? "
            "AND revoked_at IS NULL",
            {now, p.account_id, p.session_id});
        audit(tx, by, "worker.password_set", "worker_account", std::to_string(p.account_id));
    });
}

nlohmann::json WorkerService::export_my_data(const Actor& by, const Principal& p) {
    using nlohmann::json;
    auto c = pool_.acquire();
    auto a = c->query(
                  "SELECT id, phone_enc, phone_blind, password_hash IS NOT NULL, status, "
                  "failed_logins, locked_until, created_at, updated_at FROM worker_accounts "
                  "WHERE id = ?",
                  {p.account_id})
                 .front();
    const auto blind = a.get<db::Blob>(2);
    auto opt = [](std::optional<std::string> s) { return s ? json(*s) : json(nullptr); };
    json account = {{"id", a.get<int64_t>(0)},
                    {"phone", vault_.decrypt(a.get<db::Blob>(1).bytes, kPhoneContext)},
                    {"has_password", a.get<bool>(3)},
                    {"status", a.get<std::string>(4)},
                    {"failed_logins", a.get<int64_t>(5)},
                    {"locked_until", opt(a.get_opt<std::string>(6))},
                    {"created_at", to_wire(a.get<std::string>(7))},
                    {"updated_at", to_wire(a.get<std::string>(8))}};
    json sessions = json::array();
    for (auto s :
         c->query("SELECT id, created_at, last_seen_at, expires_at, ip, user_agent, revoked_at "
                  "FROM worker_sessions WHERE worker_id = ? ORDER BY id",
                  {p.account_id})) {
        sessions.push_back({{"id", s.get<int64_t>(0)},
                            {"created_at", to_wire(s.get<std::string>(1))},
                            {"last_seen_at", to_wire(s.get<std::string>(2))},
                            {"expires_at", to_wire(s.get<std::string>(3))},
                            {"ip", s.get<std::string>(4)},
                            {"user_agent", s.get<std::string>(5)},
                            {"current", s.get<int64_t>(0) == p.session_id},
                            {"revoked_at", wire_opt(s.get_opt<std::string>(6))}});
    }
    json codes = json::array();  // when codes were sent and used; never the codes
    for (auto o :
         c->query("SELECT id, created_at, expires_at, used_at, attempts, ip FROM worker_otps "
                  "WHERE phone_blind = ? ORDER BY id",
                  {blind})) {
        codes.push_back({{"id", o.get<int64_t>(0)},
                         {"created_at", to_wire(o.get<std::string>(1))},
                         {"expires_at", to_wire(o.get<std::string>(2))},
                         {"used_at", wire_opt(o.get_opt<std::string>(3))},
                         {"attempts", o.get<int64_t>(4)},
                         {"ip", o.get<std::string>(5)}});
    }
    // The audit log is searched by actor id; staff ids share the numbers, so keep worker rows.
    json events = json::array();
    audit::Filter f;
    f.actor_id = p.account_id;
    f.limit = audit::AuditLog::max_limit;
    for (;;) {
        auto rows = audit_.search(*c, f);
        for (const auto& r : rows) {
            if (r.entry.actor_type != audit::ActorType::worker) continue;
            events.push_back({{"id", r.id},
                              {"at", to_wire(r.at)},
                              {"action", r.entry.action},
                              {"entity", r.entry.entity},
                              {"entity_id", r.entry.entity_id},
                              {"ip", r.entry.ip},
                              {"detail", r.entry.detail}});
        }
        if (rows.size() < static_cast<size_t>(f.limit)) break;
        f.after_id = rows.back().id;
    }
    // Showing a person their own number is still a reveal of it: recorded like any other.
    db::in_transaction(*c, [&](db::Connection& tx) {
        audit(tx, by, "worker.data_export", "worker_account", std::to_string(p.account_id));
    });
    json out = {{"account", account},
                {"sessions", sessions},
                {"otp_requests", codes},
                {"audit", events},
                {"exported_at", to_wire(to_iso(clock_()))}};
    if (data_) out.update(data_->collect(p));
    return out;
}

}  // namespace gh::identity
