// Joining (入会): a worker's own application from a phone, reviewed by the union's cadres; a
// ceremony's registrations entered approved by a cadre; the member card. Owns
// `join_applications`. States: pending (待审核) → approved (审核通过) | rejected (审核未通过); a
// pending or rejected application can be corrected and resubmitted (back to pending), an
// approved one cannot. Approval creates the member through MemberService in the same
// transaction. A worker with no union at work applies to the holding pool (会员周转库) of the
// county federation where they live or work.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/audit/audit.h"
#include "core/auth/principal.h"
#include "core/auth/rate_limiter.h"
#include "core/db/pool.h"
#include "core/pii/rotation.h"
#include "core/pii/vault.h"
#include "core/time.h"
#include "domains/members/members.h"
#include "domains/notices/notices.h"
#include "domains/orgs/orgs.h"

namespace gh::joining {

using auth::Actor;
using auth::Principal;

// The version of the separate-consent text (单独同意) for processing the ID number, shown to the
// worker before they submit. A submission must name this version: when the text changes, bump it
// here and in docs/SECURITY.md, and older clients are asked to show the new text.
inline constexpr std::string_view kConsentVersion = "pi-consent-2026-11";
inline constexpr std::string_view kConsentText =
    "为办理入会和会员实名登记，我单独同意工会收集和处理我的身份证号码（敏感个人信息），"
    "仅用于核验身份、确认会员关系和\"一人一会籍\"校验；加密保存，不对外提供。"
    "我可以随时查阅、复制我的信息，退会后可申请删除。";

// What a worker fills in. org_id names a union; without it, the holding pool of the federation
// of workplace_code (else residence_code) is the target.
struct ApplicationForm {
    std::string name, id_number, phone;
    std::string occupation, employer;
    bool new_form = false;
    std::optional<int64_t> org_id;
    std::optional<std::string> residence_code, workplace_code;
    bool pi_consent = false;
    std::string consent_version;
};

// An application as answered: ID number and phone masked.
struct Application {
    int64_t id = 0;
    std::optional<int64_t> worker_id;
    int64_t org_id = 0;
    std::string org_name;
    std::string name, id_number;
    std::optional<std::string> phone;
    std::string occupation, employer;
    bool new_form = false;
    std::optional<std::string> residence_code, workplace_code;
    std::string consent_version, consented_at, source, status, reject_reason;
    std::optional<std::string> reviewed_by, reviewed_at;
    std::optional<int64_t> member_id;
    std::string created_at, updated_at;
};

struct ApplicationQuery {
    std::optional<std::string> status;
    std::optional<int64_t> org_id;  // narrows the scope to that org's subtree
    int64_t after_id = 0;
    int limit = 50;
};

struct ApplicationPage {
    std::vector<Application> items;
    std::optional<int64_t> next_cursor;
    int64_t total = 0;
};

// Where a worker's membership lives now (it follows transfers).
struct Membership {
    int64_t member_id = 0;
    int64_t org_id = 0;
    std::string org_name, name, card_no, status, joined_on;
};

// One person registered at a ceremony.
struct CeremonyPerson {
    std::string name, id_number;
    std::optional<std::string> phone;
    std::string occupation, employer;
    bool new_form = false;
};

struct Person;  // one person's validated details (internal.h)

// Key rotation (core/pii/rotation.h): the applications' ID number and phone ciphertexts.
std::vector<pii::RotationStep> pii_rotation_steps();

class JoinService {
public:
    JoinService(db::Pool& pool, orgs::OrgService& orgs, members::MemberService& members,
                notices::NoticeService& notices, notices::SmsOutbox& sms, audit::AuditLog& audit,
                const pii::Vault& vault, const TimeSource& clock);

    // The public base URL the member card's QR code points at (Config::public_url; may be "").
    void set_public_url(std::string url) { public_url_ = std::move(url); }
    const std::string& public_url() const { return public_url_; }

    // --- the worker (worker session: p.account_id is the worker account) ---
    Application submit(const Actor& by, const Principal& p, const ApplicationForm& f);
    // Corrects a pending or rejected application of the caller and puts it back to pending.
    // 404 join.not_found (not theirs), 409 join.already_approved.
    Application resubmit(const Actor& by, const Principal& p, int64_t id, const ApplicationForm& f);
    // in_full: the ID number and phone unmasked, for the worker's own copy of their data (PIPL).
    std::vector<Application> mine(const Principal& p, bool in_full = false);
    // Through the member recorded when the caller's application was approved; nullopt if none.
    std::optional<Membership> membership(const Principal& p);

