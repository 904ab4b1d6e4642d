// Sign-in, passwords, lockout, CSRF, two factors, separation of duties, audit — over HTTP, on
// SQLite and PostgreSQL.
#include <algorithm>
#include <regex>

#include "identity_world.h"

using namespace gh::test;

namespace {

class Identity : public ::testing::Test {
protected:
    static void SetUpTestSuite() { world_ = new IdentityWorld(); }
    static void TearDownTestSuite() { delete world_; }
    static IdentityWorld* world_;
};
IdentityWorld* Identity::world_ = nullptr;

}  // namespace

TEST_F(Identity, WrongPasswordAndUnknownUserLookTheSame) {
    StaffSession s(world_->port());
    auto wrong = s.login("binzhou", "not-the-password");
    auto unknown = s.login("nobody-here", "not-the-password");
    EXPECT_EQ(wrong.status, 401);
    EXPECT_EQ(unknown.status, 401);
    EXPECT_EQ(wrong.json()["error"]["code"], "auth.invalid_credentials");
    EXPECT_EQ(unknown.json()["error"]["code"], "auth.invalid_credentials");
}

TEST_F(Identity, FirstLoginMustChangeThePasswordUnderPolicy) {
    StaffSession s(world_->port());
    auto r = s.login("qianxian", kInitial);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_TRUE(r.json()["must_change_password"]);
    EXPECT_NE(r.header("set-cookie").find("HttpOnly"), std::string::npos);
    EXPECT_NE(r.header("set-cookie").find("SameSite=Strict"), std::string::npos);
    // Nothing but the password change until it is done.
    auto blocked = s.get("/api/v1/orgs");
    EXPECT_EQ(blocked.status, 403);
    EXPECT_EQ(blocked.json()["error"]["code"], "auth.password_change_required");
    // A state change without the CSRF header is refused even with a valid cookie.
    auto no_csrf = s.send("POST", "/api/v1/auth/password",
                          {{"old_password", kInitial}, {"new_password", kChanged}}, false);
    EXPECT_EQ(no_csrf.status, 403);
    EXPECT_EQ(no_csrf.json()["error"]["code"], "auth.csrf");
    auto weak = s.send("POST", "/api/v1/auth/password",
                       {{"old_password", kInitial}, {"new_password", "short1A!"}});
    EXPECT_EQ(weak.status, 422);
    EXPECT_EQ(weak.json()["error"]["code"], "password.too_short");
    EXPECT_EQ(weak.json()["error"]["field"], "new_password");
    auto common = s.send("POST", "/api/v1/auth/password",
                         {{"old_password", kInitial}, {"new_password", "Password1234!"}});
    EXPECT_EQ(common.json()["error"]["code"], "password.common");
    auto with_name = s.send("POST", "/api/v1/auth/password",
                            {{"old_password", kInitial}, {"new_password", "Qianxian-2026!x"}});
    EXPECT_EQ(with_name.json()["error"]["code"], "password.contains_username");
    auto ok = s.send("POST", "/api/v1/auth/password",
                     {{"old_password", kInitial}, {"new_password", kChanged}});
    ASSERT_EQ(ok.status, 200) << ok.body;
    EXPECT_EQ(s.get("/api/v1/orgs").status, 200);
    // And the new password is the one that works now.
    StaffSession again(world_->port());
    EXPECT_EQ(again.login("qianxian", kInitial).status, 401);
    EXPECT_EQ(again.login("qianxian", kChanged).status, 200);
}

TEST(IdentityLockout, FiveFailuresLockTheAccountEvenAcrossARestart) {
    IdentityWorld world;
    IdentityWorld* world_ = &world;
    world_->add("lockme", "610424", {"union_cadre"});
    StaffSession s(world_->port());
    for (int i = 0; i < 4; ++i) EXPECT_EQ(s.login("lockme", "wrong-password").status, 401);
    auto fifth = s.login("lockme", "wrong-password");
    EXPECT_EQ(fifth.status, 423);
    EXPECT_FALSE(fifth.json()["error"]["unlock_at"].get<std::string>().empty());
    auto right = s.login("lockme", kInitial);
    EXPECT_EQ(right.status, 423) << "locked means locked, even for the right password";
    world_->server.reset();
    world_->start();
    StaffSession after(world_->port());
    EXPECT_EQ(after.login("lockme", kInitial).status, 423);
}

