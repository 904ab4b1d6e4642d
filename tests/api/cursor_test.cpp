// Keyset cursors carry no id a client can choose (issue #12, item 2). Every list — members (both
// orders), transfers, orgs, employers, accounts, join applications, audit — pages through all its
// rows exactly once with the tokens it answers, and a cursor made from an integer id (in scope,
// out of scope or missing), a tampered token, a token of another query or list, and a token
// issued to a 彬州市 cadre replayed by a 乾县 cadre all answer the same 422 request.cursor: no
// existence oracle, and no page starts at another county's member.
#include <set>

#include "core/cn/credit_code.h"
#include "core/cn/id_number.h"
#include "identity_world.h"

using namespace gh::test;
using nlohmann::json;

namespace {

const std::string kConsent = "pi-consent-2026-11";

std::string enc(const std::string& s) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char ch : s) {
        if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
            ch == '-' || ch == '_') {
            out += static_cast<char>(ch);
        } else {
            out += '%';
            out += hex[ch >> 4];
            out += hex[ch & 15];
        }
    }
    return out;
}

std::string join(const std::string& path, const std::string& query, const std::string& more) {
    std::string q = query;
    if (!more.empty()) q += (q.empty() ? "" : "&") + more;
    return path + (q.empty() ? "" : "?" + q);
}

// One list and the users who read it.
struct List {
    std::string name;
    std::string path;     // /api/v1/members
    std::string query;    // the query paged through ("q=…"), may be empty
    std::string other;    // another query of the same list
    std::string user;     // pages through it
    std::string foreign;  // another user whose token `user` replays (same list and query)
};

