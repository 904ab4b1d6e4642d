// A transfer requested by the receiving union (issue #5, #12): a 彬州 cadre asks for a 乾县
// member by ID number and learns nothing — the answer is the same whether anybody holds the
// number, and the member's status is left alone; the giving side (乾县) finds the request among
// its outgoing transfers (direction=outgoing: the list is about where the member moves, not who
// asked) and accepts (the member moves) or declines. Until then the request is not in the
// requester's list, nor its to cancel. Both counties' stats follow an accept.
#include "core/cn/id_number.h"
#include "identity_world.h"

using namespace gh::test;
using nlohmann::json;

namespace {

std::string person(const char* first17) { return gh::cn::make_id_number(first17); }

class TransferRequest : public ::testing::Test {
protected:
    static void SetUpTestSuite() { world_ = new IdentityWorld(); }
    static void TearDownTestSuite() { delete world_; }
    static IdentityWorld* world_;

    static int64_t qianxian() { return world_->org_id("qianxian", "乾县总工会"); }
    static int64_t binzhou() { return world_->org_id("binzhou", "彬州市总工会"); }

    static json join(const std::string& name, const std::string& id_number) {
        json body = {{"org_id", qianxian()}, {"name", name}, {"id_number", id_number}};
        auto r = world_->ready("qianxian").send("POST", "/api/v1/members", body);
        EXPECT_EQ(r.status, 201) << r.body;
        return r.json();
    }
    // 彬州 asks for the holder of `id_number` into its own union.
    static HttpResponse ask(const std::string& id_number, int64_t to = 0) {
        return world_->ready("binzhou").send(
            "POST", "/api/v1/transfers/requests",
            {{"id_number", id_number}, {"to_org_id", to ? to : binzhou()}, {"reason", "本人申请"}});
    }
    // The giving side's pending request for member `m`, as 乾县 lists it (nullopt: none).
    static std::optional<json> pending_for(const json& m) {
        auto r =
            world_->ready("qianxian").get("/api/v1/transfers?direction=outgoing&status=pending");
        EXPECT_EQ(r.status, 200) << r.body;
        std::optional<json> found;
        const json items = r.json()["items"];  // kept: the range must outlive the loop
        for (auto& item : items) {
            if (item["member_id"] == m["id"]) {
                EXPECT_FALSE(found.has_value()) << "two pending requests for one member";
                found = item;
            }
        }
        return found;
    }
    static std::string status_of(const json& m) {
        return world_->ready("qianxian").get(member(m)).json()["status"];
    }
    static void expect_sent(const HttpResponse& r) {
        EXPECT_EQ(r.status, 202) << r.body;
        EXPECT_EQ(
            r.json(),
            json({{"sent", true}, {"to_org_id", binzhou()}, {"message", "已发出，由转出方确认"}}));
    }
    static std::string transfer(const json& t, const std::string& action) {
        return "/api/v1/transfers/" + std::to_string(t["id"].get<int64_t>()) + "/" + action;
    }
    static std::string member(const json& m) {
        return "/api/v1/members/" + std::to_string(m["id"].get<int64_t>());
    }
    static std::string code(const HttpResponse& r) {
        return r.json()["error"]["code"].get<std::string>();
    }
    static int64_t members_of(const std::string& user, int64_t org) {
        auto r = world_->ready(user).get("/api/v1/orgs/" + std::to_string(org) + "/stats");
        EXPECT_EQ(r.status, 200) << r.body;
        return r.json()["members"].get<int64_t>();
    }
    static std::optional<json> listed(const std::string& user, const std::string& query,
                                      const json& t) {
        auto r = world_->ready(user).get("/api/v1/transfers?" + query);
        EXPECT_EQ(r.status, 200) << r.body;
        const json items = r.json()["items"];
        for (auto& item : items) {
            if (item["id"] == t["id"]) return item;
        }
        return std::nullopt;
    }
};
IdentityWorld* TransferRequest::world_ = nullptr;

}  // namespace