TEST_F(Identity, AdministratorsNeedASecondFactorAndEachCodeWorksOnce) {
    world_->add("sysadm_totp", "610000", {"admin"});
    StaffSession s(world_->port());
    auto r = s.login("sysadm_totp", kInitial);
    ASSERT_EQ(r.status, 200);
    EXPECT_TRUE(r.json()["mfa_required"]);
    ASSERT_EQ(s.send("POST", "/api/v1/auth/password",
                     {{"old_password", kInitial}, {"new_password", kChanged}})
                  .status,
              200);
    auto pending = s.get("/api/v1/accounts");
    EXPECT_EQ(pending.status, 403);
    EXPECT_EQ(pending.json()["error"]["code"], "auth.mfa_required");
    auto e = s.send("POST", "/api/v1/auth/totp/enroll");
    ASSERT_EQ(e.status, 200) << e.body;
    EXPECT_NE(e.json()["qr_svg"].get<std::string>().find("<svg"), std::string::npos);
    EXPECT_EQ(e.json()["otpauth_uri"].get<std::string>().rfind("otpauth://totp/", 0), 0u);
    auto bad = s.send("POST", "/api/v1/auth/totp/verify", {{"code", "000000"}});
    EXPECT_EQ(bad.status, 422);
    std::string code = totp_now(e.json()["secret"]);
    ASSERT_EQ(s.send("POST", "/api/v1/auth/totp/verify", {{"code", code}}).status, 200);
    EXPECT_EQ(s.get("/api/v1/accounts").status, 200);
    // A second sign-in with the same code is refused: codes are single-use.
    StaffSession again(world_->port());
    ASSERT_EQ(again.login("sysadm_totp", kChanged).status, 200);
    auto replay = again.send("POST", "/api/v1/auth/totp/verify", {{"code", code}});
    EXPECT_EQ(replay.status, 422);
}

TEST_F(Identity, SeparationOfDuties) {
    auto* sec = &world_->ready("secadm");
    auto* sys = &world_->ready("sysadm");
    auto* aud = &world_->ready("auditadm");
    auto accounts = sec->get("/api/v1/accounts?limit=100");
    ASSERT_EQ(accounts.status, 200) << accounts.body;
    int64_t target = 0;
    auto a_json = accounts.json();

    for (auto& a : a_json["items"]) {
        if (a["username"] == "binzhou") target = a["id"];
    }
    ASSERT_GT(target, 0) << accounts.body;
    auto both = sec->send("PUT", "/api/v1/accounts/" + std::to_string(target) + "/roles",
                          {{"roles", {"admin", "audit_admin"}}});
    EXPECT_EQ(both.status, 422);
    EXPECT_EQ(both.json()["error"]["code"], "role.separation_of_duties");
    auto grant = sec->send("PUT", "/api/v1/accounts/" + std::to_string(target) + "/roles",
                           {{"roles", {"federation_cadre", "union_cadre"}}});
    EXPECT_EQ(grant.status, 200) << grant.body;
    // The system administrator cannot read the audit log; the auditor cannot grant roles.
    EXPECT_EQ(sys->get("/api/v1/audit").status, 403);
    auto aud_grant = aud->send("PUT", "/api/v1/accounts/" + std::to_string(target) + "/roles",
                               {{"roles", {"union_cadre"}}});
    EXPECT_EQ(aud_grant.status, 403);
    EXPECT_EQ(aud->get("/api/v1/audit").status, 200);
}

