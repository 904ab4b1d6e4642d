// Joining (入会) over HTTP on SQLite and PostgreSQL: a worker applies from a phone with the
// separate consent, a cadre of the union's subtree approves or rejects, the worker corrects and
// resubmits, sees the membership and the card; holding pools by county, batches, ceremonies, the
// one-phone rule and its release, concurrent approvals of one person.
#include <regex>
#include <thread>

#include "core/cn/id_number.h"
#include "identity_world.h"
#include "phone.h"

using namespace gh::test;
using nlohmann::json;

namespace {

const std::string kConsent = "pi-consent-2026-11";

std::string person(const char* first17) { return gh::cn::make_id_number(first17); }
std::string code_of(const HttpResponse& r) { return r.json()["error"]["code"]; }

class Joining : public ::testing::Test {
protected:
    static void SetUpTestSuite() { world_ = new IdentityWorld(); }
    static void TearDownTestSuite() { delete world_; }
    static IdentityWorld* world_;

    // A worker signed in with a one-time code (read from the development sender's log line).
    static std::unique_ptr<Phone> sign_in(const std::string& phone) {
        HttpClient c(world_->port());
        EXPECT_EQ(c.post_json("/api/v1/worker/otp", {{"phone", phone}}).status, 200);
        const std::string code = logged_code(*world_->server, phone);
        auto s = std::make_unique<Phone>(world_->port());
        auto r = s->login({{"phone", phone}, {"code", code}});
        EXPECT_EQ(r.status, 200) << r.body;
        return s;
    }
    // A grassroots union under 乾县, created once.
    static int64_t union_id() {
        static int64_t id = [] {
            auto r = world_->ready("qianxian")
                         .send("POST", "/api/v1/orgs",
                               {{"name", "乾县快递业工会"},
                                {"type", "grassroots_union"},
                                {"parent_id", world_->org_id("qianxian", "乾县总工会")}});
            EXPECT_EQ(r.status, 201) << r.body;
            return r.json()["id"].get<int64_t>();
        }();
        return id;
    }
    static json form(const std::string& name, const std::string& id, const std::string& phone,
                     json extra = json::object()) {
        json f = {{"name", name},
                  {"id_number", id},
                  {"phone", phone},
                  {"occupation", "快递员"},
                  {"new_form", true},
                  {"pi_consent", true},
                  {"consent_version", kConsent}};
        if (!extra.contains("workplace_code") && !extra.contains("residence_code") &&
            !extra.contains("org_id")) {
            f["org_id"] = union_id();
        }
        f.update(extra);
        return f;
    }
    static std::string app_path(const json& a, const std::string& tail = "") {
        return "/api/v1/join-applications/" + std::to_string(a["id"].get<int64_t>()) + tail;
    }
    static HttpResponse approve(const std::string& cadre, const json& a) {
        return world_->ready(cadre).send("POST", app_path(a, "/approve"));
    }
    // Two answers to applications alike but for what the sender typed and the row's own id and
    // times: the same status, message and fields.
    static void expect_alike(const HttpResponse& a, const HttpResponse& b) {
        ASSERT_EQ(a.status, 201) << a.body;
        ASSERT_EQ(b.status, 201) << b.body;
        auto strip = [](json j) {
            for (const char* k :
                 {"id", "name", "id_number", "phone", "created_at", "updated_at", "consented_at"}) {
                j.erase(k);
            }
            return j;
        };
        EXPECT_EQ(strip(a.json()), strip(b.json()));
        EXPECT_EQ(a.json()["status"], "pending");
        EXPECT_EQ(a.json()["message"], "申请已提交，我们会核实并通知您");
    }
    static int64_t members_with(const std::string& cadre, const std::string& id) {
        auto r = world_->ready(cadre).get("/api/v1/members?q=" + id);
        EXPECT_EQ(r.status, 200) << r.body;
        return r.json()["total"];
    }
};
IdentityWorld* Joining::world_ = nullptr;

}  // namespace

