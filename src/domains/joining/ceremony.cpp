// A ceremony (入会仪式): a cadre registers many people at once from a sheet, entered as approved
// applications with their members, in one transaction, all or nothing.
#include <optional>

#include "core/auth/audit_record.h"
#include "core/error.h"
#include "core/time.h"
#include "domains/joining/internal.h"

namespace gh::joining {

std::vector<Application> JoinService::ceremony(const Actor& by, const Principal& p, int64_t org_id,
                                               const std::vector<CeremonyPerson>& people,
                                               bool pi_consent, std::string_view consent_version) {
    require_consent(pi_consent, consent_version);
    if (people.empty() || people.size() > 1000) {
        throw ApiError(422, "join.ceremony_size", "每次登记 1 到 1000 人", "people");
    }
    auto c = pool_.acquire();
    try {
        return db::in_transaction(*c, [&](db::Connection& tx) {
            auto named = orgs_.find_in_scope(tx, p.scope(), org_id);
            if (!named) throw ApiError(404, "org.not_found", "组织不存在");
            const orgs::Org org = target_of(tx, *named);
            // Everyone is validated first, so every phone of the sheet can be locked in one order
            // (lock_phones) before any is checked.
            std::vector<std::optional<Person>> valid(people.size());
            std::vector<std::optional<ApiError>> invalid(people.size());
            std::vector<db::Blob> phones;
            for (size_t i = 0; i < people.size(); ++i) {
                const auto& in = people[i];
                try {
                    valid[i] = validate_person(vault_, in.name, in.id_number, in.phone, false,
                                               in.occupation, in.employer, in.new_form);
                    if (valid[i]->phone_blind) phones.push_back(*valid[i]->phone_blind);
                } catch (const ApiError& e) {
                    invalid[i] = e;
                }
            }
            lock_phones(tx, std::move(phones));
            std::vector<Application> done;
            nlohmann::json problems = nlohmann::json::array();
            for (size_t i = 0; i < people.size(); ++i) {
                // Checks fail before any statement of their own, so the transaction stays usable
                // and every person's problem is reported at once.
                try {
                    if (invalid[i]) throw *invalid[i];
                    const Person& person = *valid[i];
                    check_phone(tx, person, 0);
                    members::NewMember m;
                    m.org_id = org.id;
                    m.name = person.name;
                    m.id_number = person.id.value;
                    m.phone = person.phone;
                    m.occupation = person.occupation;
                    m.new_form = person.new_form;
                    const auto member = members_.create_in(tx, by, p, org, m);
                    const int64_t id = insert(tx, person, org, std::nullopt,
                                              {std::nullopt, std::nullopt, "ceremony", "approved"});
                    const std::string now = clock_.now_iso();
                    tx.execute(
                        "UPDATE join_applications SET member_id = ?, reviewed_by = ?, "
                        "reviewed_at = ? WHERE id = ?",
                        {member.id, actor_label(by), now, id});
                    done.push_back(load(tx, id));
                } catch (const ApiError& e) {
                    problems.push_back({{"index", i},
                                        {"field", e.field()},
                                        {"code", e.code()},
                                        {"message", e.message()}});
                }
            }
            if (!problems.empty()) {
                throw ApiError(
                    422, "join.ceremony_refused",
                    "有 " + std::to_string(problems.size()) + " 人不能登记，本次未作任何变更",
                    "people", {{"problems", problems}});
            }
            auth::record(audit_, tx, by, "join.ceremony", "org", std::to_string(org.id),
                         {{"count", done.size()}, {"consent_version", kConsentVersion}});
            return done;
        });
    } catch (const db::DbError& e) {
        if (!members::MemberService::is_already_active(e)) throw;
        throw ApiError(409, "member.already_active",
                       "有人刚在别处入会，本次未作任何变更，请核对后重试", "people");
    }
}

}  // namespace gh::joining
