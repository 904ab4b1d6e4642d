// The end of a membership and its transfer between unions (会员关系转接): legal transitions only,
// one pending transfer per member (also under concurrent requests), each side acting only on its
// own side, and a history of every step.
#include <algorithm>
#include <thread>

#include "core/cn/id_number.h"
#include "identity_world.h"

using namespace gh::test;
using nlohmann::json;

namespace {

std::string person(const char* first17) { return gh::cn::make_id_number(first17); }

class MemberLifecycle : public ::testing::Test {
protected:
    static void SetUpTestSuite() { world_ = new IdentityWorld(); }
    static void TearDownTestSuite() { delete world_; }
    static IdentityWorld* world_;

    static int64_t org_id(const std::string& user, const std::string& name) {
        return world_->org_id(user, name);
    }
    static int64_t qianxian() { return org_id("qianxian", "乾县总工会"); }
    static int64_t binzhou() { return org_id("binzhou", "彬州市总工会"); }

    // Registers a member of 乾县 and answers it.
    static json join(const std::string& name, const std::string& id_number) {
        json body = {{"org_id", qianxian()}, {"name", name}, {"id_number", id_number}};
        auto r = world_->ready("qianxian").send("POST", "/api/v1/members", body);
        EXPECT_EQ(r.status, 201) << r.body;
        return r.json();
    }
    static std::string member(const json& m, const std::string& tail = "") {
        return "/api/v1/members/" + std::to_string(m["id"].get<int64_t>()) + tail;
    }
    static std::string transfer(const json& t, const std::string& action) {
        return "/api/v1/transfers/" + std::to_string(t["id"].get<int64_t>()) + "/" + action;
    }
    static HttpResponse request_transfer(const json& m, int64_t to) {
        return world_->ready("qianxian")
            .send("POST", member(m, "/transfers"), {{"to_org_id", to}, {"reason", "工作调动"}});
    }
    static std::string error_code(const HttpResponse& r) {
        return r.json()["error"]["code"].get<std::string>();
    }
    static std::vector<std::string> steps(const std::string& user, const json& m) {
        auto r = world_->ready(user).get(member(m, "/history"));
        EXPECT_EQ(r.status, 200) << r.body;
        std::vector<std::string> out;
        const json items = r.json()["items"];
        for (auto& h : items) out.push_back(h["to_status"]);
        return out;
    }
    static bool listed(const std::string& user, const std::string& query, const json& t) {
        auto r = world_->ready(user).get("/api/v1/transfers?" + query);
        EXPECT_EQ(r.status, 200) << r.body;
        const json items = r.json()["items"];
        for (auto& item : items) {
            if (item["id"] == t["id"]) return true;
        }
        return false;
    }
};
IdentityWorld* MemberLifecycle::world_ = nullptr;

}  // namespace

TEST_F(MemberLifecycle, LeavingClearsTheActiveMembershipSoThePersonMayJoinElsewhere) {
    const std::string id = person("61042419850303111");
    const json m = join("钱七", id);
    auto& q = world_->ready("qianxian");
    auto hidden = world_->ready("binzhou").send("POST", member(m, "/status"),
                                                {{"status", "left"}, {"reason", "调离"}});
    EXPECT_EQ(hidden.status, 404) << hidden.body;

    auto left = q.send("POST", member(m, "/status"), {{"status", "left"}, {"reason", "调离本县"}});
    ASSERT_EQ(left.status, 200) << left.body;
    EXPECT_EQ(left.json()["status"], "left");

    json body = {{"org_id", binzhou()}, {"name", "钱七"}, {"id_number", id}};
    auto again = world_->ready("binzhou").send("POST", "/api/v1/members", body);
    EXPECT_EQ(again.status, 201) << again.body;

    auto history = q.get(member(m, "/history"));
    ASSERT_EQ(history.status, 200) << history.body;
    auto items = history.json()["items"];
    ASSERT_EQ(items.size(), 2u) << history.body;
    EXPECT_EQ(items[1]["from_status"], "active");
    EXPECT_EQ(items[1]["to_status"], "left");
    EXPECT_EQ(items[1]["reason"], "调离本县");
    EXPECT_EQ(items[1]["actor"], "staff:qianxian");

    auto log = world_->ready("auditadm").get("/api/v1/audit?action=member.status").json();
    bool audited = false;
    for (auto& e : log["items"]) {
        if (e["entity_id"] != std::to_string(m["id"].get<int64_t>())) continue;
        audited = true;
        EXPECT_EQ(e["detail"], json({{"from", "active"}, {"to", "left"}}));
    }
    EXPECT_TRUE(audited);
}

