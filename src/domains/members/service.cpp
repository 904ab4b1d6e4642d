// The member registry's logic: validation, encryption, scope, the one-active-membership rule.
#include <fmt/format.h>

#include <map>

#include "core/auth/audit_record.h"
#include "core/auth/token.h"
#include "core/cn/id_number.h"
#include "core/cn/phone.h"
#include "core/cn/pinyin.h"
#include "core/cn/text_rules.h"
#include "core/db/bulk.h"
#include "core/error.h"
#include "core/pii/mask.h"
#include "core/time.h"
#include "domains/employers/employers.h"
#include "domains/members/codes.h"
#include "domains/members/members.h"
#include "domains/members/prepared.h"
#include "domains/members/rollups.h"
#include "domains/members/text.h"

namespace gh::members {

namespace {

constexpr std::string_view kIdContext = "member.id_number";
constexpr std::string_view kPhoneContext = "member.phone";
constexpr const char* kColumns = kMemberColumns;

// The coded value `text` names in `list` ('' stays ''), else 422 member.<field>.
std::string coded(const std::vector<Code>& list, const std::string& text, const char* field,
                  const char* message) {
    const std::string t = trim(text);
    if (t.empty()) return {};
    auto code = code_of(list, t);
    if (!code) throw ApiError(422, std::string("member.") + field, message, field);
    return *code;
}

Profile prepare_profile(const Profile& in, const std::string& occupation) {
    Profile out = in;
    out.ethnicity = coded(ethnicities(), in.ethnicity, "ethnicity",
                          "民族应为 56 个民族之一（如“汉族”）或“其他”");
    out.education =
        coded(educations(), in.education, "education",
              "学历应为：小学及以下、初中、高中、中专、大专、本科、硕士研究生、博士研究生");
    out.political_status =
        coded(political_statuses(), in.political_status, "political_status",
              "政治面貌应为：中共党员、中共预备党员、共青团员、民主党派成员、无党派人士、群众");
    out.occupation_category =
        coded(occupation_categories(), in.occupation_category, "occupation_category",
              "职业类别不在代码表中（见职业类别代码表）");
    if (out.occupation_category.empty()) {
        out.occupation_category = category_of_occupation(occupation).value_or("");
    }
    out.employer_name = trim(in.employer_name);
    if (utf8_length(out.employer_name) > 200) {
        throw ApiError(422, "member.employer_name", "工作单位名称不超过 200 个字", "employer_name");
    }
    return out;
}

std::string card_no(int64_t org_id, int64_t member_id) {
    return fmt::format("GH{:06}{:08}", org_id, member_id);
}

}  // namespace

MemberService::MemberService(db::Pool& pool, orgs::OrgService& orgs, audit::AuditLog& audit,
                             const pii::Vault& vault, const TimeSource& clock)
    : pool_(pool), clock_(clock), orgs_(orgs), audit_(audit), vault_(vault) {}

Member MemberService::view(const db::Row& r, Reveal reveal) const {
    Member m;
    m.id = r.get<int64_t>(0);
    m.org_id = r.get<int64_t>(1);
    m.name = r.get<std::string>(2);
    const auto& id_enc = r.get<db::Blob>(3).bytes;  // empty once purged
    std::string id = id_enc.empty() ? std::string() : vault_.decrypt(id_enc, kIdContext);
    const bool all = reveal == Reveal::all;
    m.id_number = reveal == Reveal::id_number || all || id.empty() ? id : pii::mask_id_number(id);
    if (!r.is_null(4)) {
        std::string phone = vault_.decrypt(r.get<db::Blob>(4).bytes, kPhoneContext);
        m.phone = reveal == Reveal::phone || all ? phone : pii::mask_phone(phone);
    }
    m.birth_date = r.get<std::string>(5);
    m.gender = r.get<std::string>(6);
    m.occupation = r.get<std::string>(7);
    m.new_form = r.get<int64_t>(8) != 0;
    m.card_no = r.get<std::string>(9);
    m.joined_on = r.get<std::string>(10);
    m.status = r.get<std::string>(11);
    m.created_at = r.get<std::string>(12);
    m.updated_at = r.get<std::string>(13);
    m.profile.ethnicity = r.get<std::string>(15);
    m.profile.education = r.get<std::string>(16);
    m.profile.political_status = r.get<std::string>(17);
    m.profile.occupation_category = r.get<std::string>(18);
    m.profile.employer_name = r.get<std::string>(19);
    if (!r.is_null(20)) m.profile.employer_id = r.get<int64_t>(20);
    m.profile.migrant_worker = r.get<int64_t>(21) != 0;
    m.profile.model_worker = r.get<int64_t>(22) != 0;
    m.profile.hardship = r.get<int64_t>(23) != 0;
    return m;
}

MemberService::Prepared MemberService::prepare(const NewMember& in) const {
    Prepared m;
    auto name = cn::parse_person_name(in.name, "name");
    if (!name) {
        if (name.problem().code == "name.length") {
            throw ApiError(422, "member.name", "姓名不能为空且不超过 50 个字", "name");
        }
        throw ApiError::from(name.problem(), 422);
    }
    m.name = name.value();
    auto id = cn::parse_id_number(in.id_number, "id_number");
    if (!id) throw ApiError::from(id.problem(), 422);
    m.id = *id;
    if (in.phone && !trim(*in.phone).empty()) {
        auto parsed = cn::parse_phone(*in.phone, "phone");
        if (!parsed) throw ApiError::from(parsed.problem(), 422);
        m.phone = parsed.value();
    }
    // Roster cells reach here without the JSON body's check: the same text rules for them.
    for (const auto& [v, field] : {std::pair{&in.occupation, "occupation"},
                                   std::pair{&in.profile.employer_name, "employer_name"}}) {
        if (auto bad = cn::text_problem(*v, field)) throw ApiError::from(*bad, 422);
    }
    if (utf8_length(in.occupation) > 100) {
        throw ApiError(422, "member.occupation", "职业不超过 100 个字", "occupation");
    }
    m.occupation = trim(in.occupation);
    m.profile = prepare_profile(in.profile, m.occupation);
    m.new_form = in.new_form || is_new_form_category(m.profile.occupation_category);
    m.joined_on = iso_date(cn::today_in_china());
    if (in.joined_on) {
        auto d = parse_date(*in.joined_on);
        if (!d) throw ApiError(422, "member.joined_on", "入会日期格式应为 2026-11-01", "joined_on");
        m.joined_on = *d;
    }
    m.id_blind = db::Blob{vault_.blind_index("id_number", m.id.value)};
    return m;
}

int64_t MemberService::insert(db::Connection& tx, const orgs::Org& org, const Prepared& m,
                              const Actor& by) {
    RollupDelta d;
    const int64_t id = insert(tx, org, m, by, d);
    d.apply(tx);
    return id;
}

int64_t MemberService::insert(db::Connection& tx, const orgs::Org& org, const Prepared& m,
                              const Actor& by, RollupDelta& rollups) {
    const db::Value phone_enc =
        m.phone ? db::Value(db::Blob{vault_.encrypt(*m.phone, kPhoneContext)}) : db::Value(nullptr);
    const db::Value phone_blind =
        m.phone ? db::Value(db::Blob{vault_.blind_index("phone", *m.phone)}) : db::Value(nullptr);
    const std::string now = clock_.now_iso();
    const Profile& pr = m.profile;
    int64_t mid = tx.query(
                        "INSERT INTO members (org_id, org_path, name, id_enc, id_blind, "
                        "phone_enc, phone_blind, birth_date, gender, occupation, new_form, "
                        "card_no, joined_on, status, active_blind, created_at, updated_at, "
                        "ethnicity, education, political_status, occupation_category, "
                        "employer_name, employer_id, migrant_worker, model_worker, hardship, "
                        "name_initials, name_pinyin) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?, "
                        "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                        {org.id,
                         org.path,
                         m.name,
                         db::Blob{vault_.encrypt(m.id.value, kIdContext)},
                         m.id_blind,
                         phone_enc,
                         phone_blind,
                         iso_date(m.id.birth_date),
                         std::string(1, m.id.gender),
                         m.occupation,
                         int64_t{m.new_form},
                         "pending-" + auth::random_token(),
                         m.joined_on,
                         m.id_blind,
                         now,
                         now,
                         pr.ethnicity,
                         pr.education,
                         pr.political_status,
                         pr.occupation_category,
                         pr.employer_name,
                         pr.employer_id ? db::Value(*pr.employer_id) : db::Value(nullptr),
                         int64_t{pr.migrant_worker},
                         int64_t{pr.model_worker},
                         int64_t{pr.hardship},
                         cn::name_initials(m.name),
                         cn::name_pinyin(m.name)})
                      .front()
                      .get<int64_t>(0);
    tx.execute("UPDATE members SET card_no = ? WHERE id = ?", {card_no(org.id, mid), mid});
    tx.execute(
        "INSERT INTO member_history (member_id, at, from_status, to_status, org_id, "
        "actor, reason) VALUES (?, ?, NULL, 'active', ?, ?, 'join')",
        {mid, now, org.id, actor_label(by)});
    rollups.enter({org.path, m.profile.occupation_category, m.new_form}, month_of(m.joined_on));
    return mid;
}