TEST_F(Identity, EveryWriteIsAuditedAndTheChainVerifies) {
    StaffSession s(world_->port());
    s.login("binzhou", "definitely-wrong");
    auto* aud = &world_->ready("auditadm");
    auto failed = aud->get("/api/v1/audit?action=auth.login_failed&limit=50");
    ASSERT_EQ(failed.status, 200) << failed.body;
    bool seen = false;
    auto row_json = failed.json();

    for (auto& row : row_json["items"]) seen |= row["actor_name"] == "binzhou";
    EXPECT_TRUE(seen);
    auto v = aud->get("/api/v1/audit/verify");
    EXPECT_TRUE(v.json()["ok"]) << v.body;
    EXPECT_EQ(
        run_gonghui({"audit", "verify", "--db", world_->db.url(), "--key-file", world_->key_file})
            .exit_code,
        0);
}

TEST_F(Identity, MeRepeatsTheSessionsCsrfTokenForANewTab) {
    world_->ready("xianyang");
    StaffSession s(world_->port());
    ASSERT_EQ(s.login("xianyang", kChanged).status, 200);
    auto me = s.get("/api/v1/auth/me");
    ASSERT_EQ(me.status, 200) << me.body;
    EXPECT_EQ(me.json()["csrf_token"], s.csrf());
    EXPECT_EQ(me.header("cache-control"), "no-store");
    auto perms = me.json()["permissions"];
    EXPECT_NE(std::find(perms.begin(), perms.end(), "member.read"), perms.end());
    // A tab that only has the cookie: the token from /auth/me makes its state changes pass.
    HttpClient tab(world_->port());
    auto fresh = tab.request("GET", "/api/v1/auth/me", "", {{"cookie", s.cookie()}});
    ASSERT_EQ(fresh.status, 200);
    const std::string token = fresh.json()["csrf_token"];
    // (A wrong old password: past the CSRF check, nothing changes.)
    const std::string body = R"({"old_password":"not-it","new_password":"An0ther-Passw0rd!"})";
    auto refused = tab.request("POST", "/api/v1/auth/password", body,
                               {{"cookie", s.cookie()}, {"content-type", "application/json"}});
    EXPECT_EQ(refused.status, 403);
    EXPECT_EQ(refused.json()["error"]["code"], "auth.csrf");
    auto allowed = tab.request(
        "POST", "/api/v1/auth/password", body,
        {{"cookie", s.cookie()}, {"content-type", "application/json"}, {"x-csrf-token", token}});
    EXPECT_EQ(allowed.status, 422) << allowed.body;
    EXPECT_EQ(allowed.json()["error"]["code"], "auth.old_password_wrong");
    // Another session's token is not this one's.
    StaffSession other(world_->port());
    ASSERT_EQ(other.login("xianyang", kChanged).status, 200);
    EXPECT_NE(other.get("/api/v1/auth/me").json()["csrf_token"], token);
}

TEST_F(Identity, LogoutEndsTheSession) {
    world_->ready("xianyang");  // past the initial password
    auto s = std::make_unique<StaffSession>(world_->port());
    ASSERT_EQ(s->login("xianyang", kChanged).status, 200);
    EXPECT_EQ(s->get("/api/v1/auth/me").status, 200);
    EXPECT_EQ(s->send("POST", "/api/v1/auth/logout").status, 204);
    EXPECT_EQ(s->get("/api/v1/auth/me").status, 401);
}

TEST_F(Identity, LogOutMyOtherSessions) {
    world_->ready("xianyang");
    auto a = std::make_unique<StaffSession>(world_->port());
    ASSERT_EQ(a->login("xianyang", kChanged).status, 200);
    StaffSession b(world_->port());
    ASSERT_EQ(b.login("xianyang", kChanged).status, 200);
    auto r = a->send("POST", "/api/v1/auth/sessions/logout-others");
    ASSERT_EQ(r.status, 200);
    EXPECT_GE(r.json()["revoked"].get<int>(), 1);
    EXPECT_EQ(b.get("/api/v1/auth/me").status, 401);
    EXPECT_EQ(a->get("/api/v1/auth/me").status, 200);
}

