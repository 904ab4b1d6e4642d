#include "core/auth/qr.h"

#include <gtest/gtest.h>
#include <qrencode.h>

#include <regex>
#include <stdexcept>
#include <string>

namespace {

using gh::auth::qr_svg;

struct Reference {
    int width = 0;
    int dark = 0;
};

Reference reference(const std::string& text) {
    QRcode* code = QRcode_encodeString8bit(text.c_str(), 0, QR_ECLEVEL_M);
    EXPECT_NE(code, nullptr);
    Reference r;
    if (!code) return r;
    r.width = code->width;
    for (int i = 0; i < code->width * code->width; ++i) r.dark += code->data[i] & 1;
    QRcode_free(code);
    return r;
}

std::size_t count(const std::string& s, const std::string& needle) {
    std::size_t n = 0;
    for (auto pos = s.find(needle); pos != std::string::npos; pos = s.find(needle, pos + 1)) ++n;
    return n;
}

void check_svg(const std::string& text) {
    const std::string svg = qr_svg(text);
    const Reference ref = reference(text);
    const int size = ref.width + 2 * gh::auth::kQrQuietZone;

    EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
    EXPECT_EQ(svg.substr(svg.size() - 6), "</svg>");
    EXPECT_EQ(count(svg, "<path"), 1u);
    EXPECT_EQ(count(svg, "<"), count(svg, ">"));
    EXPECT_NE(svg.find("shape-rendering=\"crispEdges\""), std::string::npos);
    const std::string view = "viewBox=\"0 0 " + std::to_string(size) + " " + std::to_string(size);
    EXPECT_NE(svg.find(view), std::string::npos) << svg.substr(0, 120);

    // Every run lies inside the symbol (quiet zone left clear) and the runs cover exactly the
    // dark modules libqrencode reports.
    const std::regex run(R"(M(\d+) (\d+)h(\d+)v1h-(\d+)z)");
    int dark = 0;
    for (std::sregex_iterator it(svg.begin(), svg.end(), run), end; it != end; ++it) {
        const int x = std::stoi((*it)[1]), y = std::stoi((*it)[2]), len = std::stoi((*it)[3]);
        EXPECT_EQ((*it)[3], (*it)[4]);
        EXPECT_GE(x, gh::auth::kQrQuietZone);
        EXPECT_GE(y, gh::auth::kQrQuietZone);
        EXPECT_LE(x + len, gh::auth::kQrQuietZone + ref.width);
        EXPECT_LT(y, gh::auth::kQrQuietZone + ref.width);
        dark += len;
    }
    EXPECT_EQ(dark, ref.dark);
}

TEST(QrSvg, SmallText) { check_svg("hello"); }

TEST(QrSvg, OtpauthUriWithChineseIssuer) {
    check_svg(
        "otpauth://totp/%E5%B7%A5%E4%BC%9A%E6%9C%8D%E5%8A%A1%E5%B9%B3%E5%8F%B0:zhangsan"
        "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=%E5%B7%A5%E4%BC%9A%E6%9C%8D%E5%8A%A1"
        "%E5%B9%B3%E5%8F%B0&algorithm=SHA1&digits=6&period=30");
}

TEST(QrSvg, ModulesAreTheSymbolWithItsQuietZone) {
    const std::string text = "https://gh.example.cn/m/stations/checkin?t=D1.YZ610424-0001";
    const auto m = gh::auth::qr_modules(text);
    const Reference ref = reference(text);
    ASSERT_EQ(m.size, ref.width + 2 * gh::auth::kQrQuietZone);
    ASSERT_EQ(m.dark.size(), static_cast<size_t>(m.size) * m.size);
    int dark = 0;
    for (int y = 0; y < m.size; ++y) {
        for (int x = 0; x < m.size; ++x) {
            const bool d = m.dark[static_cast<size_t>(y) * m.size + x];
            dark += d;
            const bool quiet = x < gh::auth::kQrQuietZone || y < gh::auth::kQrQuietZone ||
                               x >= m.size - gh::auth::kQrQuietZone ||
                               y >= m.size - gh::auth::kQrQuietZone;
            if (quiet) {
                EXPECT_FALSE(d) << x << "," << y;
            }
        }
    }
    EXPECT_EQ(dark, ref.dark);
}

TEST(QrSvg, NestedSymbolTakesItsBoxAndKeepsItsViewBox) {
    const std::string svg = gh::auth::qr_svg_nested("hello", 40, 104.5, 130);
    EXPECT_EQ(svg.rfind(R"(<svg x="40" y="104.5" width="130" height="130" viewBox="0 0 )", 0), 0u)
        << svg.substr(0, 120);
    EXPECT_EQ(count(svg, "width="), 2u);  // its box's, and the white background's 100%
    EXPECT_EQ(svg.find("xmlns"), std::string::npos);
    EXPECT_EQ(svg.substr(svg.size() - 6), "</svg>");
}

TEST(QrSvg, FailuresThrow) {
    EXPECT_THROW(qr_svg(""), std::runtime_error);
    EXPECT_THROW(qr_svg(std::string("a\0b", 3)), std::runtime_error);
    EXPECT_THROW(qr_svg(std::string(5000, 'x')), std::runtime_error);  // beyond version 40
}

}  // namespace