void MemberService::seal(Prepared& m) const {
    m.id_enc = db::Blob{vault_.encrypt(m.id.value, kIdContext)};
    if (m.phone) {
        m.phone_enc = db::Blob{vault_.encrypt(*m.phone, kPhoneContext)};
        m.phone_blind = db::Blob{vault_.blind_index("phone", *m.phone)};
    }
    m.birth_date = iso_date(m.id.birth_date);
    m.initials = cn::name_initials(m.name);
    m.pinyin = cn::name_pinyin(m.name);
}

void MemberService::insert_batch(db::Connection& tx, const orgs::Org& org,
                                 std::vector<Prepared>& rows, const Actor& by,
                                 RollupDelta& rollups) {
    if (rows.empty()) return;
    const std::string now = clock_.now_iso();
    const std::string actor = actor_label(by);
    const auto ids = db::allocate_ids(tx, "members", static_cast<int64_t>(rows.size()));
    std::vector<db::Params> members, history;
    members.reserve(rows.size());
    history.reserve(rows.size());
    // The rollup change, counted here per (category, gig) and per month: one org path for all.
    std::map<std::pair<std::string, bool>, int64_t> by_category;
    std::map<std::string, int64_t> by_month;
    for (size_t i = 0; i < rows.size(); ++i) {
        Prepared& m = rows[i];
        Profile& pr = m.profile;
        ++by_category[{pr.occupation_category, m.new_form}];
        ++by_month[month_of(m.joined_on)];
        db::Params row;
        row.reserve(29);
        row.emplace_back(ids[i]);
        row.emplace_back(org.id);
        row.emplace_back(org.path);
        row.emplace_back(std::move(m.name));
        row.emplace_back(std::move(m.id_enc));
        row.emplace_back(m.id_blind);
        row.emplace_back(std::move(m.phone_enc));
        row.emplace_back(std::move(m.phone_blind));
        row.emplace_back(std::move(m.birth_date));
        row.emplace_back(std::string(1, m.id.gender));
        row.emplace_back(std::move(m.occupation));
        row.emplace_back(int64_t{m.new_form});
        row.emplace_back(card_no(org.id, ids[i]));
        row.emplace_back(std::move(m.joined_on));
        row.emplace_back(std::string("active"));
        row.emplace_back(std::move(m.id_blind));
        row.emplace_back(now);
        row.emplace_back(now);
        row.emplace_back(std::move(pr.ethnicity));
        row.emplace_back(std::move(pr.education));
        row.emplace_back(std::move(pr.political_status));
        row.emplace_back(std::move(pr.occupation_category));
        row.emplace_back(std::move(pr.employer_name));
        row.emplace_back(pr.employer_id ? db::Value(*pr.employer_id) : db::Value(nullptr));
        row.emplace_back(int64_t{pr.migrant_worker});
        row.emplace_back(int64_t{pr.model_worker});
        row.emplace_back(int64_t{pr.hardship});
        row.emplace_back(std::move(m.initials));
        row.emplace_back(std::move(m.pinyin));
        members.push_back(std::move(row));
        history.push_back(
            {ids[i], now, nullptr, std::string("active"), org.id, actor, std::string("join")});
    }
    for (const auto& [key, n] : by_category) rollups.count({org.path, key.first, key.second}, n, n);
    for (const auto& [month, n] : by_month) rollups.flow(org.path, month, n, 0);
    // The same columns as insert(), in one list for both statements' order.
    db::copy_rows(tx, "members",
                  {"id",
                   "org_id",
                   "org_path",
                   "name",
                   "id_enc",
                   "id_blind",
                   "phone_enc",
                   "phone_blind",
                   "birth_date",
                   "gender",
                   "occupation",
                   "new_form",
                   "card_no",
                   "joined_on",
                   "status",
                   "active_blind",
                   "created_at",
                   "updated_at",
                   "ethnicity",
                   "education",
                   "political_status",
                   "occupation_category",
                   "employer_name",
                   "employer_id",
                   "migrant_worker",
                   "model_worker",
                   "hardship",
                   "name_initials",
                   "name_pinyin"},
                  members);
    db::copy_rows(tx, "member_history",
                  {"member_id", "at", "from_status", "to_status", "org_id", "actor", "reason"},
                  history);
}

