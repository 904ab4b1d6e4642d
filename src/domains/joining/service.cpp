// A worker's side of joining: validation, the separate consent, the target union or holding
// pool, the one-membership and one-phone rules, submitting and resubmitting, and where the
// worker's membership lives now.
#include <algorithm>

#include "core/auth/audit_record.h"
#include "core/cn/divisions.h"
#include "core/cn/phone.h"
#include "core/cn/text.h"
#include "core/cn/text_rules.h"
#include "core/error.h"
#include "core/pii/mask.h"
#include "core/time.h"
#include "domains/joining/internal.h"

namespace gh::joining {

namespace {

using cn::trim;

std::optional<std::string> division(const std::optional<std::string>& code, const char* field) {
    if (!code || trim(*code).empty()) return std::nullopt;
    const std::string c = trim(*code);
    if (!cn::is_division_code(c) || !cn::find_division(c)) {
        throw ApiError(422, "join.division", "行政区划代码无效（应为 6 位 GB/T 2260 代码）", field);
    }
    return c;
}

}  // namespace

Person validate_person(const pii::Vault& vault, std::string_view name, std::string_view id_number,
                       const std::optional<std::string>& phone, bool phone_required,
                       std::string_view occupation, std::string_view employer, bool new_form) {
    Person p;
    auto parsed_name = cn::parse_person_name(name, "name");
    if (!parsed_name) {
        if (parsed_name.problem().code == "name.length") {
            throw ApiError(422, "join.name", "姓名不能为空且不超过 50 个字", "name");
        }
        throw ApiError::from(parsed_name.problem(), 422);
    }
    p.name = parsed_name.value();
    auto id = cn::parse_id_number(id_number, "id_number");
    if (!id) throw ApiError::from(id.problem(), 422);
    p.id = *id;
    if (phone && !trim(*phone).empty()) {
        auto parsed = cn::parse_phone(*phone, "phone");
        if (!parsed) throw ApiError::from(parsed.problem(), 422);
        p.phone = parsed.value();
    } else if (phone_required) {
        throw ApiError(422, "join.phone_required", "请填写手机号", "phone");
    }
    for (const auto& [v, field] :
         {std::pair{occupation, "occupation"}, std::pair{employer, "employer"}}) {
        if (auto bad = cn::text_problem(v, field)) throw ApiError::from(*bad, 422);
    }
    if (utf8_length(occupation) > 100) {
        throw ApiError(422, "join.occupation", "职业不超过 100 个字", "occupation");
    }
    if (utf8_length(employer) > 100) {
        throw ApiError(422, "join.employer", "工作单位不超过 100 个字", "employer");
    }
    p.occupation = trim(occupation);
    p.employer = trim(employer);
    p.new_form = new_form;
    // The member registry's blind-index keys: an application and a member compare equal.
    p.id_blind = db::Blob{vault.blind_index("id_number", p.id.value)};
    if (p.phone) p.phone_blind = db::Blob{vault.blind_index("phone", *p.phone)};
    return p;
}

void require_consent(bool given, std::string_view version) {
    if (!given) {
        throw ApiError(422, "join.consent_required",
                       "入会须单独同意工会处理您的身份证号（敏感个人信息）", "pi_consent");
    }
    if (version != kConsentVersion) {
        throw ApiError(422, "join.consent_version", "同意书已更新，请阅读最新版本后重新确认",
                       "consent_version", {{"current_version", kConsentVersion}});
    }
}

JoinService::JoinService(db::Pool& pool, orgs::OrgService& orgs, members::MemberService& members,
                         notices::NoticeService& notices, notices::SmsOutbox& sms,
                         audit::AuditLog& audit, const pii::Vault& vault, const TimeSource& clock)
    : pool_(pool),
      clock_(clock),
      notices_(notices),
      sms_(sms),
      orgs_(orgs),
      members_(members),
      audit_(audit),
      vault_(vault) {}

orgs::Org JoinService::target_of(db::Connection& c, const orgs::Org& org) {
    if (org.type == "federation") return orgs_.ensure_holding_pool(c, org);
    return org;
}

namespace {

// Serialise everyone asking about this phone (see migrations/0002_phone_locks.sql): the lock
// row is held until the caller's transaction ends.
void lock_phone(db::Connection& c, const db::Blob& phone, const std::string& now) {
    c.execute(
        "INSERT INTO join_phone_locks (phone_blind, touched_at) VALUES (?, ?) "
        "ON CONFLICT (phone_blind) DO NOTHING",
        {phone, now});
    c.execute("UPDATE join_phone_locks SET touched_at = ? WHERE phone_blind = ?", {now, phone});
}

}  // namespace

void JoinService::lock_phones(db::Connection& tx, std::vector<db::Blob> phones) {
    std::sort(phones.begin(), phones.end(),
              [](const db::Blob& a, const db::Blob& b) { return a.bytes < b.bytes; });
    phones.erase(std::unique(phones.begin(), phones.end()), phones.end());
    const std::string now = clock_.now_iso();
    for (const auto& phone : phones) lock_phone(tx, phone, now);
}

void JoinService::check_phone(db::Connection& c, const Person& person, int64_t exclude_id) {
    if (!person.phone_blind) return;
    // The reads below then see any application or member a concurrent transaction committed
    // for the same phone.
    lock_phone(c, *person.phone_blind, clock_.now_iso());
    const bool other_applicant =
        !c.query(
              "SELECT 1 FROM join_applications WHERE phone_blind = ? AND id_blind <> ? "
              "AND status = 'pending' AND id <> ?",
              {*person.phone_blind, person.id_blind, exclude_id})
             .empty();
    if (other_applicant || members_.phone_used_by_other(c, *person.phone_blind, person.id_blind)) {
        throw ApiError(409, "member.phone_taken",
                       "该手机号已被他人使用；如号码已易主，请联系县级总工会释放", "phone");
    }
}

JoinService::Checked JoinService::check(db::Connection& c, const ApplicationForm& f,
                                        int64_t exclude_id) {
    require_consent(f.pi_consent, f.consent_version);
    Checked out{validate_person(vault_, f.name, f.id_number, f.phone, true, f.occupation,
                                f.employer, f.new_form),
                division(f.residence_code, "residence_code"),
                division(f.workplace_code, "workplace_code"),
                {}};
    if (f.org_id) {
        auto org = orgs_.find(c, *f.org_id);
        if (!org) throw ApiError(422, "join.org", "所选工会不存在", "org_id");
        if (org->type == "federation") {
            throw ApiError(422, "join.org_not_union",
                           "请选择具体的工会；单位没有工会的，可按居住地或工作地加入会员周转库",
                           "org_id");
        }
        if (!org->active()) {
            throw ApiError(422, "join.org_inactive", "所选工会已撤销或合并，请选择其他工会",
                           "org_id");
        }
        out.org = *org;
    } else {
        // No union at work: the holding pool of the federation where they work, else live.
        const char* field = out.workplace_code ? "workplace_code" : "residence_code";
        const auto& code = out.workplace_code ? out.workplace_code : out.residence_code;
        if (!code) {
            throw ApiError(422, "join.org_required", "请选择工会，或填写居住地、工作地", "org_id");
        }
        auto fed = orgs_.find_by_division(c, *code);
        if (!fed || fed->type != "federation") {
            throw ApiError(422, "join.no_federation", "该地区尚未开通网上入会", field);
        }
        out.org = orgs_.ensure_holding_pool(c, *fed);
    }
    // Whether the ID number is already an active membership, or the phone someone else's, is
    // not answered here: the application would tell its sender whose numbers they are. The
    // cadre's approval checks both (approve_in: check_phone, create_in), and the worker learns
    // the outcome from their own application's status.
    (void)exclude_id;
    return out;
}

Application JoinService::view(db::Connection& c, const db::Row& r, bool in_full) {
    Application a;
    a.id = r.get<int64_t>(0);
    a.worker_id = r.get_opt<int64_t>(1);
    a.org_id = r.get<int64_t>(2);
    if (auto org = orgs_.find(c, a.org_id)) a.org_name = org->name;
    a.name = r.get<std::string>(3);
    a.id_number = vault_.decrypt(r.get<db::Blob>(4).bytes, kIdContext);
    if (!in_full) a.id_number = pii::mask_id_number(a.id_number);
    if (!r.is_null(5)) {
        a.phone = vault_.decrypt(r.get<db::Blob>(5).bytes, kPhoneContext);
        if (!in_full) a.phone = pii::mask_phone(*a.phone);
    }
    a.occupation = r.get<std::string>(6);
    a.employer = r.get<std::string>(7);
    a.new_form = r.get<int64_t>(8) != 0;
    a.residence_code = r.get_opt<std::string>(9);
    a.workplace_code = r.get_opt<std::string>(10);
    a.consent_version = r.get<std::string>(11);
    a.consented_at = r.get<std::string>(12);
    a.source = r.get<std::string>(13);
    a.status = r.get<std::string>(14);
    a.reject_reason = r.get<std::string>(15);
    a.reviewed_by = r.get_opt<std::string>(16);
    a.reviewed_at = r.get_opt<std::string>(17);
    a.member_id = r.get_opt<int64_t>(18);
    a.created_at = r.get<std::string>(19);
    a.updated_at = r.get<std::string>(20);
    return a;
}

Application JoinService::load(db::Connection& c, int64_t id) {
    return view(c, c.query(std::string(kColumns) + "WHERE id = ?", {id}).front());
}

int64_t JoinService::insert(db::Connection& tx, const Person& p, const orgs::Org& org,
                            std::optional<int64_t> worker_id, const NewFields& extra) {
    const std::string now = clock_.now_iso();
    const db::Value phone_enc =
        p.phone ? db::Value(db::Blob{vault_.encrypt(*p.phone, kPhoneContext)}) : db::Value(nullptr);
    const db::Value phone_blind = p.phone_blind ? db::Value(*p.phone_blind) : db::Value(nullptr);
    return tx
        .query(
            "INSERT INTO join_applications (worker_id, org_id, org_path, name, id_enc, id_blind, "
            "phone_enc, phone_blind, occupation, employer, new_form, residence_code, "
            "workplace_code, consent_version, consented_at, source, status, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "RETURNING id",
            {db::opt(worker_id), org.id, org.path, p.name,
             db::Blob{vault_.encrypt(p.id.value, kIdContext)}, p.id_blind, phone_enc, phone_blind,
             p.occupation, p.employer, int64_t{p.new_form}, db::opt(extra.residence_code),
             db::opt(extra.workplace_code), std::string(kConsentVersion), now, extra.source,
             extra.status, now, now})
        .front()
        .get<int64_t>(0);
}

namespace {

// A worker has no org of their own: the audit row of an application is read where it is decided,
// in the subtree of the union applied to (audit scope, issue #12 item 9).
Actor in_org(const Actor& by, const orgs::Org& org) {
    Actor a = by;
    a.org_path = org.path;
    return a;
}

}  // namespace

Application JoinService::submit(const Actor& by, const Principal& p, const ApplicationForm& f) {
    auto c = pool_.acquire();
    return db::in_transaction(*c, [&](db::Connection& tx) {
        const Checked ok = check(tx, f, 0);
        const int64_t id = insert(tx, ok.person, ok.org, p.account_id,
                                  {ok.residence_code, ok.workplace_code, "online", "pending"});
        auth::record(audit_, tx, in_org(by, ok.org), "join.submit", "join_application",
                     std::to_string(id),
                     {{"org_id", ok.org.id}, {"consent_version", kConsentVersion}});
        return load(tx, id);
    });
}

Application JoinService::resubmit(const Actor& by, const Principal& p, int64_t id,
                                  const ApplicationForm& f) {
    auto c = pool_.acquire();
    return db::in_transaction(*c, [&](db::Connection& tx) {
        auto rs = tx.query("SELECT worker_id, status FROM join_applications WHERE id = ?", {id});
        if (rs.empty() || rs.front().get_opt<int64_t>(0) != std::optional<int64_t>(p.account_id)) {
            throw ApiError(404, "join.not_found", "入会申请不存在");
        }
        const ApiError approved(409, "join.already_approved", "申请已审核通过，不能再修改");
        if (rs.front().get<std::string>(1) == "approved") throw approved;
        const Checked ok = check(tx, f, id);
        const auto& m = ok.person;
        const db::Value phone_enc =
            m.phone ? db::Value(db::Blob{vault_.encrypt(*m.phone, kPhoneContext)})
                    : db::Value(nullptr);
        const db::Value phone_blind =
            m.phone_blind ? db::Value(*m.phone_blind) : db::Value(nullptr);
        const std::string now = clock_.now_iso();
        if (tx.execute(
                "UPDATE join_applications SET org_id = ?, org_path = ?, name = ?, id_enc = ?, "
                "id_blind = ?, phone_enc = ?, phone_blind = ?, occupation = ?, employer = ?, "
                "new_form = ?, residence_code = ?, workplace_code = ?, consent_version = ?, "
                "consented_at = ?, status = 'pending', reject_reason = '', reviewed_by = NULL, "
                "reviewed_at = NULL, updated_at = ? WHERE id = ? AND status <> 'approved'",
                {ok.org.id, ok.org.path, m.name, db::Blob{vault_.encrypt(m.id.value, kIdContext)},
                 m.id_blind, phone_enc, phone_blind, m.occupation, m.employer, int64_t{m.new_form},
                 db::opt(ok.residence_code), db::opt(ok.workplace_code),
                 std::string(kConsentVersion), now, now, id}) != 1) {
            throw approved;
        }
        auth::record(audit_, tx, in_org(by, ok.org), "join.resubmit", "join_application",
                     std::to_string(id),
                     {{"org_id", ok.org.id}, {"consent_version", kConsentVersion}});
        return load(tx, id);
    });
}

std::vector<Application> JoinService::mine(const Principal& p, bool in_full) {
    auto c = pool_.acquire();
    std::vector<Application> out;
    for (auto r :
         c->query(std::string(kColumns) + "WHERE worker_id = ? ORDER BY id DESC", {p.account_id})) {
        out.push_back(view(*c, r, in_full));
    }
    return out;
}

std::optional<Membership> JoinService::membership_of(db::Connection& c, int64_t member_id) {
    auto m = members_.find_own(c, member_id);
    if (!m) return std::nullopt;
    Membership out{m->id, m->org_id, "", m->name, m->card_no, m->status, m->joined_on};
    if (auto org = orgs_.find(c, m->org_id)) out.org_name = org->name;
    return out;
}

std::optional<Membership> JoinService::membership(const Principal& p) {
    auto c = pool_.acquire();
    // Only a membership a cadre approved for this account: typing someone's ID number into an
    // application must not show their card.
    auto rs = c->query(
        "SELECT member_id FROM join_applications WHERE worker_id = ? AND status = 'approved' "
        "AND member_id IS NOT NULL ORDER BY id DESC LIMIT 1",
        {p.account_id});
    if (rs.empty()) return std::nullopt;
    return membership_of(*c, rs.front().get<int64_t>(0));
}

std::optional<int64_t> JoinService::worker_of_member(db::Connection& c, int64_t member_id) {
    auto rs = c.query(
        "SELECT worker_id FROM join_applications WHERE member_id = ? AND status = 'approved' "
        "AND worker_id IS NOT NULL ORDER BY id DESC LIMIT 1",
        {member_id});
    if (rs.empty()) return std::nullopt;
    return rs.front().get<int64_t>(0);
}

void JoinService::repath(db::Connection& tx, const std::string& old_prefix,
                         const std::string& new_prefix) {
    const auth::Scope moved{old_prefix};
    tx.execute(
        "UPDATE join_applications SET org_path = CAST(? AS TEXT) || substr(org_path, ?) "
        "WHERE org_path >= ? AND org_path < ?",
        {new_prefix, static_cast<int64_t>(old_prefix.size() + 1), moved.root_path,
         moved.upper_bound()});
}

std::vector<pii::RotationStep> pii_rotation_steps() {
    return {{"join_applications.id_number", "join_applications", "id", "id_enc",
             std::string(kIdContext), false},
            {"join_applications.phone", "join_applications", "id", "phone_enc",
             std::string(kPhoneContext), true}};
}

}  // namespace gh::joining