TEST_F(Joining, ConsentAndAValidIdNumberAreRequired) {
    auto w = sign_in("13600000001");
    const std::string id = person("61042419900101001");
    auto consent = w->get("/api/v1/worker/applications/consent");
    ASSERT_EQ(consent.status, 200) << consent.body;
    EXPECT_EQ(consent.json()["version"], kConsent);

    auto none = w->send("POST", "/api/v1/worker/applications",
                        form("李雷", id, "13600000001", {{"pi_consent", false}}));
    EXPECT_EQ(none.status, 422);
    EXPECT_EQ(code_of(none), "join.consent_required");
    EXPECT_EQ(none.json()["error"]["field"], "pi_consent");
    auto stale = w->send("POST", "/api/v1/worker/applications",
                         form("李雷", id, "13600000001", {{"consent_version", "old"}}));
    EXPECT_EQ(stale.status, 422);
    EXPECT_EQ(code_of(stale), "join.consent_version");

    std::string bad = id;
    bad.back() = bad.back() == '1' ? '2' : '1';
    auto wrong = w->send("POST", "/api/v1/worker/applications", form("李雷", bad, "13600000001"));
    EXPECT_EQ(wrong.status, 422);
    EXPECT_EQ(wrong.json()["error"]["field"], "id_number");
    auto fed = w->send(
        "POST", "/api/v1/worker/applications",
        form("李雷", id, "13600000001", {{"org_id", world_->org_id("qianxian", "乾县总工会")}}));
    EXPECT_EQ(code_of(fed), "join.org_not_union");
    EXPECT_EQ(w->get("/api/v1/worker/applications").json()["items"].size(), 0u);
}

TEST_F(Joining, ApprovedWorkerSeesMembershipAndCard) {
    auto w = sign_in("13600000002");
    const std::string id = person("61042419900101002");
    EXPECT_EQ(w->get("/api/v1/worker/membership").status, 404);
    auto sub = w->send("POST", "/api/v1/worker/applications", form("韩梅", id, "13600000002"));
    ASSERT_EQ(sub.status, 201) << sub.body;
    const json a = sub.json();
    EXPECT_EQ(a["status"], "pending");
    EXPECT_EQ(a["consent_version"], kConsent);
    EXPECT_EQ(a["id_number"].get<std::string>().find(id.substr(6, 8)), std::string::npos);

    // The neighbouring county neither sees nor decides it.
    EXPECT_EQ(world_->ready("binzhou").get(app_path(a)).status, 404);
    EXPECT_EQ(approve("binzhou", a).status, 404);
    auto queue = world_->ready("qianxian").get("/api/v1/join-applications?status=pending");
    ASSERT_EQ(queue.status, 200) << queue.body;
    bool listed = false;
    const json pending = queue.json();
    for (const auto& item : pending["items"]) listed |= item["id"] == a["id"];
    EXPECT_TRUE(listed);
    const json theirs = world_->ready("binzhou").get("/api/v1/join-applications").json();
    for (const auto& item : theirs["items"]) EXPECT_NE(item["id"], a["id"]);

    // The application's audit row is read in the county applied to, not next door (#12, item 9).
    world_->add("qxaudit", "610424", {"audit_admin"});
    world_->add("bzaudit", "610482", {"audit_admin"});
    const std::string row =
        "/api/v1/audit?action=join.submit&entity_id=" + std::to_string(a["id"].get<int64_t>());
    auto here = world_->ready("qxaudit").get(row);
    ASSERT_EQ(here.status, 200) << here.body;
    EXPECT_EQ(here.json()["items"].size(), 1u) << here.body;
    auto there = world_->ready("bzaudit").get(row);
    ASSERT_EQ(there.status, 200) << there.body;
    EXPECT_TRUE(there.json()["items"].empty()) << there.body;

    auto ok = approve("qianxian", a);
    ASSERT_EQ(ok.status, 200) << ok.body;
    EXPECT_EQ(ok.json()["status"], "approved");
    EXPECT_EQ(members_with("qianxian", id), 1);
    EXPECT_EQ(approve("qianxian", a).status, 409);

    auto mine = w->get("/api/v1/worker/membership");
    ASSERT_EQ(mine.status, 200) << mine.body;
    EXPECT_EQ(mine.json()["org_name"], "乾县快递业工会");
    EXPECT_EQ(mine.json()["status"], "active");
    const std::string card_no = mine.json()["card_no"];
    auto card = w->get("/api/v1/worker/membership/card.svg");
    ASSERT_EQ(card.status, 200);
    EXPECT_EQ(card.header("content-type"), "image/svg+xml");
    EXPECT_NE(card.body.find("<svg"), std::string::npos);
    EXPECT_NE(card.body.find(card_no), std::string::npos);
    // Well-formed: no tag names an attribute twice (a browser would show a broken image).
    for (size_t at = card.body.find('<'); at != std::string::npos;
         at = card.body.find('<', at + 1)) {
        const std::string tag = card.body.substr(at, card.body.find('>', at) - at);
        for (const char* attr : {" width=", " height=", " viewBox="}) {
            const auto first = tag.find(attr);
            EXPECT_TRUE(first == std::string::npos ||
                        tag.find(attr, first + 1) == std::string::npos)
                << tag;
        }
    }
    EXPECT_EQ(card.body.find(id), std::string::npos);
    EXPECT_EQ(card.body.find("13600000002"), std::string::npos);

    // The worker's copy of their data holds the application, in full.
    auto copy = w->get("/api/v1/worker/me/data");
    ASSERT_EQ(copy.status, 200) << copy.body;
    ASSERT_EQ(copy.json()["join_applications"].size(), 1u);
    EXPECT_EQ(copy.json()["join_applications"][0]["id_number"], id);

    const std::string member = std::to_string(mine.json()["member_id"].get<int64_t>());
    auto cadre_card = world_->ready("qianxian").get("/api/v1/members/" + member + "/card.svg");
    EXPECT_EQ(cadre_card.status, 200);
    EXPECT_EQ(world_->ready("binzhou").get("/api/v1/members/" + member + "/card.svg").status, 404);
}

