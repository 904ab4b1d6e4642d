#include "core/auth/password_policy.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace {

using gh::auth::check_password_policy;
using gh::auth::is_common_password;

// The code of the first broken rule, or "" when the password is acceptable.
std::string code_of(std::string_view password, std::string_view username = "zhangsan") {
    const auto problem = check_password_policy(password, username);
    if (!problem) return "";
    EXPECT_EQ(problem->field, "new_password");
    EXPECT_FALSE(problem->message.empty());
    return problem->code;
}

TEST(PasswordPolicy, StrongTwelveCharacterPasswordIsAccepted) {
    EXPECT_EQ(code_of("Tq7#mZ2vLp9x"), "");
    EXPECT_FALSE(check_password_policy("Tq7#mZ2vLp9x", "zhangsan").has_value());
}

TEST(PasswordPolicy, TooShortCountsCodePointsNotBytes) {
    EXPECT_EQ(code_of("Tq7#mZ2vLp9"), "password.too_short");  // 11 characters
    EXPECT_EQ(code_of(""), "password.too_short");
    // 11 code points but 30 bytes: still too short.
    EXPECT_EQ(code_of("我爱我们的工会组织A3"), "password.too_short");
    // 12 code points (other + upper + lower + digit): fine.
    EXPECT_EQ(code_of("我爱我们的工会组织Ab3"), "");
}

TEST(PasswordPolicy, ChinesePassphraseCountsAsOtherCharacters) {
    // Only one class (non-ASCII) however long it is.
    EXPECT_EQ(code_of("我们的工会服务平台很好用啊"), "password.classes");
    // Chinese plus digits plus lower-case: three classes.
    EXPECT_EQ(code_of("工会服务平台2024abc"), "");
}

TEST(PasswordPolicy, NeedsThreeOfFourClasses) {
    EXPECT_EQ(code_of("qmvzkrtplwxnb"), "password.classes");  // lower only
    EXPECT_EQ(code_of("qmvzkrtplwx7b"), "password.classes");  // lower + digit
    EXPECT_EQ(code_of("QMVZKRTPLWX7B"), "password.classes");  // upper + digit
    EXPECT_EQ(code_of("qmvzkrtPLWX7b"), "");                  // lower + upper + digit
    EXPECT_EQ(code_of("qmvz krtplw7b"), "");                  // space is a symbol
    EXPECT_EQ(code_of("qmvz#krtplwXb"), "");                  // lower + symbol + upper
}

TEST(PasswordPolicy, MustNotContainTheUsername) {
    EXPECT_EQ(code_of("Zhangsan#2024x", "zhangsan"), "password.contains_username");
    EXPECT_EQ(code_of("x#2024ZHANGSANq", "ZhangSan"), "password.contains_username");
    EXPECT_EQ(code_of("Tq7#mZ2vLp9x", "zhangsan"), "");
    // Usernames shorter than 3 characters are not checked: every password would contain them.
    EXPECT_EQ(code_of("Tq7#mZ2vLp9xli", "li"), "");
    EXPECT_EQ(code_of("Tq7#mZ2vLp9xlin", "lin"), "password.contains_username");
    EXPECT_EQ(code_of("Tq7#mZ2v张三丰p9x", "张三丰"), "password.contains_username");
}

TEST(PasswordPolicy, CommonPasswordsAreRefusedEvenWithSuffixes) {
    EXPECT_EQ(code_of("Password123!"), "password.common");
    EXPECT_EQ(code_of("Dragon!!2024"), "password.common");  // "dragon" after stripping
    EXPECT_EQ(code_of("Sunshine_2024"), "password.common");
    EXPECT_EQ(code_of("Sunshine_2024x"), "");  // a letter at the end: nothing to strip
}

TEST(PasswordPolicy, TooLongIsCountedInBytes) {
    std::string s;
    while (s.size() < 128) s += "Tq7#";
    EXPECT_EQ(code_of(s), "");  // exactly 128 bytes
    EXPECT_EQ(code_of(s + "x"), "password.too_long");
    // 43 Chinese characters are 129 bytes.
    std::string chinese;
    for (int i = 0; i < 43; ++i) chinese += "工";
    EXPECT_EQ(code_of(chinese), "password.too_long");
}

TEST(CommonPasswords, ListIsTheTopTenThousandFromZxcvbn) {
    const auto list = gh::auth::detail::common_passwords();
    EXPECT_EQ(list.size(), 10000u);
    EXPECT_TRUE(std::ranges::is_sorted(list));
    EXPECT_EQ(std::ranges::adjacent_find(list), list.end());
    EXPECT_TRUE(std::ranges::binary_search(list, std::string_view("password")));
    EXPECT_TRUE(std::ranges::binary_search(list, std::string_view("123456")));
    EXPECT_EQ(gh::auth::detail::common_passwords_source().rfind("zxcvbn@", 0), 0u);
}

TEST(CommonPasswords, LookupIgnoresCaseAndTrailingDigitsAndSymbols) {
    EXPECT_TRUE(is_common_password("1qaz2wsx"));  // matched as is
    EXPECT_TRUE(is_common_password("1QAZ2WSX"));
    EXPECT_TRUE(is_common_password("QwertyUIOP"));
    EXPECT_TRUE(is_common_password("Password123!"));
    EXPECT_TRUE(is_common_password("monkey!!!"));
    EXPECT_FALSE(is_common_password("Tq7#mZ2vLp9x"));
    EXPECT_FALSE(is_common_password("!!!"));  // nothing left after stripping
    EXPECT_FALSE(is_common_password("123monkeyz"));
}

}  // namespace
