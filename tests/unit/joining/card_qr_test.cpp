// What the member card's QR code holds: the public check page's URL when a public base URL is
// configured, else the card number and the API path. Never anything personal.
#include <gtest/gtest.h>

#include "domains/joining/joining.h"

TEST(CardQr, PointsAtThePublicCheckPageWhenAPublicUrlIsSet) {
    EXPECT_EQ(gh::joining::card_qr_text("6104240000012", "https://gh.example.cn"),
              "https://gh.example.cn/verify/card/6104240000012");
}

TEST(CardQr, FallsBackToTheCardNumberAndApiPath) {
    EXPECT_EQ(gh::joining::card_qr_text("6104240000012"),
              "GHCARD:6104240000012 /api/v1/verify/card/6104240000012");
}

TEST(CardQr, TheCardSvgCarriesNoPersonalDataInItsCode) {
    gh::joining::Membership m{};
    m.card_no = "6104240000012";
    m.name = "张三";
    const auto with = gh::joining::card_svg(m, "https://gh.example.cn");
    const auto without = gh::joining::card_svg(m);
    EXPECT_NE(with, without) << "the QR symbol follows the public URL";
    EXPECT_NE(with.find("<svg"), std::string::npos);
}
