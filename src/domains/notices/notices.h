// Notices (通知): what the platform tells a worker or a staff member, and the SMS that carry the
// urgent part of it. Every domain below the top reports its events here, inside its own
// transaction: a notice is written with the approval it reports, or not at all.
//   - the inbox: one row per notice and recipient (a worker's phone account or a staff account),
//     unread count, mark read, keyset pages; owns `notices`;
//   - the SMS outbox: a message is queued in the caller's transaction and a dispatcher thread
//     hands it to the configured sender after the commit, retrying with back-off; the number and
//     the parameters (a one-time code) are stored encrypted and the parameters erased once sent
//     or given up; owns `sms_outbox`.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/audit/audit.h"
#include "core/auth/principal.h"
#include "core/db/pool.h"
#include "core/pii/vault.h"
#include "core/time.h"

namespace gh::notices {

// Who a notice is for: a worker account or a staff account.
struct Recipient {
    enum class Kind { worker, staff };
    Kind kind = Kind::worker;
    int64_t id = 0;
    static Recipient worker(int64_t id) { return {Kind::worker, id}; }
    static Recipient staff(int64_t id) { return {Kind::staff, id}; }
    // The signed-in caller's own inbox; a service account has none (403 notice.no_inbox).
    static Recipient of(const auth::Principal& p);
};

struct NewNotice {
    Recipient to;
    std::string kind;   // what happened, "join.approved"
    std::string title;  // one line, shown in the list
    std::string body;   // a few lines, no ID number or phone in clear
    std::string link;   // where the phone page or console opens it ("" none)
};

struct Notice {
    int64_t id = 0;
    std::string kind, title, body, link, created_at;
    std::optional<std::string> read_at;
};

struct NoticePage {
    std::vector<Notice> items;
    bool more = false;
    int64_t unread = 0;
};

class NoticeService {
public:
    NoticeService(db::Pool& pool, audit::AuditLog& audit, const TimeSource& clock)
        : pool_(pool), audit_(audit), clock_(clock) {}

    // Inside the caller's transaction (the event it reports commits with it). Answers the id.
    int64_t post(db::Connection& tx, const NewNotice& n);

    // Newest first; `before_id` is the last id of the previous page (from a sealed cursor).
    NoticePage inbox(const Recipient& r, std::optional<int64_t> before_id, int limit);
    int64_t unread(const Recipient& r);
    // Only the recipient's own notice: another's answers 404 notice.not_found.
    void mark_read(const auth::Actor& by, const Recipient& r, int64_t id);
    int64_t read_all(const auth::Actor& by, const Recipient& r);

private:
    db::Pool& pool_;
    audit::AuditLog& audit_;
    const TimeSource& clock_;
};

// One SMS as the sender sees it: decrypted, just before sending.
struct SmsMessage {
    int64_t id = 0;  // the outbox row: the provider's idempotency key ("gh-<id>")
    std::string phone;
    std::string template_name;
    nlohmann::json params = nlohmann::json::object();
};

// sent: done. retry: the provider or the network failed, try again later. rejected: the
// provider refused the message itself (bad number, template): retrying cannot help.
enum class SmsResult { sent, retry, rejected };
struct SmsOutcome {
    SmsResult result = SmsResult::retry;
    std::string detail;  // for the outbox row and the log: status and reason, never the params
};

class SmsSender {
public:
    virtual ~SmsSender() = default;
    virtual SmsOutcome send(const SmsMessage& m) = 0;
    virtual std::string_view name() const = 0;
};

// Development mode only (`serve --dev`): writes the message, one-time code included, to the
// server log, the number masked. The server refuses to build it outside development mode.
class LogSmsSender final : public SmsSender {
public:
    SmsOutcome send(const SmsMessage& m) override;
    std::string_view name() const override { return "log"; }
};

// A provider reached over HTTP(S): POST <url> with the JSON
//   {"message_id":"gh-17","phone":"13800138000","template":"otp","params":{"code":"123456"}}
// and X-Gonghui-Signature: hex HMAC-SHA256(secret, body). 2xx sent; 408, 429, 5xx and network
// failures retry; any other status is a rejection.
struct HttpSmsSettings {
    std::string url;
    std::string secret;
    long timeout_ms = 5000;
};
class HttpSmsSender final : public SmsSender {
public:
    explicit HttpSmsSender(HttpSmsSettings s);
    SmsOutcome send(const SmsMessage& m) override;
    std::string_view name() const override { return "http"; }

private:
    HttpSmsSettings s_;
};

struct OutboxSettings {
    int max_attempts = 6;
    std::chrono::milliseconds first_retry{2000};  // doubled after each failure
    std::chrono::milliseconds max_retry{std::chrono::minutes(5)};
    std::chrono::milliseconds poll{1000};  // also picks up rows another node queued
    std::chrono::seconds lease{60};        // a claimed row is retried after this if the node died
    std::string otp_template = "otp";
    std::string status_template = "status";
};

class SmsOutbox {
public:
    // `sender` may be null: no SMS is configured (production without a provider).
    SmsOutbox(db::Pool& pool, const pii::Vault& vault, const TimeSource& clock, SmsSender* sender,
              OutboxSettings settings = {});
    ~SmsOutbox();  // stops the dispatcher
    SmsOutbox(const SmsOutbox&) = delete;
    SmsOutbox& operator=(const SmsOutbox&) = delete;

    bool configured() const { return sender_ != nullptr; }
    const OutboxSettings& settings() const { return settings_; }

    // A one-time code, in the caller's transaction; given up when not sent by `expires`.
    // Throws ApiError 503 sms.not_configured when there is no sender.
    int64_t queue_code(db::Connection& tx, std::string_view phone, std::string_view code,
                       Clock::time_point expires);
    // A status message ("您的入会申请已通过"); nothing is queued (nullopt) without a sender.
    std::optional<int64_t> queue_status(db::Connection& tx, std::string_view phone,
                                        std::string_view event, std::string_view text);
    // Wakes the dispatcher: call after the queuing transaction committed.
    void kick();

    // Sends every message due now, one claim at a time; answers how many were handled.
    int dispatch_due();
    void start();  // the dispatcher thread (serve)
    void stop();

private:
    int64_t queue(db::Connection& tx, std::string_view phone, const std::string& template_name,
                  std::string_view purpose, const nlohmann::json& params,
                  std::optional<Clock::time_point> expires);
    bool dispatch_one();
    Clock::duration backoff(int attempts) const;

    db::Pool& pool_;
    const pii::Vault& vault_;
    const TimeSource& clock_;
    SmsSender* sender_;
    OutboxSettings settings_;
    std::mutex mu_;
    std::condition_variable wake_;
    bool stopping_ = false, kicked_ = false;
    std::thread thread_;
};

// JSON of a notice for the wire (times +08:00).
nlohmann::json notice_json(const Notice& n);

}  // namespace gh::notices
