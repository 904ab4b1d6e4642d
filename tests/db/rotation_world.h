// Key rotation tests: a database holding every kind of ciphertext the domains store, written
// through the services under the key file's first key, and the checks that read it all back.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/app/domain.h"
#include "core/cn/id_number.h"
#include "core/db/migrate.h"
#include "core/error.h"
#include "core/pii/key_file.h"
#include "domains/identity/identity.h"
#include "domains/identity/workers.h"
#include "domains/joining/joining.h"
#include "domains/members/members.h"
#include "staff_session.h"
#include "test_env.h"

namespace gh::test {

// A fresh migrated database and a key file of its own.
struct RotationDb {
    TestDatabase tdb;
    std::string key_path;
    db::Pool pool{db::parse_url(tdb.url()), 2};
    RotationDb() {
        key_path = (std::filesystem::temp_directory_path() /
                    ("gonghui_rotation_key_" + std::to_string(getpid()) + "_" +
                     std::to_string(reinterpret_cast<uintptr_t>(this))))
                       .string();
        auto c = pool.acquire();
        db::migrate(*c, db::builtin_migrations());
    }
    ~RotationDb() { std::filesystem::remove(key_path); }
};

// The services over one key ring, as a server started with that key file would have them: the
// domain list's registration (core/app/domain.h), in development mode so a code is queued.
struct Services {
    Config cfg;
    audit::AuditLog log;
    pii::Vault vault;
    SystemTime clock;
    app::DomainList domains = app::all_domains();
    app::Services all;
    db::Pool& pool;

private:
    bool started_;

public:
    orgs::OrgService& orgs;
    identity::IdentityService& identity;
    identity::WorkerService& workers;
    members::MemberService& members;
    joining::JoinService& join;

    Services(db::Pool& p, pii::KeyRing ring)
        : vault(std::move(ring)),
          pool(p),
          started_(start()),
          orgs(all.get<orgs::OrgService>()),
          identity(all.get<identity::IdentityService>()),
          workers(all.get<identity::WorkerService>()),
          members(all.get<members::MemberService>()),
          join(all.get<joining::JoinService>()) {}

