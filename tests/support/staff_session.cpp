#include "staff_session.h"

#include <gtest/gtest.h>

#include <chrono>

#include "core/auth/totp.h"

namespace gh::test {

HttpResponse StaffSession::login(const std::string& username, const std::string& password) {
    auto r =
        client_.post_json("/api/v1/auth/login", {{"username", username}, {"password", password}});
    if (r.status == 200) {
        auto set = r.header("set-cookie");
        cookie_ = set.substr(0, set.find(';'));
        csrf_ = r.json()["csrf_token"];
    }
    return r;
}

HttpResponse StaffSession::get(const std::string& target) {
    return client_.request("GET", target, "", {{"Cookie", cookie_}});
}

HttpResponse StaffSession::send(const std::string& method, const std::string& target,
                                const nlohmann::json& body, bool with_csrf) {
    std::vector<std::pair<std::string, std::string>> h = {{"Cookie", cookie_},
                                                          {"Content-Type", "application/json"}};
    if (with_csrf) h.emplace_back("X-CSRF-Token", csrf_);
    return client_.request(method, target, body.dump(), h);
}

std::string totp_now(const std::string& base32_secret) {
    auto secret = auth::base32_decode(base32_secret);
    auto now = std::chrono::duration_cast<std::chrono::seconds>(
                   std::chrono::system_clock::now().time_since_epoch())
                   .count();
    return auth::totp_code(*secret, now);
}

void StaffSession::login_ready(const std::string& username, const std::string& initial,
                               const std::string& new_password) {
    auto r = login(username, initial);
    ASSERT_EQ(r.status, 200) << r.body;
    auto j = r.json();
    if (j["must_change_password"]) {
        auto c = send("POST", "/api/v1/auth/password",
                      {{"old_password", initial}, {"new_password", new_password}});
        ASSERT_EQ(c.status, 200) << c.body;
    }
    if (j["mfa_required"]) {
        auto e = send("POST", "/api/v1/auth/totp/enroll");
        ASSERT_EQ(e.status, 200) << e.body;
        auto v = send("POST", "/api/v1/auth/totp/verify", {{"code", totp_now(e.json()["secret"])}});
        ASSERT_EQ(v.status, 200) << v.body;
    }
}

}  // namespace gh::test