Member MemberService::create(const Actor& by, const Principal& p, const NewMember& given) {
    NewMember in = given;
    if (in.profile.employer_id) {
        auto e = employers_ ? employers_->get(p, *in.profile.employer_id) : std::nullopt;
        if (!e) {
            throw ApiError(422, "member.employer_id", "工作单位不存在或不在管辖范围内",
                           "employer_id");
        }
        if (trim(in.profile.employer_name).empty()) in.profile.employer_name = e->name;
    }
    const Prepared m = prepare(in);
    auto c = pool_.acquire();
    try {
        return db::in_transaction(*c, [&](db::Connection& tx) {
            auto org = orgs_.find_in_scope(tx, p.scope(), in.org_id);
            if (!org) {
                throw ApiError(422, "member.org", "所属工会不存在或不在管辖范围内", "org_id");
            }
            require_active_org(*org);
            const int64_t mid = insert(tx, *org, m, by);
            auth::record(audit_, tx, by, "member.create", "member", std::to_string(mid),
                         {{"org_id", org->id},
                          {"card_no", card_no(org->id, mid)},
                          {"new_form", m.new_form},
                          {"joined_on", m.joined_on}});
            return view(tx.query(std::string(kColumns) + "WHERE id = ?", {mid}).front(),
                        Reveal::none);
        });
    } catch (const db::DbError& e) {
        if (e.kind() != db::DbError::Kind::unique ||
            e.constraint().find("active_blind") == std::string::npos) {
            throw;
        }
        already_active(*c, p, m.id_blind);
    }
}