TEST_F(Joining, RejectedIsCorrectedAndApprovedButApprovedIsFinal) {
    auto w = sign_in("13600000003");
    const std::string id = person("61042419900101003");
    auto sub = w->send("POST", "/api/v1/worker/applications", form("魏华", id, "13600000003"));
    ASSERT_EQ(sub.status, 201) << sub.body;
    const json a = sub.json();
    auto no_reason = world_->ready("qianxian").send("POST", app_path(a, "/reject"), json::object());
    EXPECT_EQ(no_reason.status, 422);
    EXPECT_EQ(no_reason.json()["error"]["field"], "reason");
    auto rej = world_->ready("qianxian")
                   .send("POST", app_path(a, "/reject"), {{"reason", "姓名与身份证不符"}});
    ASSERT_EQ(rej.status, 200) << rej.body;
    auto listed = w->get("/api/v1/worker/applications").json()["items"][0];
    EXPECT_EQ(listed["status"], "rejected");
    EXPECT_EQ(listed["reject_reason"], "姓名与身份证不符");
    EXPECT_EQ(approve("qianxian", a).status, 409);

    const std::string put = "/api/v1/worker/applications/" + std::to_string(a["id"].get<int64_t>());
    auto again = w->send("PUT", put, form("魏华华", id, "13600000003"));
    ASSERT_EQ(again.status, 200) << again.body;
    EXPECT_EQ(again.json()["status"], "pending");
    EXPECT_EQ(again.json()["reject_reason"], "");
    ASSERT_EQ(approve("qianxian", a).status, 200);
    auto final_put = w->send("PUT", put, form("魏华", id, "13600000003"));
    EXPECT_EQ(final_put.status, 409);
    EXPECT_EQ(code_of(final_put), "join.already_approved");
    EXPECT_EQ(w->get("/api/v1/worker/membership").json()["name"], "魏华华");

    // Someone else's application is not theirs to change.
    auto other = sign_in("13600000013");
    EXPECT_EQ(other->send("PUT", put, form("魏华", id, "13600000003")).status, 404);
    // Already a member: the application is answered exactly as a fresh one would be (it must
    // not tell its sender whose ID number it is); the cadre's approval finds the duplicate.
    auto dup = other->send("POST", "/api/v1/worker/applications", form("魏华", id, "13600000013"));
    auto fresh = other->send("POST", "/api/v1/worker/applications",
                             form("魏华", person("61042419900101033"), "13600000113"));
    expect_alike(dup, fresh);
    auto found = approve("qianxian", dup.json());
    EXPECT_EQ(found.status, 409) << found.body;
    EXPECT_EQ(code_of(found), "member.already_active");
    // The worker learns the outcome from their own application, once a cadre has decided.
    auto no = world_->ready("qianxian")
                  .send("POST", app_path(dup.json(), "/reject"), {{"reason", "已是在册会员"}});
    ASSERT_EQ(no.status, 200) << no.body;
    bool seen = false;
    const json items = other->get("/api/v1/worker/applications").json()["items"];
    for (auto& mine : items) {
        if (mine["id"] != dup.json()["id"]) continue;
        seen = true;
        EXPECT_EQ(mine["status"], "rejected");
        EXPECT_EQ(mine["reject_reason"], "已是在册会员");
    }
    EXPECT_TRUE(seen);
}

