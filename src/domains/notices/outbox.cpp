// The SMS outbox: queued in the caller's transaction, sent by one dispatcher thread per node
// after the commit, retried with doubling back-off until sent, rejected, expired or out of
// attempts. A row is claimed by moving its next_attempt_at forward with a guarded UPDATE, so two
// nodes on one database never send the same message twice at once.
#include <spdlog/spdlog.h>

#include <algorithm>

#include "core/error.h"
#include "core/pii/mask.h"
#include "domains/notices/notices.h"

namespace gh::notices {

namespace {

constexpr std::string_view kPhoneContext = "sms_outbox.phone";
constexpr std::string_view kParamsContext = "sms_outbox.params";

std::string cut(std::string s) {
    if (s.size() > 300) s.resize(300);
    return s;
}

}  // namespace

SmsOutbox::SmsOutbox(db::Pool& pool, const pii::Vault& vault, const TimeSource& clock,
                     SmsSender* sender, OutboxSettings settings)
    : pool_(pool), vault_(vault), clock_(clock), sender_(sender), settings_(std::move(settings)) {}

SmsOutbox::~SmsOutbox() { stop(); }

int64_t SmsOutbox::queue(db::Connection& tx, std::string_view phone,
                         const std::string& template_name, std::string_view purpose,
                         const nlohmann::json& params, std::optional<Clock::time_point> expires) {
    const std::string now = clock_.now_iso();
    return tx
        .query(
            "INSERT INTO sms_outbox (phone_enc, template, purpose, params_enc, next_attempt_at, "
            "expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
            {db::Blob{vault_.encrypt(phone, kPhoneContext)}, template_name, std::string(purpose),
             db::Blob{vault_.encrypt(params.dump(), kParamsContext)}, now,
             expires ? db::Value(to_iso(*expires)) : db::Value(nullptr), now})
        .front()
        .get<int64_t>(0);
}

int64_t SmsOutbox::queue_code(db::Connection& tx, std::string_view phone, std::string_view code,
                              Clock::time_point expires) {
    if (!sender_) {
        throw ApiError(503, "sms.not_configured", "短信服务未配置，请使用密码登录或联系工会");
    }
    return queue(tx, phone, settings_.otp_template, "otp", {{"code", std::string(code)}}, expires);
}

std::optional<int64_t> SmsOutbox::queue_status(db::Connection& tx, std::string_view phone,
                                               std::string_view event, std::string_view text) {
    if (!sender_) return std::nullopt;
    return queue(tx, phone, settings_.status_template, event, {{"text", std::string(text)}},
                 std::nullopt);
}

void SmsOutbox::kick() {
    {
        std::lock_guard lock(mu_);
        kicked_ = true;
    }
    wake_.notify_one();
}

Clock::duration SmsOutbox::backoff(int attempts) const {
    auto d = settings_.first_retry;
    for (int i = 1; i < attempts && d < settings_.max_retry; ++i) d *= 2;
    return std::min(d, settings_.max_retry);
}

bool SmsOutbox::dispatch_one() {
    auto c = pool_.acquire();
    const auto now = clock_.now();
    auto due = c->query(
        "SELECT id, next_attempt_at, attempts, expires_at, phone_enc, template, params_enc "
        "FROM sms_outbox WHERE status = 'pending' AND next_attempt_at <= ? "
        "ORDER BY next_attempt_at, id LIMIT 1",
        {to_iso(now)});
    if (due.empty()) return false;
    const auto& row = due.front();
    const int64_t id = row.get<int64_t>(0);
    const int attempts = static_cast<int>(row.get<int64_t>(2)) + 1;
    // The claim: only one node moves the row forward from the time it read.
    if (c->execute("UPDATE sms_outbox SET next_attempt_at = ? WHERE id = ? AND status = "
                   "'pending' AND next_attempt_at = ?",
                   {to_iso(now + settings_.lease), id, row.get<std::string>(1)}) != 1) {
        return true;  // another node took it: look again
    }
    auto finish = [&](const char* status, const std::string& detail) {
        c->execute(
            "UPDATE sms_outbox SET status = ?, attempts = ?, last_error = ?, params_enc = NULL, "
            "sent_at = ? WHERE id = ?",
            {std::string(status), int64_t{attempts}, cut(detail),
             std::string(status) == "sent" ? db::Value(clock_.now_iso()) : db::Value(nullptr), id});
    };
    if (auto exp = row.get_opt<std::string>(3); exp && from_iso(*exp) <= now) {
        finish("failed", "expired");
        spdlog::warn("短信过期未发送 / SMS {} expired before it could be sent", id);
        return true;
    }
    SmsMessage m;
    m.id = id;
    m.template_name = row.get<std::string>(5);
    SmsOutcome out;
    try {
        m.phone = vault_.decrypt(row.get<db::Blob>(4).bytes, kPhoneContext);
        if (auto p = row.get_opt<db::Blob>(6)) {
            m.params = nlohmann::json::parse(vault_.decrypt(p->bytes, kParamsContext));
        }
        out = sender_->send(m);
    } catch (const std::exception& e) {
        out = {SmsResult::retry, std::string("sender error: ") + e.what()};
    }
    const std::string masked = pii::mask_phone(m.phone);
    if (out.result == SmsResult::sent) {
        finish("sent", out.detail);
        spdlog::info("短信已发送 / SMS {} sent to {} ({}, attempt {})", id, masked, m.template_name,
                     attempts);
    } else if (out.result == SmsResult::rejected || attempts >= settings_.max_attempts) {
        finish("failed", out.detail);
        spdlog::warn("短信发送失败 / SMS {} to {} given up after {} attempt(s): {}", id, masked,
                     attempts, out.detail);
    } else {
        c->execute(
            "UPDATE sms_outbox SET attempts = ?, last_error = ?, next_attempt_at = ? WHERE id = ?",
            {int64_t{attempts}, cut(out.detail), to_iso(clock_.now() + backoff(attempts)), id});
        spdlog::warn("短信发送失败，稍后重试 / SMS {} to {} failed (attempt {}): {}", id, masked,
                     attempts, out.detail);
    }
    return true;
}

int SmsOutbox::dispatch_due() {
    if (!sender_) return 0;
    int n = 0;
    while (dispatch_one()) ++n;
    return n;
}

void SmsOutbox::start() {
    if (!sender_ || thread_.joinable()) return;
    thread_ = std::thread([this] {
        std::unique_lock lock(mu_);
        while (!stopping_) {
            kicked_ = false;
            lock.unlock();
            try {
                dispatch_due();
            } catch (const std::exception& e) {  // database down: try again at the next poll
                spdlog::error("短信发送线程出错 / SMS dispatcher: {}", e.what());
            }
            lock.lock();
            wake_.wait_for(lock, settings_.poll, [this] { return stopping_ || kicked_; });
        }
    });
}

void SmsOutbox::stop() {
    {
        std::lock_guard lock(mu_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

}  // namespace gh::notices
