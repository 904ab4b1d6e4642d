#include "core/auth/totp.h"

#include <gtest/gtest.h>

#include <set>
#include <stdexcept>
#include <string>

namespace {

using namespace gh::auth;

const std::string kRfcSecret = "12345678901234567890";  // RFC 4226 / RFC 6238 SHA-1 seed

// RFC 4226 appendix D.
TEST(Hotp, Rfc4226Vectors) {
    const char* expected[] = {"755224", "287082", "359152", "969429", "338314",
                              "254676", "287922", "162583", "399871", "520489"};
    for (std::uint64_t i = 0; i < 10; ++i) EXPECT_EQ(hotp_code(kRfcSecret, i), expected[i]) << i;
}

// RFC 6238 appendix B, SHA-1 rows (8 digits).
TEST(Totp, Rfc6238Vectors) {
    EXPECT_EQ(totp_code(kRfcSecret, 59, 8), "94287082");
    EXPECT_EQ(totp_code(kRfcSecret, 1111111109, 8), "07081804");
    EXPECT_EQ(totp_code(kRfcSecret, 1111111111, 8), "14050471");
    EXPECT_EQ(totp_code(kRfcSecret, 1234567890, 8), "89005924");
    EXPECT_EQ(totp_code(kRfcSecret, 2000000000, 8), "69279037");
    EXPECT_EQ(totp_code(kRfcSecret, 20000000000, 8), "65353130");
}

TEST(Totp, SixDigitsByDefaultAndZeroPadded) {
    EXPECT_EQ(totp_code(kRfcSecret, 59), "287082");          // last 6 of 94287082
    EXPECT_EQ(totp_code(kRfcSecret, 1111111109), "081804");  // keeps its leading zero
    EXPECT_THROW(totp_code(kRfcSecret, 59, 5), std::invalid_argument);
    EXPECT_THROW(totp_code(kRfcSecret, 59, 9), std::invalid_argument);
}

TEST(Totp, StepIsFlooredThirtySeconds) {
    EXPECT_EQ(totp_step(0), 0);
    EXPECT_EQ(totp_step(29), 0);
    EXPECT_EQ(totp_step(30), 1);
    EXPECT_EQ(totp_step(-1), -1);
}

TEST(TotpVerify, AcceptsCurrentCodeAndReturnsItsStep) {
    const std::int64_t t = 1700000000;
    const auto step = totp_verify(kRfcSecret, totp_code(kRfcSecret, t), t, -1);
    ASSERT_TRUE(step.has_value());
    EXPECT_EQ(*step, t / 30);
    // Spaces, as apps display "123 456", are ignored.
    std::string spaced = totp_code(kRfcSecret, t);
    spaced.insert(3, " ");
    EXPECT_EQ(totp_verify(kRfcSecret, spaced, t, -1), step);
}

TEST(TotpVerify, RefusesReplayOfTheSameCode) {
    const std::int64_t t = 1700000000;
    const std::string code = totp_code(kRfcSecret, t);
    const auto step = totp_verify(kRfcSecret, code, t, -1);
    ASSERT_TRUE(step.has_value());
    EXPECT_FALSE(totp_verify(kRfcSecret, code, t, *step).has_value());
    EXPECT_FALSE(totp_verify(kRfcSecret, code, t + 5, *step).has_value());
    // An older code, still inside the window, is refused once a newer one was used.
    EXPECT_FALSE(totp_verify(kRfcSecret, totp_code(kRfcSecret, t - 30), t, *step).has_value());
    // The next step's code is still fine.
    EXPECT_EQ(totp_verify(kRfcSecret, totp_code(kRfcSecret, t + 30), t + 30, *step), *step + 1);
}

TEST(TotpVerify, WindowIsOneStepEachWay) {
    const std::int64_t t = 1700000010;
    const std::int64_t now = t / 30;
    EXPECT_EQ(totp_verify(kRfcSecret, totp_code(kRfcSecret, t - 30), t, -1), now - 1);
    EXPECT_EQ(totp_verify(kRfcSecret, totp_code(kRfcSecret, t + 30), t, -1), now + 1);
    EXPECT_FALSE(totp_verify(kRfcSecret, totp_code(kRfcSecret, t - 60), t, -1).has_value());
    EXPECT_FALSE(totp_verify(kRfcSecret, totp_code(kRfcSecret, t + 60), t, -1).has_value());
}

TEST(TotpVerify, RefusesWrongOrMalformedCodes) {
    const std::int64_t t = 1700000000;
    std::string code = totp_code(kRfcSecret, t);
    std::string wrong = code;
    wrong[5] = wrong[5] == '9' ? '0' : static_cast<char>(wrong[5] + 1);
    EXPECT_FALSE(totp_verify(kRfcSecret, wrong, t, -1).has_value());
    EXPECT_FALSE(totp_verify(kRfcSecret, code.substr(0, 5), t, -1).has_value());
    EXPECT_FALSE(totp_verify(kRfcSecret, code + "0", t, -1).has_value());
    EXPECT_FALSE(totp_verify(kRfcSecret, "12a456", t, -1).has_value());
    EXPECT_FALSE(totp_verify("another secret", code, t, -1).has_value());
    EXPECT_FALSE(totp_verify("", code, t, -1).has_value());
}

TEST(TotpSecret, TwentyRandomBytes) {
    std::set<std::string> seen;
    for (int i = 0; i < 50; ++i) {
        const std::string s = new_totp_secret();
        EXPECT_EQ(s.size(), 20u);
        seen.insert(s);
    }
    EXPECT_EQ(seen.size(), 50u);
}

// RFC 4648 section 10.
TEST(Base32, Rfc4648Vectors) {
    const std::pair<const char*, const char*> cases[] = {{"", ""},
                                                         {"f", "MY"},
                                                         {"fo", "MZXQ"},
                                                         {"foo", "MZXW6"},
                                                         {"foob", "MZXW6YQ"},
                                                         {"fooba", "MZXW6YTB"},
                                                         {"foobar", "MZXW6YTBOI"}};
    for (const auto& [plain, encoded] : cases) {
        EXPECT_EQ(base32_encode(plain), encoded);
        EXPECT_EQ(base32_decode(encoded), std::optional<std::string>(plain)) << encoded;
    }
    EXPECT_EQ(base32_encode(kRfcSecret), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
}

TEST(Base32, DecodeIsCaseInsensitiveAndIgnoresSpacesAndPadding) {
    EXPECT_EQ(base32_decode("mzxw 6ytb oi"), std::optional<std::string>("foobar"));
    EXPECT_EQ(base32_decode("MZXW6YQ="), std::optional<std::string>("foob"));
    EXPECT_EQ(base32_decode(" MZxw6 "), std::optional<std::string>("foo"));
}

TEST(Base32, DecodeRejectsInvalidInput) {
    EXPECT_FALSE(base32_decode("MZXW1").has_value());  // '1' is not in the alphabet
    EXPECT_FALSE(base32_decode("MZXW8").has_value());  // neither is '8'
    EXPECT_FALSE(base32_decode("MZ=XW").has_value());  // padding only at the end
    EXPECT_FALSE(base32_decode("M").has_value());      // 1, 3 or 6 symbols mod 8: impossible
    EXPECT_FALSE(base32_decode("MZX").has_value());
    EXPECT_FALSE(base32_decode("MZXW6Y").has_value());
    EXPECT_FALSE(base32_decode("MZ").has_value());  // "f" is MY; MZ leaves a set bit over
    EXPECT_FALSE(base32_decode("工会").has_value());
}

TEST(Base32, RoundTripsEveryLength) {
    std::string bytes;
    for (int n = 0; n <= 41; ++n) {
        EXPECT_EQ(base32_decode(base32_encode(bytes)), std::optional<std::string>(bytes)) << n;
        bytes += static_cast<char>(n * 37 + 200);
    }
    const std::string secret = new_totp_secret();
    EXPECT_EQ(base32_encode(secret).size(), 32u);
    EXPECT_EQ(base32_decode(base32_encode(secret)), std::optional<std::string>(secret));
}

TEST(OtpauthUri, PercentEncodesChineseIssuerAndAccount) {
    const std::string uri = otpauth_uri("工会服务平台", "张三 zhang.san@example.org", kRfcSecret);
    const std::string issuer = "%E5%B7%A5%E4%BC%9A%E6%9C%8D%E5%8A%A1%E5%B9%B3%E5%8F%B0";
    EXPECT_EQ(uri, "otpauth://totp/" + issuer +
                       ":%E5%BC%A0%E4%B8%89%20zhang.san%40example.org"
                       "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=" +
                       issuer + "&algorithm=SHA1&digits=6&period=30");
    // A colon in the issuer must not be read as the label separator.
    EXPECT_NE(otpauth_uri("a:b", "c", "x").find("totp/a%3Ab:c?"), std::string::npos);
}

}  // namespace
