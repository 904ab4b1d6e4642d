// gonghui members purge: members who left longer ago than the retention are anonymised (name,
// ID number, phone, pinyin, employer), their history kept; the dry run only counts, per org;
// a real run is audited with its counts; members still active are never touched.
#include <filesystem>
#include <fstream>

#include "core/cn/id_number.h"
#include "identity_world.h"

using namespace gh::test;
using nlohmann::json;

namespace {

std::string person(const char* first17) { return gh::cn::make_id_number(first17); }

class MemberPurge : public ::testing::Test {
protected:
    static void SetUpTestSuite() { world_ = new IdentityWorld(); }
    static void TearDownTestSuite() { delete world_; }
    static IdentityWorld* world_;

    static json create(const std::string& user, const std::string& org, const std::string& name,
                       const char* id17) {
        auto r = world_->ready(user).send("POST", "/api/v1/members",
                                          {{"org_id", world_->org_id(user, org)},
                                           {"name", name},
                                           {"id_number", person(id17)},
                                           {"phone", "13600001111"},
                                           {"employer_name", "某公司"}});
        EXPECT_EQ(r.status, 201) << r.body;
        return r.json();
    }
    static void end(const std::string& user, const json& m, const std::string& status) {
        auto r = world_->ready(user).send(
            "POST", "/api/v1/members/" + std::to_string(m["id"].get<int64_t>()) + "/status",
            {{"status", status}, {"reason", "测试"}});
        EXPECT_EQ(r.status, 200) << r.body;
    }
    static RunResult purge(std::vector<std::string> extra) {
        std::vector<std::string> args = {"members", "purge", "--db", world_->db.url(),
                                         "--key-file", world_->key_file};
        args.insert(args.end(), extra.begin(), extra.end());
        return run_gonghui(args);
    }
    static json get(const json& m, const std::string& suffix = "") {
        auto r = world_->ready("xianyang").get("/api/v1/members/" +
                                               std::to_string(m["id"].get<int64_t>()) + suffix);
        EXPECT_EQ(r.status, 200) << r.body;
        return r.json();
    }
};
IdentityWorld* MemberPurge::world_ = nullptr;

}  // namespace

TEST_F(MemberPurge, DryRunCountsPerOrgThenRealRunAnonymisesAndIsAudited) {
    const json left = create("qianxian", "乾县总工会", "离会甲", "61042419600101111");
    const json expelled = create("binzhou", "彬州市总工会", "除名乙", "61048219600101112");
    const json active = create("qianxian", "乾县总工会", "在册丙", "61042419600101138");
    end("qianxian", left, "left");
    end("binzhou", expelled, "expelled");
    const int64_t qian = world_->org_id("qianxian", "乾县总工会");
    const int64_t bin = world_->org_id("binzhou", "彬州市总工会");

    // Left moments ago: inside a one-day retention, and inside the configured one.
    auto young = purge({"--dry-run", "--retention-days", "1"});
    EXPECT_EQ(young.exit_code, 0) << young.output;
    EXPECT_NE(young.output.find("would anonymise 0 member(s)"), std::string::npos) << young.output;
    const auto config = std::filesystem::temp_directory_path() /
                        ("gonghui_purge_" + std::to_string(getpid()) + ".toml");
    std::ofstream(config) << "[members]\nretention_days = 30\n";
    auto configured = purge({"--dry-run", "--config", config.string()});
    std::filesystem::remove(config);
    EXPECT_EQ(configured.exit_code, 0) << configured.output;
    EXPECT_NE(configured.output.find("would anonymise 0 member(s) who left more than 30 days"),
              std::string::npos)
        << configured.output;

    auto dry = purge({"--dry-run", "--retention-days", "0"});
    EXPECT_EQ(dry.exit_code, 0) << dry.output;
    EXPECT_NE(dry.output.find(std::to_string(qian) + "\t乾县总工会\t1\n"), std::string::npos)
        << dry.output;
    EXPECT_NE(dry.output.find(std::to_string(bin) + "\t彬州市总工会\t1\n"), std::string::npos)
        << dry.output;
    EXPECT_NE(dry.output.find("would anonymise 2 member(s)"), std::string::npos) << dry.output;
    EXPECT_EQ(get(left)["name"], "离会甲");  // the dry run changed nothing

    auto real = purge({"--retention-days", "0"});
    EXPECT_EQ(real.exit_code, 0) << real.output;
    EXPECT_NE(real.output.find("anonymised 2 member(s)"), std::string::npos) << real.output;

    for (const json& m : {left, expelled}) {
        const json after = get(m, "?reveal=id_number");
        EXPECT_EQ(after["name"], "已注销");
        EXPECT_EQ(after["id_number"], "");
        EXPECT_EQ(after["phone"], nullptr);
        EXPECT_EQ(after["birth_date"], "");
        EXPECT_EQ(after["employer_name"], "");
        EXPECT_EQ(after["card_no"], m["card_no"]);  // the membership itself stays on record
        EXPECT_NE(after["status"], "active");
        EXPECT_EQ(get(m, "/history")["items"].size(), 2u);  // joined, then ended
    }
    const json still = get(active);
    EXPECT_EQ(still["name"], "在册丙");
    EXPECT_EQ(still["phone"], "136****1111");
    // Not found by the old name's pinyin any more; the active member is.
    auto search = world_->ready("xianyang").get("/api/v1/members?q=lhj");
    EXPECT_EQ(search.json()["total"], 0) << search.body;
    EXPECT_EQ(world_->ready("xianyang").get("/api/v1/members?q=zcb").json()["total"], 1);

    auto log = world_->ready("auditadm").get("/api/v1/audit?action=member.purge").json();
    ASSERT_EQ(log["items"].size(), 1u) << log;  // the dry runs are not audited
    const json e = log["items"][0];
    const json d = e["detail"].is_string() ? json::parse(e["detail"].get<std::string>()) : e["detail"];
    EXPECT_EQ(d["members"], 2);
    EXPECT_EQ(d["retention_days"], 0);
    EXPECT_EQ(d["by_org"][std::to_string(qian)], 1);

    // Again: nothing left to do.
    auto again = purge({"--retention-days", "0"});
    EXPECT_NE(again.output.find("anonymised 0 member(s)"), std::string::npos) << again.output;
}