class Cursors : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        world_ = new IdentityWorld();
        // A second account in each county, and a second audit administrator.
        world_->add("qianxian2", "610424", {"federation_cadre"});
        world_->add("binzhou2", "610482", {"federation_cadre"});
        world_->add("auditadm2", "610000", {"audit_admin"});
        struct County {
            std::string user, federation, prefix, area;
            std::vector<std::string> names;
        };
        const County counties[] = {
            {"qianxian", "乾县总工会", "乾县", "610424", {"徐超", "徐超二", "徐超一", "许多"}},
            {"binzhou", "彬州市总工会", "彬州", "610482", {"潘琳红", "潘琳雪", "徐超群", "徐超然"}},
        };
        int serial = 0;
        for (const auto& c : counties) {
            auto& s = world_->ready(c.user);
            const int64_t fed = world_->org_id(c.user, c.federation);
            std::vector<int64_t> unions;
            for (const char* u : {"机械厂工会", "面粉厂工会"}) {
                auto r = s.send(
                    "POST", "/api/v1/orgs",
                    {{"name", c.prefix + u}, {"type", "grassroots_union"}, {"parent_id", fed}});
                ASSERT_EQ(r.status, 201) << r.body;
                unions.push_back(r.json()["id"]);
            }
            union_of_[c.user] = unions;
            json people = json::array();
            for (const auto& n : c.names) {
                const std::string id17 = c.area + "19900101" + std::to_string(100 + ++serial);
                people.push_back({{"name", n}, {"id_number", gh::cn::make_id_number(id17)}});
            }
            // Two ceremonies at two unions: members on two org paths, approved applications.
            for (size_t half = 0; half < 2; ++half) {
                json part = json::array({people[2 * half], people[2 * half + 1]});
                auto r =
                    s.send("POST", "/api/v1/orgs/" + std::to_string(unions[half]) + "/ceremony",
                           {{"people", part}, {"pi_consent", true}, {"consent_version", kConsent}});
                ASSERT_EQ(r.status, 201) << r.body;
            }
            for (int i = 1; i <= 2; ++i) {
                const std::string first17 =
                    "91" + c.area + "MA6TX" + std::to_string(10000 + ++serial).substr(1);
                auto r = s.send("POST", "/api/v1/employers",
                                {{"name", c.prefix + "用人单位" + std::to_string(i)},
                                 {"credit_code", gh::cn::make_credit_code(first17)},
                                 {"staff_size", 10},
                                 {"industry", "C"},
                                 {"address", c.prefix}});
                ASSERT_EQ(r.status, 201) << r.body;
            }
        }
        // Two transfers each way, so both counties have outgoing and incoming pages.
        const std::pair<std::string, std::string> directions[] = {{"qianxian", "binzhou"},
                                                                  {"binzhou", "qianxian"}};
        for (const auto& [from, to] : directions) {
            auto listed = world_->ready(from).get("/api/v1/members?limit=500").json();
            ASSERT_GE(listed["items"].size(), 2u);
            for (size_t i = 0; i < 2; ++i) {
                auto r = world_->ready(from).send(
                    "POST",
                    "/api/v1/members/" + std::to_string(listed["items"][i]["id"].get<int64_t>()) +
                        "/transfers",
                    {{"to_org_id", union_of_[to][0]}, {"reason", "工作调动"}});
                ASSERT_EQ(r.status, 201) << r.body;
            }
        }
    }
    static void TearDownTestSuite() { delete world_; }
    static IdentityWorld* world_;
    static std::map<std::string, std::vector<int64_t>> union_of_;

    static std::vector<List> lists() {
        const std::string xu = "q=" + enc("徐超");
        return {
            {"members by name", "/api/v1/members", xu, "q=" + enc("徐"), "qianxian", "binzhou"},
            {"members", "/api/v1/members", "", "status=active", "qianxian", "binzhou"},
            {"transfers", "/api/v1/transfers", "direction=outgoing",
             "direction=outgoing&status=pending", "qianxian", "binzhou"},
            {"orgs", "/api/v1/orgs", "", "q=" + enc("工会"), "qianxian", "binzhou"},
            {"employers", "/api/v1/employers", "", "unionized=false", "qianxian", "binzhou"},
            {"accounts", "/api/v1/accounts", "", "state=active", "qianxian", "binzhou"},
            {"join applications", "/api/v1/join-applications", "", "status=approved", "qianxian",
             "binzhou"},
            {"audit", "/api/v1/audit", "", "action=member", "auditadm", "auditadm2"},
        };
    }

    // Every id of the list, one page of `limit` at a time; fails on a repeated row.
    static std::vector<int64_t> page_through(const List& l, const std::string& user, int limit,
                                             std::string* first_cursor = nullptr) {
        std::vector<int64_t> ids;
        std::set<int64_t> seen;
        std::string cursor;
        for (int page = 0; page < 200; ++page) {
            std::string more = "limit=" + std::to_string(limit);
            if (!cursor.empty()) more += "&cursor=" + cursor;
            auto r = world_->ready(user).get(join(l.path, l.query, more));
            EXPECT_EQ(r.status, 200) << l.name << " " << r.body;
            if (r.status != 200) break;
            const json body = r.json();
            for (const auto& item : body["items"]) {
                const int64_t id = item["id"];
                EXPECT_TRUE(seen.insert(id).second) << l.name << ": row " << id << " twice";
                ids.push_back(id);
            }
            if (body["next_cursor"].is_null()) break;
            EXPECT_TRUE(body["next_cursor"].is_string()) << l.name;
            cursor = body["next_cursor"].get<std::string>();
            if (first_cursor && first_cursor->empty()) *first_cursor = cursor;
        }
        return ids;
    }

    static HttpResponse with_cursor(const List& l, const std::string& user,
                                    const std::string& query, const std::string& cursor) {
        return world_->ready(user).get(join(l.path, query, "limit=1&cursor=" + enc(cursor)));
    }

    // The whole error but its request id: nothing may tell one refused cursor from another.
    static json error_of(const HttpResponse& r) {
        if (r.body.empty() || r.body[0] != '{') return json(r.body);
        json e = r.json()["error"];
        if (e.is_object()) e.erase("request_id");
        return e;
    }

    static void expect_refused(const HttpResponse& r, const std::string& what) {
        EXPECT_EQ(r.status, 422) << what << ": " << r.body;
        const json expected = {{"code", "request.cursor"},
                               {"message", "分页游标无效，请从第一页重新查询"},
                               {"field", "cursor"}};
        EXPECT_EQ(error_of(r), expected) << what << ": " << r.body;
    }
};
IdentityWorld* Cursors::world_ = nullptr;
std::map<std::string, std::vector<int64_t>> Cursors::union_of_;

}  // namespace