TEST_F(Joining, TwoApprovalsOfOnePersonAtOnceMakeOneMember) {
    auto w = sign_in("13600000004");
    const std::string id = person("61042419900101004");
    auto a = w->send("POST", "/api/v1/worker/applications", form("赵敏", id, "13600000004"));
    auto b = w->send("POST", "/api/v1/worker/applications", form("赵敏", id, "13600000004"));
    ASSERT_EQ(a.status, 201) << a.body;
    ASSERT_EQ(b.status, 201) << b.body;
    world_->ready("xianyang");  // signed in before the race
    world_->ready("qianxian");
    HttpResponse ra, rb;
    std::thread t1([&] { ra = approve("qianxian", a.json()); });
    std::thread t2([&] { rb = approve("xianyang", b.json()); });
    t1.join();
    t2.join();
    EXPECT_EQ((ra.status == 200) + (rb.status == 200), 1) << ra.body << rb.body;
    const auto& lost = ra.status == 200 ? rb : ra;
    EXPECT_EQ(lost.status, 409) << lost.body;
    EXPECT_EQ(code_of(lost), "member.already_active");
    EXPECT_EQ(members_with("xianyang", id), 1);
}

TEST_F(Joining, AGigWorkerJoinsTheHoldingPoolOfTheCountyWhereTheyWork) {
    auto w = sign_in("13600000005");
    const std::string id = person("61048219900101005");
    auto unknown = w->send("POST", "/api/v1/worker/applications",
                           form("周强", id, "13600000005", {{"workplace_code", "610425"}}));
    EXPECT_EQ(unknown.status, 422);
    EXPECT_EQ(code_of(unknown), "join.no_federation");
    auto sub = w->send("POST", "/api/v1/worker/applications",
                       form("周强", id, "13600000005",
                            {{"residence_code", "610424"}, {"workplace_code", "610482"}}));
    ASSERT_EQ(sub.status, 201) << sub.body;
    EXPECT_EQ(sub.json()["org_name"], "彬州市总工会会员周转库");
    EXPECT_EQ(world_->ready("qianxian").get(app_path(sub.json())).status, 404);
    ASSERT_EQ(approve("binzhou", sub.json()).status, 200);
    auto mine = w->get("/api/v1/worker/membership").json();
    EXPECT_EQ(mine["org_name"], "彬州市总工会会员周转库");
    auto stats = world_->ready("binzhou").get("/api/v1/orgs/610482/stats").json();
    EXPECT_EQ(stats["unions"], 0) << "the holding pool is not a union";
    EXPECT_EQ(stats["members"], 1);

    // A later transfer moves them to an industry union; their page follows the record.
    auto& cadre = world_->ready("binzhou");
    auto to = cadre.send("POST", "/api/v1/orgs",
                         {{"name", "彬州市快递业工会联合会"},
                          {"type", "industry_federation"},
                          {"parent_id", world_->org_id("binzhou", "彬州市总工会")}});
    ASSERT_EQ(to.status, 201) << to.body;
    auto t = cadre.send(
        "POST",
        "/api/v1/members/" + std::to_string(mine["member_id"].get<int64_t>()) + "/transfers",
        {{"to_org_id", to.json()["id"]}});
    ASSERT_EQ(t.status, 201) << t.body;
    const std::string accept =
        "/api/v1/transfers/" + std::to_string(t.json()["id"].get<int64_t>()) + "/accept";
    ASSERT_EQ(cadre.send("POST", accept).status, 200);
    auto moved = w->get("/api/v1/worker/membership").json();
    EXPECT_EQ(moved["org_name"], "彬州市快递业工会联合会");
    EXPECT_EQ(moved["card_no"], mine["card_no"]);
}

