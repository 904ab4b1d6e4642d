// Issue #12, item 7: no write route stores a control character, a bidi override or a value of
// invisible characters only. The probe's `"name":"甲\u0000乙"` (and \x01, ESC, U+202E, a newline,
// a lone zero-width space) used to be taken by POST /api/v1/members; the member card SVG was then
// not well-formed XML and the export cut the name at the NUL.
#include <regex>
#include <set>

#include "core/cn/id_number.h"
#include "identity_world.h"

using namespace gh::test;
using nlohmann::json;

namespace {

class TextFields : public ::testing::Test {
protected:
    static void SetUpTestSuite() { world_ = new IdentityWorld(); }
    static void TearDownTestSuite() { delete world_; }
    static IdentityWorld* world_;
};
IdentityWorld* TextFields::world_ = nullptr;

// Each string field the routes read, holding `bad`: whichever fields a route reads, it meets one.
json body_with(const std::string& bad) {
    json b = json::object();
    for (const char* f :
         {"name",           "title",        "reason",        "address",    "username",
          "display_name",   "industry",     "chair_name",    "occupation", "employer",
          "employer_name",  "id_number",    "phone",         "code",       "password",
          "old_password",   "new_password", "message",       "page",       "type",
          "status",         "credit_code",  "division_code", "joined_on",  "founded_on",
          "consent_version"}) {
        b[f] = bad;
    }
    b["people"] = json::array({{{"name", bad}, {"id_number", bad}}});
    return b;
}

std::string fill_params(std::string pattern) {
    return std::regex_replace(pattern, std::regex("\\{[a-z_]+\\}"), "1");
}

}  // namespace

TEST_F(TextFields, EveryWriteRouteRefusesControlAndBidiCharacters) {
    auto& s = world_->ready("qianxian");
    auto routes = s.get("/api/v1/system/routes");
    ASSERT_EQ(routes.status, 200) << routes.body;
    const std::vector<std::string> bad = {std::string("甲\0乙", 7), "甲\x01乙", "甲\x1b[0m乙",
                                          "甲\u202E乙", "甲\n乙\u2028"};
    int checked = 0, refused_as_text = 0;
    const json listing = routes.json();
    for (const auto& r : listing["items"]) {
        const std::string method = r["method"];
        const std::string pattern = r["pattern"];
        if (method != "POST" && method != "PUT" && method != "PATCH") continue;
        // Ending the caller's own session would end the test's.
        if (pattern.find("logout") != std::string::npos) continue;
        // Routes that read no body at all: there is nothing in it for them to store.
        if (pattern == "/api/v1/auth/totp/enroll" || pattern.ends_with("/notices/read-all")) {
            continue;
        }
        ++checked;
        for (const auto& b : bad) {
            // The newline variant is only a problem for one-line fields: a multi-line reason
            // takes it, so a route that reads nothing but a reason may answer otherwise.
            auto res = s.send(method, fill_params(pattern), body_with(b));
            EXPECT_FALSE(res.status >= 200 && res.status < 300)
                << method << " " << pattern << " took " << json(b).dump() << ": " << res.body;
            EXPECT_LT(res.status, 500) << method << " " << pattern << ": " << res.body;
            if (res.status == 422 && res.json()["error"]["code"] == "text.control") {
                ++refused_as_text;
            }
        }
    }
    EXPECT_GE(checked, 20) << "the route listing lost the write routes";
    EXPECT_GE(refused_as_text, 4 * 20) << "most write routes should answer text.control";
}

TEST_F(TextFields, TheProbesMemberNamesAreRefusedWithTheirCodes) {
    auto& s = world_->ready("qianxian");
    const int64_t org = world_->org_id("qianxian", "乾县总工会");
    // A valid ID number, so that only the name can be what is refused.
    const std::string id = gh::cn::make_id_number("61042419900101123");
    auto create = [&](const std::string& name) {
        return s.send(
            "POST", "/api/v1/members",
            {{"org_id", org}, {"name", name}, {"id_number", id}, {"phone", "13700009999"}});
    };
    const std::vector<std::pair<std::string, std::string>> cases = {
        {std::string("甲\0乙", 7), "text.control"},
        {"甲\x01乙", "text.control"},
        {"甲\x1b乙", "text.control"},
        {"甲\u202E乙", "text.control"},
        {"甲\n乙", "text.control"},
        {"\u200B", "text.invisible"},
        {"张三3", "name.chars"},
        {"<b>张三</b>", "name.chars"}};
    for (const auto& [name, code] : cases) {
        auto r = create(name);
        EXPECT_EQ(r.status, 422) << json(name).dump() << " " << r.body;
        EXPECT_EQ(r.json()["error"]["code"], code) << json(name).dump() << " " << r.body;
        EXPECT_EQ(r.json()["error"]["field"], "name") << r.body;
    }
    // Minority names in Chinese with the middle dot and in Latin letters are names.
    for (const std::string name : {"阿依古丽·买买提", "Alimjan Tursun"}) {
        auto r = create(name);
        if (r.status == 422) {
            const std::string code = r.json()["error"]["code"];
            EXPECT_NE(code.rfind("name.", 0), 0u) << name << " " << r.body;
            EXPECT_NE(code.rfind("text.", 0), 0u) << name << " " << r.body;
        }
    }
}