TEST_F(Cursors, EveryListPagesThroughEveryRowOnce) {
    for (const auto& l : lists()) {
        for (const auto& user : {l.user, l.foreign}) {
            auto all = world_->ready(user).get(join(l.path, l.query, "limit=500"));
            ASSERT_EQ(all.status, 200) << l.name << " " << all.body;
            const json body = all.json();
            EXPECT_TRUE(body["next_cursor"].is_null()) << l.name;
            std::vector<int64_t> expected;
            for (const auto& item : body["items"]) expected.push_back(item["id"]);
            ASSERT_GE(expected.size(), 2u) << l.name << " for " << user;
            for (int limit : {1, 2}) {
                EXPECT_EQ(page_through(l, user, limit), expected)
                    << l.name << " for " << user << ", limit " << limit;
            }
        }
    }
}

TEST_F(Cursors, ForgedForeignAndMalformedCursorsAllAnswerTheSame) {
    for (const auto& l : lists()) {
        std::string mine, theirs;
        const auto ids = page_through(l, l.user, 1, &mine);
        const auto foreign_ids = page_through(l, l.foreign, 1, &theirs);
        ASSERT_FALSE(mine.empty()) << l.name;
        ASSERT_FALSE(theirs.empty()) << l.name;
        // The token itself is good: the next page answers.
        EXPECT_EQ(with_cursor(l, l.user, l.query, mine).status, 200) << l.name;

        std::vector<std::pair<std::string, std::string>> bad = {
            {"an id of the list", std::to_string(ids.back())},
            {"another caller's id", std::to_string(foreign_ids.back())},
            {"a missing id", "999999"},
            {"zero", "0"},
            {"garbage", "not a cursor"},
            {"truncated", mine.substr(0, mine.size() / 2)},
            {"longer", mine + "AA"},
        };
        for (size_t at : {size_t{0}, size_t{5}, mine.size() / 2, mine.size() - 2}) {
            std::string t = mine;
            t[at] = t[at] == 'A' ? 'B' : 'A';
            bad.emplace_back("tampered at " + std::to_string(at), t);
        }
        for (const auto& [what, cursor] : bad) {
            expect_refused(with_cursor(l, l.user, l.query, cursor), l.name + ", " + what);
        }
        expect_refused(with_cursor(l, l.user, l.other, mine), l.name + ", another query");
        expect_refused(with_cursor(l, l.user, l.query, theirs), l.name + ", another caller");
        expect_refused(with_cursor(l, l.foreign, l.query, mine), l.name + ", replayed");
    }
}

TEST_F(Cursors, ATokenOfOneListIsNoCursorOfAnother) {
    const auto all = lists();
    std::string members, orgs;
    page_through(all[1], "qianxian", 1, &members);
    page_through(all[3], "qianxian", 1, &orgs);
    ASSERT_FALSE(members.empty());
    ASSERT_FALSE(orgs.empty());
    expect_refused(with_cursor(all[3], "qianxian", "", members), "a members token on orgs");
    expect_refused(with_cursor(all[4], "qianxian", "", orgs), "an orgs token on employers");
    expect_refused(with_cursor(all[0], "qianxian", all[0].query, members),
                   "a members token on the name search");
}

// The probe's reproduction: a 乾县 cadre searching 徐超 with a 彬州市 member's id as the cursor
// got a page starting at that member's (name, path) — and 200 where a missing id got 422.
TEST_F(Cursors, TheProbesForgedSearchCursorLeaksNothing) {
    auto& b = world_->ready("binzhou");
    auto theirs = b.get("/api/v1/members?limit=500").json();
    ASSERT_FALSE(theirs["items"].empty());
    auto& q = world_->ready("qianxian");
    const std::string search = "/api/v1/members?q=" + enc("徐超");
    const auto missing = q.get(search + "&cursor=999999");
    for (const auto& m : theirs["items"]) {
        const std::string id = std::to_string(m["id"].get<int64_t>());
        const auto r = q.get(search + "&cursor=" + id);
        EXPECT_NE(r.status, 200) << id << " " << r.body;
        expect_refused(r, "彬州市 member " + id);
        EXPECT_EQ(r.status, missing.status);
        EXPECT_EQ(error_of(r), error_of(missing))
            << "an out-of-scope id must answer as a missing one";
    }
    // And the honest search finds the three 徐超 of 乾县 only.
    auto honest = q.get(search + "&limit=500").json();
    std::multiset<std::string> names;
    for (const auto& m : honest["items"]) names.insert(m["name"].get<std::string>());
    EXPECT_EQ(names, (std::multiset<std::string>{"徐超", "徐超一", "徐超二"}));
}