TEST_F(TransferRequest, GivingSideAcceptsAndTheMemberMovesWithTheStats) {
    const std::string id = person("61042419880808444");
    const json m = join("郑十一", id);
    const int64_t q_before = members_of("qianxian", qianxian());
    const int64_t b_before = members_of("binzhou", binzhou());

    auto asked = ask(id);
    expect_sent(asked);
    // Nothing about the person, the card or the giving union.
    EXPECT_EQ(asked.body.find(id), std::string::npos);
    EXPECT_EQ(asked.body.find("郑"), std::string::npos);
    EXPECT_EQ(asked.body.find(m["card_no"].get<std::string>()), std::string::npos);
    EXPECT_EQ(asked.body.find("乾县"), std::string::npos);
    // Nothing is marked until the giving side sees it.
    EXPECT_EQ(status_of(m), "active");

    // The giving side decides; it sees the request among its outgoing transfers, unmasked.
    auto t = pending_for(m);
    ASSERT_TRUE(t.has_value());
    EXPECT_EQ((*t)["requested_by_side"], "to");
    EXPECT_EQ((*t)["member_name"], "郑十一");
    EXPECT_EQ((*t)["to_org_id"], binzhou());
    EXPECT_EQ((*t)["to_org_name"], "彬州市总工会");
    // The requester does not see it while pending (that a row appeared would say who matched).
    EXPECT_FALSE(listed("binzhou", "direction=incoming&status=pending", *t).has_value());
    EXPECT_FALSE(listed("binzhou", "direction=incoming", *t).has_value());

    // The requester cannot decide (nor cancel) it; the giving side cannot cancel it.
    EXPECT_EQ(world_->ready("binzhou").send("POST", transfer(*t, "accept")).status, 404);
    EXPECT_EQ(world_->ready("binzhou").send("POST", transfer(*t, "decline")).status, 404);
    EXPECT_EQ(world_->ready("binzhou").send("POST", transfer(*t, "cancel")).status, 404);
    EXPECT_EQ(world_->ready("qianxian").send("POST", transfer(*t, "cancel")).status, 404);
    EXPECT_EQ(status_of(m), "active");

    auto accepted = world_->ready("qianxian").send("POST", transfer(*t, "accept"));
    ASSERT_EQ(accepted.status, 200) << accepted.body;
    EXPECT_EQ(accepted.json()["status"], "accepted");
    EXPECT_EQ(accepted.json()["decided_by"], "staff:qianxian");

    EXPECT_EQ(world_->ready("qianxian").get(member(m)).status, 404);
    auto moved = world_->ready("binzhou").get(member(m));
    ASSERT_EQ(moved.status, 200) << moved.body;
    EXPECT_EQ(moved.json()["org_id"], binzhou());
    EXPECT_EQ(moved.json()["status"], "active");
    EXPECT_EQ(moved.json()["card_no"], m["card_no"]);
    EXPECT_EQ(members_of("qianxian", qianxian()), q_before - 1);
    EXPECT_EQ(members_of("binzhou", binzhou()), b_before + 1);
    // Decided, the request is in the receiving side's list: the member is its own now.
    auto in = listed("binzhou", "direction=incoming", *t);
    ASSERT_TRUE(in.has_value());
    EXPECT_EQ((*in)["status"], "accepted");
    EXPECT_EQ((*in)["from_org_name"], "乾县总工会");
    auto history = world_->ready("binzhou").get(member(m) + "/history");
    ASSERT_EQ(history.status, 200) << history.body;
    EXPECT_NE(history.body.find("accepted"), std::string::npos) << history.body;

    // Now 彬州's own member: asking again is pointless.
    auto same = ask(id);
    ASSERT_EQ(same.status, 422) << same.body;
    EXPECT_EQ(code(same), "transfer.same_scope");
}

