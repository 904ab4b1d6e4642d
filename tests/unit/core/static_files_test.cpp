#include "core/http/static_files.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

using namespace gh::http;
namespace fs = std::filesystem;

namespace {
struct WebRoot {
    fs::path dir = fs::temp_directory_path() / ("gonghui_web_" + std::to_string(getpid()));
    WebRoot() {
        fs::create_directories(dir / "assets");
        std::ofstream(dir / "index.html") << "<!doctype html><title>工会</title>";
        std::ofstream(dir / "assets" / "app-1a2b3c.js") << "console.log(1)";
        fs::create_directories(dir / "m");
        std::ofstream(dir / "m" / "index.html") << "<!doctype html><title>职工</title>";
    }
    ~WebRoot() { fs::remove_all(dir); }
};
std::string header(const Response& r, const std::string& name) {
    for (auto& [k, v] : r.headers) {
        if (k == name) return v;
    }
    return {};
}
Request get(std::string path) {
    Request r;
    r.method = "GET";
    r.path = std::move(path);
    return r;
}
}  // namespace

TEST(StaticFiles, HashedAssetsAreImmutableIndexIsNoCache) {
    WebRoot w;
    StaticFiles f(w.dir.string());
    auto js = f.serve(get("/assets/app-1a2b3c.js"));
    ASSERT_TRUE(js);
    EXPECT_EQ(js->content_type, "text/javascript; charset=utf-8");
    EXPECT_NE(header(*js, "cache-control").find("immutable"), std::string::npos);
    auto idx = f.serve(get("/"));
    ASSERT_TRUE(idx);
    EXPECT_EQ(header(*idx, "cache-control"), "no-cache");
}

TEST(StaticFiles, UnknownPathFallsBackToIndexForTheSpa) {
    WebRoot w;
    StaticFiles f(w.dir.string());
    auto r = f.serve(get("/members/123"));
    ASSERT_TRUE(r);
    EXPECT_NE(r->body.find("工会"), std::string::npos);
}

TEST(StaticFiles, ThePhonePageHasItsOwnFallbackUnderM) {
    WebRoot w;
    StaticFiles f(w.dir.string());
    for (const char* path : {"/m/", "/m/index.html", "/m/notices", "/m/joining/apply/7"}) {
        auto r = f.serve(get(path));
        ASSERT_TRUE(r) << path;
        EXPECT_NE(r->body.find("职工"), std::string::npos) << path;
        EXPECT_EQ(header(*r, "cache-control"), "no-cache") << path;
    }
    // Its hashed assets are the shared /assets/ ones, cached for a year.
    auto js = f.serve(get("/assets/app-1a2b3c.js"));
    ASSERT_TRUE(js);
    EXPECT_NE(header(*js, "cache-control").find("immutable"), std::string::npos);
    // The console keeps everything else, including paths that merely start with "m".
    for (const char* path : {"/", "/members", "/mobile", "/m.html", "/members/m/1"}) {
        auto r = f.serve(get(path));
        ASSERT_TRUE(r) << path;
        EXPECT_NE(r->body.find("工会"), std::string::npos) << path;
    }
}

TEST(StaticFiles, BareMRedirectsToTheSlashKeepingTheQuery) {
    WebRoot w;
    StaticFiles f(w.dir.string());
    auto plain = f.serve(get("/m"));
    ASSERT_TRUE(plain);
    EXPECT_EQ(plain->status, 301);
    EXPECT_EQ(header(*plain, "location"), "/m/");
    Request q = get("/m");
    q.query = {{"from", "短信"}, {"a", "1&2"}};
    auto withq = f.serve(q);
    ASSERT_TRUE(withq);
    EXPECT_EQ(header(*withq, "location"), "/m/?from=%E7%9F%AD%E4%BF%A1&a=1%262");
}

TEST(StaticFiles, WithoutAPhoneBuildItsPathsFindNothing) {
    WebRoot w;
    fs::remove_all(w.dir / "m");
    StaticFiles f(w.dir.string());
    EXPECT_FALSE(f.serve(get("/m/notices")));  // a 404, never the console under /m/
    EXPECT_TRUE(f.serve(get("/members")));
}

TEST(StaticFiles, TraversalFindsNothingOutsideTheRoot) {
    WebRoot w;
    StaticFiles f(w.dir.string());
    auto r = f.serve(get("/../../etc/passwd"));
    ASSERT_TRUE(r);  // the SPA page, never the file
    EXPECT_EQ(r->body.find("root:"), std::string::npos);
}

TEST(StaticFiles, EtagAnswers304) {
    WebRoot w;
    StaticFiles f(w.dir.string());
    auto first = f.serve(get("/index.html"));
    Request again = get("/index.html");
    again.headers.emplace_back("if-none-match", header(*first, "etag"));
    EXPECT_EQ(f.serve(again)->status, 304);
}

TEST(StaticFiles, MissingRootServesNothing) {
    StaticFiles f("/nonexistent/gonghui/web");
    EXPECT_TRUE(f.empty());
    EXPECT_FALSE(f.serve(get("/")));
}