// Two first joins into a county at once: one holding pool, both applications in it.
TEST_F(Joining, TheFirstJoinsRacingCreateOneHoldingPool) {
    auto a = sign_in("13600000009");
    auto b = sign_in("13600000019");
    HttpResponse ra, rb;
    std::thread t1([&] {
        ra = a->send("POST", "/api/v1/worker/applications",
                     form("钱一", person("61040019900101091"), "13600000009",
                          {{"workplace_code", "610400"}}));
    });
    std::thread t2([&] {
        rb = b->send("POST", "/api/v1/worker/applications",
                     form("钱二", person("61040019900101092"), "13600000019",
                          {{"residence_code", "610400"}}));
    });
    t1.join();
    t2.join();
    ASSERT_EQ(ra.status, 201) << ra.body;
    ASSERT_EQ(rb.status, 201) << rb.body;
    EXPECT_EQ(ra.json()["org_id"], rb.json()["org_id"]);
    EXPECT_EQ(ra.json()["org_name"], "咸阳市总工会会员周转库");
}

TEST_F(Joining, ABatchIsApprovedAllOrNothing) {
    auto w = sign_in("13600000006");
    std::vector<json> apps;
    const char* ids[] = {"61042419900101061", "61042419900101062", "61042419900101063"};
    for (int i = 0; i < 3; ++i) {
        auto r = w->send(
            "POST", "/api/v1/worker/applications",
            form("批" + gh::test::cn_numeral(i), person(ids[i]), "1360000016" + std::to_string(i)));
        ASSERT_EQ(r.status, 201) << r.body;
        apps.push_back(r.json());
    }
    auto& cadre = world_->ready("qianxian");
    ASSERT_EQ(cadre.send("POST", app_path(apps[2], "/reject"), {{"reason", "重复"}}).status, 200);
    auto refused = cadre.send("POST", "/api/v1/join-applications/batch-approve",
                              {{"ids", {apps[0]["id"], apps[1]["id"], apps[2]["id"]}}});
    EXPECT_EQ(refused.status, 409) << refused.body;
    EXPECT_EQ(code_of(refused), "join.batch_refused");
    ASSERT_EQ(refused.json()["error"]["problems"].size(), 1u);
    EXPECT_EQ(refused.json()["error"]["problems"][0]["id"], apps[2]["id"]);
    EXPECT_EQ(cadre.get(app_path(apps[0])).json()["status"], "pending");
    EXPECT_EQ(members_with("qianxian", person(ids[0])), 0);

    auto ok = cadre.send("POST", "/api/v1/join-applications/batch-approve",
                         {{"ids", {apps[0]["id"], apps[1]["id"]}}});
    ASSERT_EQ(ok.status, 200) << ok.body;
    EXPECT_EQ(ok.json()["items"].size(), 2u);
    EXPECT_EQ(members_with("qianxian", person(ids[0])), 1);
    EXPECT_EQ(members_with("qianxian", person(ids[1])), 1);
}

