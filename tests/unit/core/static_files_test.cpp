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
