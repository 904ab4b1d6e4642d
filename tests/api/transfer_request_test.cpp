// A transfer requested by the receiving union (issue #5): a 彬州 cadre asks for a 乾县 member by
// ID number and learns only masked data; the giving side (乾县) finds it among its outgoing
// transfers (direction=outgoing: the list is about where the member moves, not who asked) and
// accepts or declines; the requester may only cancel. Both counties' stats follow an accept.
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
    ASSERT_EQ(asked.status, 201) << asked.body;
    const json t = asked.json();
    EXPECT_EQ(t["status"], "pending");
    EXPECT_EQ(t["requested_by_side"], "to");
    EXPECT_EQ(t["from_org_id"], qianxian());
    EXPECT_EQ(t["to_org_id"], binzhou());
    EXPECT_EQ(t["member_name"], "郑**");  // masked: the requester typed only the ID number
    EXPECT_EQ(t["card_no"], m["card_no"]);
    EXPECT_EQ(t["from_org_name"], "乾县总工会");
    EXPECT_EQ(asked.body.find(id), std::string::npos);
    EXPECT_EQ(world_->ready("qianxian").get(member(m)).json()["status"], "transferring");

    // The giving side decides; it sees the request among its outgoing transfers, unmasked.
    auto out = listed("qianxian", "direction=outgoing&status=pending", t);
    ASSERT_TRUE(out.has_value());
    EXPECT_EQ((*out)["requested_by_side"], "to");
    EXPECT_EQ((*out)["member_name"], "郑十一");
    auto in = listed("binzhou", "direction=incoming&status=pending", t);
    ASSERT_TRUE(in.has_value());
    EXPECT_EQ((*in)["member_name"], "郑**");
    // Both ends by name, the giving org too though it lies outside 彬州市's scope.
    EXPECT_EQ((*in)["from_org_name"], "乾县总工会");
    EXPECT_EQ((*in)["to_org_name"], "彬州市总工会");

    // The requester cannot decide its own request; the giving side cannot cancel it.
    auto own = world_->ready("binzhou").send("POST", transfer(t, "accept"));
    EXPECT_EQ(own.status, 404) << own.body;
    EXPECT_EQ(world_->ready("binzhou").send("POST", transfer(t, "decline")).status, 404);
    EXPECT_EQ(world_->ready("qianxian").send("POST", transfer(t, "cancel")).status, 404);

    auto accepted = world_->ready("qianxian").send("POST", transfer(t, "accept"));
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

    // Now 彬州's own member: asking again is pointless.
    auto same = ask(id);
    ASSERT_EQ(same.status, 422) << same.body;
    EXPECT_EQ(code(same), "transfer.same_scope");
}

TEST_F(TransferRequest, DeclineKeepsTheMemberAndTheRequesterMayCancel) {
    const std::string id = person("61042419890909555");
    const json m = join("钱十二", id);
    auto first = ask(id);
    ASSERT_EQ(first.status, 201) << first.body;
    auto declined = world_->ready("qianxian").send("POST", transfer(first.json(), "decline"));
    ASSERT_EQ(declined.status, 200) << declined.body;
    EXPECT_EQ(declined.json()["status"], "declined");
    auto kept = world_->ready("qianxian").get(member(m));
    EXPECT_EQ(kept.json()["org_id"], qianxian());
    EXPECT_EQ(kept.json()["status"], "active");
    EXPECT_EQ(world_->ready("binzhou").get(member(m)).status, 404);

    auto second = ask(id);
    ASSERT_EQ(second.status, 201) << second.body;
    // A member already in transfer cannot be asked for again, nor moved by the giving side.
    auto twice = ask(id);
    ASSERT_EQ(twice.status, 409) << twice.body;
    EXPECT_EQ(code(twice), "member.in_transfer");
    auto outward = world_->ready("qianxian")
                       .send("POST", member(m) + "/transfers", {{"to_org_id", binzhou()}});
    ASSERT_EQ(outward.status, 409) << outward.body;
    EXPECT_EQ(code(outward), "member.in_transfer");

    auto cancelled = world_->ready("binzhou").send("POST", transfer(second.json(), "cancel"));
    ASSERT_EQ(cancelled.status, 200) << cancelled.body;
    EXPECT_EQ(cancelled.json()["status"], "cancelled");
    EXPECT_EQ(cancelled.json()["member_name"], "钱**");
    EXPECT_EQ(world_->ready("qianxian").get(member(m)).json()["status"], "active");
}

TEST_F(TransferRequest, UnknownOrInvalidOrForeignTargetIsRefused) {
    auto unknown = ask(person("61042419700101999"));
    ASSERT_EQ(unknown.status, 404) << unknown.body;
    EXPECT_EQ(code(unknown), "member.not_found");

    EXPECT_EQ(ask("not-an-id").status, 422);

    // The receiving org must lie in the caller's scope.
    const std::string id = person("61042419910101666");
    join("孙十三", id);
    auto foreign = ask(id, qianxian());
    ASSERT_EQ(foreign.status, 422) << foreign.body;
    EXPECT_EQ(code(foreign), "transfer.org");
}