void MemberService::already_active(db::Connection& c, const Principal& p,
                                   const db::Blob& id_blind) {
    // Where the person is a member is told only to a caller who could see that org anyway.
    auto rs = c.query("SELECT org_id, org_path FROM members WHERE active_blind = ?", {id_blind});
    if (!rs.empty() && p.scope().contains(rs.front().get<std::string>(1))) {
        if (auto org = orgs_.find(c, rs.front().get<int64_t>(0))) {
            throw ApiError(409, "member.already_active",
                           "此人已是" + org->name + "的在册会员，不能重复入会", "id_number");
        }
    }
    throw ApiError(409, "member.already_active", "此人已是其他工会的在册会员，须先办理会员关系转接",
                   "id_number");
}

std::optional<Member> MemberService::get(const Actor& by, const Principal& p, int64_t id,
                                         Reveal reveal) {
    if (!p.has("pii.read")) reveal = Reveal::none;
    auto c = pool_.acquire();
    auto load = [&](db::Connection& conn) -> std::optional<Member> {
        auto rs = conn.query(std::string(kColumns) + "WHERE id = ?", {id});
        if (rs.empty() || !p.scope().contains(rs.front().get<std::string>(14))) {
            return std::nullopt;
        }
        return view(rs.front(), reveal);
    };
    if (reveal == Reveal::none) return load(*c);
    return db::in_transaction(*c, [&](db::Connection& tx) {
        auto m = load(tx);
        if (m) {
            auth::record(audit_, tx, by, "pii.reveal", "member", std::to_string(id),
                         {{"field", reveal == Reveal::id_number ? "id_number" : "phone"}});
        }
        return m;
    });
}

MemberCounts MemberService::count_in(const std::string& org_path) {
    auto c = pool_.acquire();
    return count_in(*c, org_path);
}

MemberCounts MemberService::count_in(db::Connection& c, const std::string& org_path) {
    // The rollup row of the subtree's root holds the whole subtree (rollups.h).
    const auto ids = path_ids(org_path);
    if (ids.empty()) return {};
    auto r = c.query(
                  "SELECT CAST(COALESCE(SUM(members), 0) AS BIGINT), "
                  "CAST(COALESCE(SUM(gig_members), 0) AS BIGINT) FROM member_counts "
                  "WHERE org_id = ?",
                  {ids.back()})
                 .front();
    return MemberCounts{r.get<int64_t>(0), r.get<int64_t>(1)};
}

}  // namespace gh::members
