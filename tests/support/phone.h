// A worker's phone in API tests: the worker session cookie, and the CSRF token on state changes.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "http_client.h"

namespace gh::test {

// A phone's session: the worker cookie, and the CSRF token on state changes.
class Phone {
public:
    explicit Phone(uint16_t port) : client_(port) {}
    HttpResponse login(const nlohmann::json& body) {
        auto r = client_.post_json("/api/v1/worker/login", body);
        if (r.status == 200) {
            auto set = r.header("set-cookie");
            cookie_ = set.substr(0, set.find(';'));
            csrf_ = r.json()["csrf_token"];
        }
        return r;
    }
    HttpResponse get(const std::string& target) {
        return client_.request("GET", target, "", {{"Cookie", cookie_}});
    }
    HttpResponse send(const std::string& method, const std::string& target,
                      const nlohmann::json& body) {
        return client_.request(
            method, target, body.dump(),
            {{"Cookie", cookie_}, {"Content-Type", "application/json"}, {"X-CSRF-Token", csrf_}});
    }

private:
    HttpClient client_;
    std::string cookie_, csrf_;
};

}  // namespace gh::test