TEST(IdentityKeys, RotationReencryptsSecretsAndTheyStayUsable) {
    IdentityWorld world;
    world.add("rot_admin", "610000", {"admin"});
    StaffSession s(world.port());
    ASSERT_EQ(s.login("rot_admin", kInitial).status, 200);
    ASSERT_EQ(s.send("POST", "/api/v1/auth/password",
                     {{"old_password", kInitial}, {"new_password", kChanged}})
                  .status,
              200);
    auto e = s.send("POST", "/api/v1/auth/totp/enroll");  // secret stored, not yet verified
    ASSERT_EQ(e.status, 200) << e.body;
    // A worker signs up, so there is an encrypted phone number to rotate too.
    HttpClient w(world.port());
    ASSERT_EQ(w.post_json("/api/v1/worker/otp", {{"phone", "13700001111"}}).status, 200);
    const std::string code = logged_code(*world.server, "13700001111");
    auto signup = w.post_json("/api/v1/worker/login", {{"phone", "13700001111"}, {"code", code}});
    ASSERT_EQ(signup.status, 200) << signup.body;
    world.server.reset();  // rotate while stopped: a running server knows only the old keys

    auto r =
        run_gonghui({"pii", "rotate-key", "--db", world.db.url(), "--key-file", world.key_file});
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("staff_accounts.totp_secret: 已重新加密 / re-encrypted 1 row(s) under "
                            "key 2"),
              std::string::npos)
        << r.output;
    EXPECT_NE(
        r.output.find("worker_accounts.phone: 已重新加密 / re-encrypted 1 row(s) under key 2"),
        std::string::npos)
        << r.output;
    // `pii reencrypt`, the first name of `pii resume-rotation`, still works.
    auto again =
        run_gonghui({"pii", "reencrypt", "--db", world.db.url(), "--key-file", world.key_file});
    EXPECT_NE(again.output.find("staff_accounts.totp_secret: 已重新加密 / re-encrypted 0 row(s)"),
              std::string::npos)
        << again.output;

    auto c = gh::db::connect(gh::db::parse_url(world.db.url()));
    auto blob = c->query("SELECT totp_secret_enc FROM staff_accounts WHERE username = ?",
                         {std::string("rot_admin")})
                    .front()
                    .get<gh::db::Blob>(0)
                    .bytes;
    ASSERT_GE(blob.size(), 5u);
    EXPECT_EQ(static_cast<unsigned char>(blob[4]), 2);  // key id 2, big-endian after the version

    world.start();
    StaffSession after(world.port());
    ASSERT_EQ(after.login("rot_admin", kChanged).status, 200);
    auto v =
        after.send("POST", "/api/v1/auth/totp/verify", {{"code", totp_now(e.json()["secret"])}});
    EXPECT_EQ(v.status, 200) << v.body;  // decrypted under the new key
}

