// A signed-in console session for API tests: keeps the session cookie and sends the CSRF token
// on every state-changing request, as the console does.
#pragma once

#include <string>

#include "http_client.h"

namespace gh::test {

class StaffSession {
public:
    explicit StaffSession(uint16_t port) : client_(port) {}

    // Answers the login response; on 200 the session is kept.
    HttpResponse login(const std::string& username, const std::string& password);
    // Logs in, changes the initial password to `new_password` and, for roles that need two
    // factors, enrols TOTP; fails the test on any unexpected answer.
    void login_ready(const std::string& username, const std::string& initial,
                     const std::string& new_password);

    HttpResponse get(const std::string& target);
    HttpResponse send(const std::string& method, const std::string& target,
                      const nlohmann::json& body = nlohmann::json::object(), bool with_csrf = true);

    const std::string& cookie() const { return cookie_; }
    const std::string& csrf() const { return csrf_; }
    HttpClient& client() { return client_; }

private:
    HttpClient client_;
    std::string cookie_, csrf_;
};

// The current TOTP code for a base32 secret.
std::string totp_now(const std::string& base32_secret);

}  // namespace gh::test