    // --- the cadre (scoped to the subtree; out of scope answers 404) ---
    ApplicationPage list(const Principal& p, const ApplicationQuery& q);
    std::optional<Application> get(const Principal& p, int64_t id);
    Application approve(const Actor& by, const Principal& p, int64_t id);
    Application reject(const Actor& by, const Principal& p, int64_t id, std::string_view reason);
    // All or nothing: one transaction; any problem and nothing is approved (422
    // join.batch_refused with the problems, by id).
    std::vector<Application> batch_approve(const Actor& by, const Principal& p,
                                           const std::vector<int64_t>& ids);
    // A ceremony (入会仪式): many people registered at once into `org_id` (a union in scope, or
    // a federation: its holding pool) as approved applications and members, all or nothing (422
    // join.ceremony_refused with the problems, by index). The cadre attests the paper consent.
    std::vector<Application> ceremony(const Actor& by, const Principal& p, int64_t org_id,
                                      const std::vector<CeremonyPerson>& people, bool pi_consent,
                                      std::string_view consent_version);
    // --- anyone (the card's QR code points here) ---
    // Whether a card number is a current membership (active or transferring): the status and
    // the org's name, nothing about the person. Unknown or malformed numbers: valid false.
    struct CardCheck {
        bool valid = false;
        std::string status;  // "unknown" when no member has the number
        std::string org_name;
    };
    CardCheck verify_card(std::string_view card_no);
    // Per-IP limit of the anonymous card check; false when the caller is over it.
    bool allow_verify(const std::string& ip) { return verify_limiter_.allow(ip, clock_.now()); }
    int64_t verify_retry_after() const { return auth::RateLimiter::seconds_left(clock_.now()); }
    static constexpr int kVerifyPerMinute = 30;

    // A member's card for a cadre (member.read, scoped), as for the member's own card.
    std::optional<Membership> member_card(const Principal& p, int64_t member_id);

    // The worker account whose application was approved as this member (the member's own
    // phone account); nullopt when the member joined otherwise (a ceremony, an import).
    std::optional<int64_t> worker_of_member(db::Connection& c, int64_t member_id);

    // When an org subtree moves (its path changes from old_prefix to new_prefix), the copies of
    // the path move with it, inside the caller's transaction.
    void repath(db::Connection& tx, const std::string& old_prefix, const std::string& new_prefix);

private:
    struct Checked;  // a validated form, with its target org (internal.h)
    struct NewFields {
        std::optional<std::string> residence_code, workplace_code;
        std::string source, status;
    };
    Checked check(db::Connection& c, const ApplicationForm& f, int64_t exclude_id);
    // 409 member.phone_taken when another person's active membership or pending application
    // (other than exclude_id) has the phone.
    void check_phone(db::Connection& c, const Person& person, int64_t exclude_id);
    // Takes the lock rows of many phones at once, in byte order with duplicates dropped, so two
    // batches or ceremonies sharing phones lock them in the same order whatever their lists'
    // order (PostgreSQL would otherwise find a deadlock and abort one). check_phone then finds
    // each lock already held.
    void lock_phones(db::Connection& tx, std::vector<db::Blob> phones);
    int64_t insert(db::Connection& tx, const Person& p, const orgs::Org& org,
                   std::optional<int64_t> worker_id, const NewFields& extra);
    Application load(db::Connection& c, int64_t id);
    Application view(db::Connection& c, const db::Row& r, bool in_full = false);
    // Approves one pending application in the caller's transaction (member created there too).
    Application approve_in(db::Connection& tx, const Actor& by, const Principal& p, int64_t id);
    std::optional<Membership> membership_of(db::Connection& c, int64_t member_id);
    // The org a ceremony or application goes into: a federation means its holding pool.
    orgs::Org target_of(db::Connection& c, const orgs::Org& org);

    auth::RateLimiter verify_limiter_{kVerifyPerMinute};
    std::string public_url_;
    // The applicant's inbox (an application made on the phone) and a status SMS to the
    // application's number, both in the decision's transaction.
    void tell_worker(db::Connection& tx, std::optional<int64_t> worker_id,
                     const std::optional<std::string>& phone, std::string_view event,
                     const std::string& title, const std::string& body, std::string_view link);

    db::Pool& pool_;
    const TimeSource& clock_;
    notices::NoticeService& notices_;
    notices::SmsOutbox& sms_;
    orgs::OrgService& orgs_;
    members::MemberService& members_;
    audit::AuditLog& audit_;
    const pii::Vault& vault_;
};

// The member card as SVG: name, union, card number, join date and a QR code holding only the
// card number and its verification path (card_qr_text), never an ID number or phone.
// With a public base URL the QR code is <public_url>/verify/card/<card number> (the console's
// public check page); without one, "GHCARD:<card number> /api/v1/verify/card/<card number>".
std::string card_svg(const Membership& m, std::string_view public_url = {});
std::string card_qr_text(std::string_view card_no, std::string_view public_url = {});

}  // namespace gh::joining