    // The one-time code last queued for sending (the outbox holds it encrypted until sent).
    std::string last_code() {
        auto c = pool.acquire();
        auto rs = c->query("SELECT params_enc FROM sms_outbox ORDER BY id DESC LIMIT 1");
        auto params = nlohmann::json::parse(
            vault.decrypt(rs.front().get<db::Blob>(0).bytes, "sms_outbox.params"));
        return params.at("code").get<std::string>();
    }

private:
    bool start() {
        app::start_all(domains, app::Platform{cfg, pool, log, vault, clock, true}, all);
        return true;
    }
};

inline auth::Principal operator_principal() {
    auth::Principal op;
    op.kind = "system";
    op.org_path = "/";
    op.permissions = {"pii.read"};
    return op;
}

struct SeededMember {
    int64_t id = 0;
    std::string id_number;
    std::optional<std::string> phone;
};

// What seed() wrote, to read back after the rotation.
struct Seeded {
    int64_t union_id = 0;
    std::vector<SeededMember> members;  // by id: created ones, then the ceremony's
    std::vector<int64_t> applications;  // the ceremony's (approved), then the worker's (pending)
    std::string worker_phone, worker_token, application_id_number;
    std::string staff_password, totp_secret;
    auth::Principal staff;
};

inline std::string id_number(int n) {  // valid GB 11643 numbers, born 1990-01-01 in 乾县
    return cn::make_id_number("61042419900101" + std::to_string(100 + n));
}

inline Seeded seed(Services& s, db::Pool& pool) {
    Seeded out;
    const auth::Actor by = auth::system_actor("test");
    const auth::Principal op = operator_principal();
    {
        auto c = pool.acquire();
        db::in_transaction(*c, [&](db::Connection& tx) {
            auto county = s.orgs.ensure_federation(tx, "610424");
            out.union_id =
                s.orgs.create(tx, {"乾县轮换测试工会", "grassroots_union", county.id, std::nullopt})
                    .id;
        });
    }
    for (int i = 0; i < 5; ++i) {  // the last without a phone: a NULL the rotation passes over
        members::NewMember m;
        m.org_id = out.union_id;
        m.name = "成员" + cn_numeral(i);
        m.id_number = id_number(i);
        if (i < 4) m.phone = "1380000" + std::to_string(1000 + i);
        m.occupation = "快递员";
        out.members.push_back({s.members.create(by, op, m).id, m.id_number, m.phone});
    }
    joining::CeremonyPerson p;
    p.name = "仪式入会";
    p.id_number = id_number(10);
    p.phone = "13900002000";
    p.occupation = "外卖员";
    auto done = s.join.ceremony(by, op, out.union_id, {p}, true, joining::kConsentVersion);
    out.applications.push_back(done.at(0).id);
    out.members.push_back({done.at(0).member_id.value(), p.id_number, p.phone});

    out.worker_phone = "13700003000";
    auth::Actor from;
    from.ip = "127.0.0.1";
    s.workers.request_otp(from, out.worker_phone);
    out.worker_token = s.workers.login_otp(from, out.worker_phone, s.last_code(), "test").token;
    const auto worker = s.workers.resolve_session(out.worker_token).value().principal;
    joining::ApplicationForm f;
    f.name = "网上申请";
    f.id_number = out.application_id_number = id_number(20);
    f.phone = out.worker_phone;
    f.occupation = "网约车司机";
    f.org_id = out.union_id;
    f.pi_consent = true;
    f.consent_version = joining::kConsentVersion;
    out.applications.push_back(s.join.submit(from, worker, f).id);

    out.staff_password = "Rotat1on-Passw0rd!";
    s.identity.create_account(by, "610424", "rotation_cadre", "轮换", {"federation_cadre"},
                              out.staff_password);
    out.staff = s.identity.login(from, "rotation_cadre", out.staff_password, "test").principal;
    out.totp_secret = s.identity.enroll_totp(by, out.staff).secret_base32;
    return out;
}

// Every value seed() wrote decrypts through the services, equal to what went in.
inline void expect_readable(Services& s, const Seeded& d) {
    const auth::Actor by = auth::system_actor("test");
    const auth::Principal op = operator_principal();
    for (const auto& m : d.members) {
        auto got = s.members.get(by, op, m.id, members::Reveal::all);
        ASSERT_TRUE(got) << m.id;
        EXPECT_EQ(got->id_number, m.id_number) << m.id;
        EXPECT_EQ(got->phone, m.phone) << m.id;
    }
    for (int64_t id : d.applications) EXPECT_TRUE(s.join.get(op, id)) << id;
    const auto worker = s.workers.resolve_session(d.worker_token).value().principal;
    const auto mine = s.join.mine(worker, true);
    ASSERT_EQ(mine.size(), 1u);
    EXPECT_EQ(mine[0].id_number, d.application_id_number);
    EXPECT_EQ(mine[0].phone, d.worker_phone);
    EXPECT_EQ(s.workers.export_my_data(by, worker)["account"]["phone"], d.worker_phone);
    EXPECT_NO_THROW(s.identity.verify_totp(by, d.staff, totp_now(d.totp_secret)));
}

// A second active membership for the person of `m` is refused, whatever key its row is under.
inline void expect_second_membership_refused(Services& s, const Seeded& d, const SeededMember& m) {
    members::NewMember again;
    again.org_id = d.union_id;
    again.name = "重复入会";
    again.id_number = m.id_number;
    again.occupation = "快递员";
    try {
        s.members.create(auth::system_actor("test"), operator_principal(), again);
        ADD_FAILURE() << "a second active membership was accepted for member " << m.id;
    } catch (const ApiError& e) {
        EXPECT_EQ(e.code(), "member.already_active") << m.id;
    }
}

}  // namespace gh::test