TEST_F(MemberLifecycle, IllegalStatusChangesAnswerTheirRule) {
    const json m = join("孙八", person("61042419860404222"));
    auto& q = world_->ready("qianxian");
    auto change = [&](const json& body) { return q.send("POST", member(m, "/status"), body); };
    EXPECT_EQ(change({{"status", "active"}, {"reason", "x"}}).status, 422);
    EXPECT_EQ(change({{"status", "transferred"}, {"reason", "x"}}).status, 422);
    auto no_reason = change({{"status", "left"}, {"reason", "  "}});
    EXPECT_EQ(no_reason.status, 422);
    EXPECT_EQ(no_reason.json()["error"]["field"], "reason");
    EXPECT_EQ(change({{"status", "left"}}).status, 422);
    EXPECT_EQ(change({{"status", "left"}, {"reason", std::string(501, 'a')}}).status, 422);

    ASSERT_EQ(request_transfer(m, binzhou()).status, 201);
    auto in_transfer = change({{"status", "expelled"}, {"reason", "违反章程"}});
    ASSERT_EQ(in_transfer.status, 409) << in_transfer.body;
    EXPECT_EQ(error_code(in_transfer), "member.in_transfer");
    EXPECT_EQ(in_transfer.json()["error"]["message"], "转接中的会员不能变更状态");

    const json n = join("周九", person("61042419860404230"));
    auto dead = q.send("POST", member(n, "/status"), {{"status", "deceased"}, {"reason", "病故"}});
    ASSERT_EQ(dead.status, 200) << dead.body;
    for (const char* to : {"left", "expelled", "deceased"}) {
        auto r = q.send("POST", member(n, "/status"), {{"status", to}, {"reason", "再次变更"}});
        ASSERT_EQ(r.status, 409) << r.body;
        EXPECT_EQ(error_code(r), "member.not_active");
    }
    auto transfer_ended = request_transfer(n, binzhou());
    ASSERT_EQ(transfer_ended.status, 409) << transfer_ended.body;
    EXPECT_EQ(error_code(transfer_ended), "member.not_active");
}

TEST_F(MemberLifecycle, AcceptedTransferMovesTheMemberWithItsCard) {
    const json m = join("吴十", person("61042419870505333"));
    auto& q = world_->ready("qianxian");
    auto& b = world_->ready("binzhou");

    auto requested = request_transfer(m, binzhou());
    ASSERT_EQ(requested.status, 201) << requested.body;
    const json t = requested.json();
    EXPECT_EQ(t["status"], "pending");
    EXPECT_EQ(t["from_org_id"], qianxian());
    EXPECT_EQ(t["to_org_id"], binzhou());
    EXPECT_EQ(q.get(member(m)).json()["status"], "transferring");

    auto twice = request_transfer(m, binzhou());
    ASSERT_EQ(twice.status, 409) << twice.body;
    EXPECT_EQ(error_code(twice), "member.in_transfer");

    EXPECT_TRUE(listed("binzhou", "direction=incoming&status=pending", t));
    EXPECT_FALSE(listed("binzhou", "direction=outgoing", t));
    EXPECT_TRUE(listed("qianxian", "direction=outgoing&status=pending", t));
    EXPECT_FALSE(listed("qianxian", "direction=incoming", t));
    EXPECT_EQ(q.get("/api/v1/transfers?direction=sideways").status, 422);

    auto not_theirs = q.send("POST", transfer(t, "accept"));
    EXPECT_EQ(not_theirs.status, 404) << not_theirs.body;
    EXPECT_EQ(q.send("POST", transfer(t, "decline")).status, 404);

    auto accepted = b.send("POST", transfer(t, "accept"));
    ASSERT_EQ(accepted.status, 200) << accepted.body;
    EXPECT_EQ(accepted.json()["status"], "accepted");
    EXPECT_EQ(accepted.json()["decided_by"], "staff:binzhou");
    EXPECT_FALSE(listed("binzhou", "direction=incoming&status=pending", t));
    EXPECT_TRUE(listed("binzhou", "direction=incoming&status=accepted", t));

    EXPECT_EQ(q.get(member(m)).status, 404);
    auto moved = b.get(member(m));
    ASSERT_EQ(moved.status, 200) << moved.body;
    EXPECT_EQ(moved.json()["card_no"], m["card_no"]);
    EXPECT_EQ(moved.json()["org_id"], binzhou());
    EXPECT_EQ(moved.json()["status"], "active");

    auto again = b.send("POST", transfer(t, "accept"));
    ASSERT_EQ(again.status, 409) << again.body;
    EXPECT_EQ(error_code(again), "transfer.not_pending");

    EXPECT_EQ(steps("binzhou", m), (std::vector<std::string>{"active", "transferring", "active"}));
    auto items = b.get(member(m, "/history")).json()["items"];
    EXPECT_EQ(items[1]["org_id"], qianxian());
    EXPECT_EQ(items[2]["org_id"], binzhou());
    EXPECT_EQ(items[2]["actor"], "staff:binzhou");
    EXPECT_EQ(q.get(member(m, "/history")).status, 404);
}