TEST_F(Identity, AuditExportsAsAWorkbookAndRecordsTheExport) {
    auto& aud = world_->ready("auditadm");
    auto x = aud.get("/api/v1/audit/export?action=auth.");
    ASSERT_EQ(x.status, 200) << x.body.substr(0, 200);
    EXPECT_EQ(x.header("content-type"),
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    EXPECT_EQ(x.body.rfind("PK\x03\x04", 0), 0u);
    EXPECT_NE(x.header("content-disposition").find("audit-log.xlsx"), std::string::npos);
    auto rows = aud.get("/api/v1/audit?action=audit.export").json();
    EXPECT_GE(rows["items"].size(), 1u);
    // Time filters: nothing happens in the future; a malformed time is the caller's mistake.
    EXPECT_EQ(aud.get("/api/v1/audit?from=2199-01-01").json()["items"].size(), 0u);
    EXPECT_EQ(aud.get("/api/v1/audit?from=yesterday").status, 400);
    EXPECT_EQ(aud.get("/api/v1/audit?from=2999-01-01").status, 400);  // past what clocks hold
    EXPECT_EQ(world_->ready("sysadm").get("/api/v1/audit/export").status, 403);
}

TEST(IdentityAudit, HardenRevokesTheAppRolesRightToRewriteTheLog) {
    TestDatabase db;
    ASSERT_EQ(run_gonghui({"migrate", "--db", db.url()}).exit_code, 0);
    auto r = run_gonghui({"audit", "harden", "--db", db.url(), "--app-role", "gonghui_app"});
    if (db.backend() == gh::db::Backend::sqlite) {
        EXPECT_EQ(r.exit_code, 2) << r.output;  // no roles in SQLite: said, not pretended
        return;
    }
    auto c = gh::db::connect(gh::db::parse_url(db.url()));
    c->exec_script(
        "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'gonghui_app') THEN "
        "CREATE ROLE gonghui_app; END IF; END $$;"
        "GRANT SELECT, INSERT, UPDATE, DELETE ON audit_log TO gonghui_app");
    r = run_gonghui({"audit", "harden", "--db", db.url(), "--app-role", "gonghui_app"});
    ASSERT_EQ(r.exit_code, 0) << r.output;
    auto priv = c->query(
        "SELECT has_table_privilege('gonghui_app', 'audit_log', 'UPDATE'), "
        "has_table_privilege('gonghui_app', 'audit_log', 'DELETE'), "
        "has_table_privilege('gonghui_app', 'audit_log', 'INSERT')");
    EXPECT_FALSE(priv[0].get<bool>(0));
    EXPECT_FALSE(priv[0].get<bool>(1));
    EXPECT_TRUE(priv[0].get<bool>(2));
    EXPECT_EQ(
        run_gonghui({"audit", "harden", "--db", db.url(), "--app-role", "bad;role"}).exit_code, 2);
}

TEST(IdentityAudit, PrunePastRetentionKeepsTheRestVerifiable) {
    TestDatabase db;
    auto key =
        (std::filesystem::temp_directory_path() / ("gonghui_prune_" + std::to_string(getpid())))
            .string();
    ASSERT_EQ(run_gonghui({"migrate", "--db", db.url()}).exit_code, 0);
    for (const char* u : {"old1", "old2", "recent"}) {
        ASSERT_EQ(run_gonghui({"user", "add", "--db", db.url(), "--key-file", key, "--org",
                               "610424", "--role", "union_cadre", "--username", u})
                      .exit_code,
                  0);
    }
    auto c = gh::db::connect(gh::db::parse_url(db.url()));
    // Age the first two rows (this also breaks their hashes: they are about to go).
    c->execute("UPDATE audit_log SET at = '2020-01-01T00:00:00.000Z' WHERE id <= 2");
    EXPECT_EQ(run_gonghui(
                  {"audit", "prune", "--db", db.url(), "--key-file", key, "--retention-days", "30"})
                  .exit_code,
              2);  // below the legal minimum
    auto p = run_gonghui({"audit", "prune", "--db", db.url(), "--key-file", key});
    ASSERT_EQ(p.exit_code, 0) << p.output;
    EXPECT_NE(p.output.find("pruned 2 audit row(s)"), std::string::npos) << p.output;
    auto v = run_gonghui({"audit", "verify", "--db", db.url(), "--key-file", key});
    EXPECT_EQ(v.exit_code, 0) << v.output;
    // What remains is still protected.
    c->execute("UPDATE audit_log SET detail = '{}' WHERE id = 3");
    auto broken = run_gonghui({"audit", "verify", "--db", db.url(), "--key-file", key});
    EXPECT_EQ(broken.exit_code, 1);
    EXPECT_NE(broken.output.find("row 3"), std::string::npos) << broken.output;
    std::filesystem::remove(key);
}