TEST_F(Joining, ACeremonyRegistersManyAtOnce) {
    auto& cadre = world_->ready("qianxian");
    const std::string target = "/api/v1/orgs/" + std::to_string(union_id()) + "/ceremony";
    std::string bad = person("61042419900101072");
    bad.back() = bad.back() == '1' ? '2' : '1';
    json people = {{{"name", "仪一"}, {"id_number", person("61042419900101071")}},
                   {{"name", "仪二"}, {"id_number", bad}}};
    auto no_consent = cadre.send("POST", target, {{"people", people}});
    EXPECT_EQ(code_of(no_consent), "join.consent_required");
    auto refused = cadre.send(
        "POST", target, {{"people", people}, {"pi_consent", true}, {"consent_version", kConsent}});
    EXPECT_EQ(refused.status, 422) << refused.body;
    EXPECT_EQ(refused.json()["error"]["problems"][0]["index"], 1);
    EXPECT_EQ(members_with("qianxian", person("61042419900101071")), 0);

    people[1]["id_number"] = person("61042419900101072");
    auto ok = cadre.send("POST", target,
                         {{"people", people}, {"pi_consent", true}, {"consent_version", kConsent}});
    ASSERT_EQ(ok.status, 201) << ok.body;
    EXPECT_EQ(ok.json()["items"].size(), 2u);
    EXPECT_EQ(ok.json()["items"][0]["status"], "approved");
    EXPECT_EQ(ok.json()["items"][0]["source"], "ceremony");
    EXPECT_EQ(members_with("qianxian", person("61042419900101072")), 1);
    auto other =
        "/api/v1/orgs/" + std::to_string(world_->org_id("binzhou", "彬州市总工会")) + "/ceremony";
    EXPECT_EQ(cadre
                  .send("POST", other,
                        {{"people", people}, {"pi_consent", true}, {"consent_version", kConsent}})
                  .status,
              404);
}

TEST_F(Joining, APhoneIsOnePersonsUntilACountyCadreReleasesIt) {
    auto w = sign_in("13600000008");
    const std::string first = person("61042419900101081");
    auto a = w->send("POST", "/api/v1/worker/applications", form("甲", first, "13600000088"));
    ASSERT_EQ(a.status, 201) << a.body;
    auto ok = approve("qianxian", a.json());
    ASSERT_EQ(ok.status, 200) << ok.body;
    const std::string member = std::to_string(ok.json()["member_id"].get<int64_t>());

    const std::string second = person("61042419900101082");
    // Someone's phone: answered as any application (it must not say the number is taken); the
    // cadre's approval is refused while the number is another member's.
    auto taken = w->send("POST", "/api/v1/worker/applications", form("乙", second, "13600000088"));
    auto fresh = w->send("POST", "/api/v1/worker/applications",
                         form("乙", person("61042419900101084"), "13600000089"));
    expect_alike(taken, fresh);
    auto refused = approve("qianxian", taken.json());
    EXPECT_EQ(refused.status, 409) << refused.body;
    EXPECT_EQ(code_of(refused), "member.phone_taken");
    EXPECT_EQ(refused.json()["error"]["field"], "phone");

    EXPECT_EQ(world_->ready("binzhou")
                  .send("POST", "/api/v1/members/" + member + "/release-phone")
                  .status,
              404);
    auto released =
        world_->ready("qianxian").send("POST", "/api/v1/members/" + member + "/release-phone");
    ASSERT_EQ(released.status, 200) << released.body;
    auto m = world_->ready("qianxian").get("/api/v1/members/" + member).json();
    EXPECT_TRUE(m["phone"].is_null());
    auto audit = world_->ready("auditadm").get("/api/v1/audit?action=member.phone.release");
    ASSERT_EQ(audit.status, 200) << audit.body;
    EXPECT_EQ(audit.json()["items"].size(), 1u) << audit.body;

    // Released: the same application can now be approved.
    auto now_free = approve("qianxian", taken.json());
    EXPECT_EQ(now_free.status, 200) << now_free.body;
    // A pending application does not hold a number (anyone could send one): the first
    // approval does, and the next person's approval with it is refused.
    auto third = w->send("POST", "/api/v1/worker/applications",
                         form("丙", person("61042419900101083"), "13600000089"));
    expect_alike(third, fresh);
    auto fresh_approval = approve("qianxian", fresh.json());
    EXPECT_EQ(fresh_approval.status, 200) << fresh_approval.body;
    auto third_approval = approve("qianxian", third.json());
    EXPECT_EQ(third_approval.status, 409) << third_approval.body;
    EXPECT_EQ(code_of(third_approval), "member.phone_taken");
}