TEST_F(MemberLifecycle, DeclinedTransferLeavesTheMemberWhereItWas) {
    const json m = join("郑一", person("61042419880606444"));
    auto requested = request_transfer(m, binzhou());
    ASSERT_EQ(requested.status, 201) << requested.body;
    const json t = requested.json();
    EXPECT_EQ(world_->ready("binzhou").send("POST", transfer(t, "cancel")).status, 404);

    auto declined = world_->ready("binzhou").send("POST", transfer(t, "decline"));
    ASSERT_EQ(declined.status, 200) << declined.body;
    EXPECT_EQ(declined.json()["status"], "declined");
    auto stays = world_->ready("qianxian").get(member(m));
    ASSERT_EQ(stays.status, 200) << stays.body;
    EXPECT_EQ(stays.json()["status"], "active");
    EXPECT_EQ(stays.json()["org_id"], qianxian());
    EXPECT_EQ(world_->ready("binzhou").get(member(m)).status, 404);
    EXPECT_EQ(steps("qianxian", m), (std::vector<std::string>{"active", "transferring", "active"}));
}

TEST_F(MemberLifecycle, GivingSideCancelsAPendingTransfer) {
    const json m = join("王二", person("61042419890707555"));
    auto& q = world_->ready("qianxian");
    auto missing = request_transfer(m, 999999);
    ASSERT_EQ(missing.status, 422) << missing.body;
    EXPECT_EQ(missing.json()["error"]["field"], "to_org_id");
    EXPECT_EQ(request_transfer(m, qianxian()).status, 422);

    auto requested = request_transfer(m, binzhou());
    ASSERT_EQ(requested.status, 201) << requested.body;
    const json t = requested.json();
    auto cancelled = q.send("POST", transfer(t, "cancel"));
    ASSERT_EQ(cancelled.status, 200) << cancelled.body;
    EXPECT_EQ(cancelled.json()["status"], "cancelled");
    EXPECT_EQ(q.get(member(m)).json()["status"], "active");
    EXPECT_FALSE(listed("binzhou", "direction=incoming&status=pending", t));
    auto late = world_->ready("binzhou").send("POST", transfer(t, "accept"));
    ASSERT_EQ(late.status, 409) << late.body;
    EXPECT_EQ(error_code(late), "transfer.not_pending");

    // Cancelled, the member may be transferred again.
    EXPECT_EQ(request_transfer(m, binzhou()).status, 201);
}

TEST_F(MemberLifecycle, ConcurrentTransferRequestsLetExactlyOneThrough) {
    const json m = join("冯三", person("61042419900808666"));
    auto& q = world_->ready("qianxian");
    const json body = {{"to_org_id", binzhou()}, {"reason", "并发"}};
    std::vector<int> statuses(6);
    std::vector<std::thread> threads;
    for (int i = 0; i < 6; ++i) {
        threads.emplace_back([&, i] {
            HttpClient c(world_->port());
            statuses[i] = c.request("POST", member(m, "/transfers"), body.dump(),
                                    {{"Cookie", q.cookie()},
                                     {"X-CSRF-Token", q.csrf()},
                                     {"Content-Type", "application/json"}})
                              .status;
        });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 201), 1);
    EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 409), 5);
    int pending = 0;
    auto r = q.get("/api/v1/transfers?direction=outgoing&status=pending&limit=500").json();
    for (auto& item : r["items"]) pending += item["member_id"] == m["id"];
    EXPECT_EQ(pending, 1);
    EXPECT_EQ(steps("qianxian", m), (std::vector<std::string>{"active", "transferring"}));
}
