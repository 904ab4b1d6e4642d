#include "core/http/static_files.h"

#include <gtest/gtest.h>

#include <zlib.h>

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
        std::ofstream big(dir / "assets" / "vendor-9f8e7d.js");
        for (int i = 0; i < 400; ++i) big << "export const v" << i << " = 'gonghui';\n";
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

std::string gunzip(const std::string& in) {
    z_stream z{};
    EXPECT_EQ(inflateInit2(&z, 15 + 16), Z_OK);
    std::string out(1 << 20, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.avail_in = static_cast<uInt>(in.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    EXPECT_EQ(inflate(&z, Z_FINISH), Z_STREAM_END);
    out.resize(z.total_out);
    inflateEnd(&z);
    return out;
}

TEST(StaticFiles, TextIsSentGzippedToClientsThatAcceptIt) {
    WebRoot w;
    StaticFiles f(w.dir.string());
    auto plain = f.serve(get("/assets/vendor-9f8e7d.js"));
    ASSERT_TRUE(plain);
    EXPECT_EQ(header(*plain, "content-encoding"), "");
    EXPECT_EQ(header(*plain, "vary"), "accept-encoding");
    Request req = get("/assets/vendor-9f8e7d.js");
    req.headers.emplace_back("accept-encoding", "gzip, deflate, br");
    auto gz = f.serve(req);
    ASSERT_TRUE(gz);
    EXPECT_EQ(header(*gz, "content-encoding"), "gzip");
    EXPECT_EQ(header(*gz, "vary"), "accept-encoding");
    EXPECT_NE(header(*gz, "cache-control").find("immutable"), std::string::npos);
    EXPECT_LT(gz->body.size(), plain->body.size() / 4);
    EXPECT_EQ(gunzip(gz->body), plain->body);
    // Two representations, two ETags; each revalidates as itself.
    EXPECT_NE(header(*gz, "etag"), header(*plain, "etag"));
    req.headers.emplace_back("if-none-match", header(*gz, "etag"));
    EXPECT_EQ(f.serve(req)->status, 304);
    Request stale = get("/assets/vendor-9f8e7d.js");
    stale.headers.emplace_back("if-none-match", header(*gz, "etag"));
    EXPECT_EQ(f.serve(stale)->status, 200) << "the plain file is not the gzipped one";
    // A file too small to be worth it is sent as it is, without Vary.
    Request small = get("/assets/app-1a2b3c.js");
    small.headers.emplace_back("accept-encoding", "gzip");
    auto s = f.serve(small);
    EXPECT_EQ(header(*s, "content-encoding"), "");
    EXPECT_EQ(s->body, "console.log(1)");
}

TEST(StaticFiles, AcceptEncodingIsReadWithItsWeights) {
    EXPECT_TRUE(accepts_gzip("gzip"));
    EXPECT_TRUE(accepts_gzip("deflate, GZIP;q=0.5"));
    EXPECT_TRUE(accepts_gzip("*"));
    EXPECT_TRUE(accepts_gzip("br, gzip ; q=1"));
    EXPECT_FALSE(accepts_gzip(""));
    EXPECT_FALSE(accepts_gzip("identity"));
    EXPECT_FALSE(accepts_gzip("br, deflate"));
    EXPECT_FALSE(accepts_gzip("gzip;q=0"));
    EXPECT_FALSE(accepts_gzip("gzip; q=0.000, br"));
    EXPECT_FALSE(accepts_gzip("gzipped"));
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