TEST_F(TransferRequest, DeclineKeepsTheMemberAndASecondAskIsAnsweredAlike) {
    const std::string id = person("61042419890909555");
    const json m = join("钱十二", id);
    expect_sent(ask(id));
    auto first = pending_for(m);
    ASSERT_TRUE(first.has_value());
    auto declined = world_->ready("qianxian").send("POST", transfer(*first, "decline"));
    ASSERT_EQ(declined.status, 200) << declined.body;
    EXPECT_EQ(declined.json()["status"], "declined");
    auto kept = world_->ready("qianxian").get(member(m));
    EXPECT_EQ(kept.json()["org_id"], qianxian());
    EXPECT_EQ(kept.json()["status"], "active");
    EXPECT_EQ(world_->ready("binzhou").get(member(m)).status, 404);

    expect_sent(ask(id));
    auto second = pending_for(m);
    ASSERT_TRUE(second.has_value());
    // Asked again while pending: the same answer, and still one request, the member untouched.
    expect_sent(ask(id));
    auto still = pending_for(m);
    ASSERT_TRUE(still.has_value());
    EXPECT_EQ((*still)["id"], (*second)["id"]);
    EXPECT_EQ(status_of(m), "active");
    // Nor can the giving side send the member elsewhere while the request waits.
    auto outward = world_->ready("qianxian")
                       .send("POST", member(m) + "/transfers", {{"to_org_id", binzhou()}});
    ASSERT_EQ(outward.status, 409) << outward.body;
    EXPECT_EQ(code(outward), "member.in_transfer");
    EXPECT_EQ(status_of(m), "active");

    // The membership ends while the request waits: accepting it is refused, nothing moves.
    auto left = world_->ready("qianxian")
                    .send("POST", member(m) + "/status", {{"status", "left"}, {"reason", "退会"}});
    ASSERT_EQ(left.status, 200) << left.body;
    auto late = world_->ready("qianxian").send("POST", transfer(*second, "accept"));
    ASSERT_EQ(late.status, 409) << late.body;
    EXPECT_EQ(code(late), "member.not_active");
    EXPECT_EQ(world_->ready("qianxian").get(member(m)).json()["org_id"], qianxian());
    EXPECT_TRUE(pending_for(m).has_value());
}

TEST_F(TransferRequest, WhoeverHoldsTheNumberTheAnswerIsTheSame) {
    const std::string member_id = person("61042419920202777");
    const json m = join("周十四", member_id);
    // Put in transfer by the giving side: asking for them changes nothing either.
    const std::string moving_id = person("61042419930303888");
    const json moving = join("吴十五", moving_id);
    auto out = world_->ready("qianxian")
                   .send("POST", member(moving) + "/transfers", {{"to_org_id", binzhou()}});
    ASSERT_EQ(out.status, 201) << out.body;
    const json moving_transfer = out.json();

    auto matched = ask(member_id);
    auto unknown = ask(person("61042419700101999"));
    auto in_transfer = ask(moving_id);
    expect_sent(matched);
    expect_sent(unknown);
    expect_sent(in_transfer);
    EXPECT_EQ(unknown.body, matched.body);
    EXPECT_EQ(in_transfer.body, matched.body);
    EXPECT_EQ(status_of(m), "active");
    EXPECT_EQ(status_of(moving), "transferring");
    auto giving = pending_for(moving);
    ASSERT_TRUE(giving.has_value());
    EXPECT_EQ((*giving)["id"], moving_transfer["id"]) << "no second request was stored";
    EXPECT_EQ((*giving)["requested_by_side"], "from");

    // The audit log, for the security staff, tells them apart (and holds no ID number).
    auto audit = world_->ready("auditadm").get("/api/v1/audit?action=member.transfer.request");
    ASSERT_EQ(audit.status, 200) << audit.body;
    EXPECT_NE(audit.body.find("no_member"), std::string::npos) << audit.body;
    EXPECT_NE(audit.body.find("not_active"), std::string::npos) << audit.body;
    EXPECT_EQ(audit.body.find(member_id), std::string::npos);
}

TEST_F(TransferRequest, InvalidOrForeignTargetIsRefused) {
    EXPECT_EQ(ask("not-an-id").status, 422);

    // The receiving org must lie in the caller's scope, whoever holds the number.
    const std::string id = person("61042419910101666");
    join("孙十三", id);
    auto foreign = ask(id, qianxian());
    ASSERT_EQ(foreign.status, 422) << foreign.body;
    EXPECT_EQ(code(foreign), "transfer.org");
    auto foreign_unknown = ask(person("61042419700101888"), qianxian());
    ASSERT_EQ(foreign_unknown.status, 422) << foreign_unknown.body;
    EXPECT_EQ(code(foreign_unknown), "transfer.org");
}
