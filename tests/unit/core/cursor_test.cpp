// Sealed keyset cursors (core/http/cursor.h): a token opens only for the caller, list and query
// it was sealed for, under the key it was sealed with; everything else is 422 request.cursor.
#include "core/http/cursor.h"

#include <gtest/gtest.h>

#include <cctype>
#include <functional>
#include <string>

namespace gh::http {
namespace {

std::array<unsigned char, kCursorKeyBytes> key_of(unsigned char b) {
    std::array<unsigned char, kCursorKeyBytes> k{};
    k.fill(b);
    return k;
}

auth::Principal staff(int64_t id, std::string path) {
    auth::Principal p;
    p.account_id = id;
    p.org_path = std::move(path);
    return p;
}

Request request(std::vector<std::pair<std::string, std::string>> query) {
    Request r;
    r.method = "GET";
    r.path = "/api/v1/members";
    r.query = std::move(query);
    return r;
}

void expect_refused(const std::function<void()>& f, const std::string& what) {
    try {
        f();
        ADD_FAILURE() << what << ": accepted";
    } catch (const ApiError& e) {
        EXPECT_EQ(e.status(), 422) << what;
        EXPECT_EQ(e.code(), "request.cursor") << what;
        EXPECT_EQ(e.field(), "cursor") << what;
    }
}

TEST(Cursor, RoundTripsThePositionForTheSameCallerListAndQuery) {
    const Cursors c(key_of(7));
    const auto p = staff(3, "/1/5/");
    // An id long enough that a random token cannot hold its digits by chance ("42" did, about
    // one run in fifty).
    const nlohmann::json pos = nlohmann::json::array({"潘琳红", "/1/5/9/", 424242424242});
    const std::string t = c.seal(p, "members", "q", pos);
    const auto opened = c.open(p, "members", "q", t);
    ASSERT_TRUE(opened.has_value());
    EXPECT_EQ(*opened, pos);
    // Opaque: neither the name nor the path nor the id in clear, and URL-safe.
    for (const std::string part : {"潘琳红", "/1/5/9/", "424242424242"}) {
        EXPECT_EQ(t.find(part), std::string::npos) << part;
    }
    for (char ch : t)
        EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_');
    EXPECT_NE(c.seal(p, "members", "q", pos), t);  // a fresh nonce each time
    EXPECT_FALSE(c.open(p, "members", "q", "").has_value());
}

TEST(Cursor, AnotherCallerListQueryOrKeyCannotOpenIt) {
    const Cursors c(key_of(7));
    const auto p = staff(3, "/1/5/");
    const std::string t = c.seal(p, "members", "q", nlohmann::json::array({1}));
    expect_refused([&] { c.open(staff(4, "/1/5/"), "members", "q", t); }, "another account");
    expect_refused([&] { c.open(staff(3, "/1/6/"), "members", "q", t); }, "another scope");
    auto worker = p;
    worker.kind = "worker";
    expect_refused([&] { c.open(worker, "members", "q", t); }, "another kind");
    expect_refused([&] { c.open(p, "orgs", "q", t); }, "another list");
    expect_refused([&] { c.open(p, "members", "r", t); }, "another query");
    expect_refused([&] { Cursors(key_of(8)).open(p, "members", "q", t); }, "another key");
    expect_refused([&] { c.open(p, "members", "q", "34950"); }, "an id");
    expect_refused([&] { c.open(p, "members", "q", "!!"); }, "not base64");
    expect_refused([&] { c.open(p, "members", "q", std::string(kMaxCursorChars + 1, 'A')); },
                   "too long");
    for (size_t i = 0; i < t.size(); ++i) {
        std::string bad = t;
        bad[i] = bad[i] == 'A' ? 'B' : 'A';
        // The last character may carry only padding bits a decoder ignores or refuses.
        if (i + 1 == t.size()) continue;
        expect_refused([&] { c.open(p, "members", "q", bad); }, "flipped at " + std::to_string(i));
    }
}

TEST(Cursor, TheQueryBindingIgnoresCursorLimitOrderAndEmptyValues) {
    const auto a = request({{"q", "徐超"}, {"status", "active"}, {"limit", "20"}, {"cursor", "x"}});
    const auto b = request({{"status", "active"}, {"flags", ""}, {"q", "徐超"}, {"limit", "5"}});
    EXPECT_EQ(Cursors::query_binding(a), Cursors::query_binding(b));
    EXPECT_NE(Cursors::query_binding(a), Cursors::query_binding(request({{"q", "徐"}})));
    // Length-prefixed: ("ab","c") and ("a","bc") differ.
    EXPECT_NE(Cursors::query_binding(request({{"ab", "c"}})),
              Cursors::query_binding(request({{"a", "bc"}})));
}

TEST(Cursor, PositionReadersRefuseAnotherShape) {
    const nlohmann::json pos = nlohmann::json::array({"a", 2});
    EXPECT_EQ(cursor_text(pos, 0), "a");
    EXPECT_EQ(cursor_int(pos, 1), 2);
    expect_refused([&] { cursor_int(pos, 0); }, "text as int");
    expect_refused([&] { cursor_text(pos, 1); }, "int as text");
    expect_refused([&] { cursor_int(pos, 2); }, "past the end");
}

}  // namespace
}  // namespace gh::http
