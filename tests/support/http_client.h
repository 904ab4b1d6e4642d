// A small blocking HTTP/1.1 client for API tests: one keep-alive connection, reopened when the
// server closes it.
#pragma once

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace gh::test {

struct HttpResponse {
    int status = 0;
    std::map<std::string, std::string> headers;  // lower-case names
    std::string body;
    nlohmann::json json() const;
    std::string header(const std::string& lower) const;
};

class HttpClient {
public:
    explicit HttpClient(uint16_t port, std::string host = "127.0.0.1");
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    HttpResponse request(const std::string& method, const std::string& target,
                         const std::string& body = {},
                         const std::vector<std::pair<std::string, std::string>>& headers = {});
    HttpResponse get(const std::string& target) { return request("GET", target); }
    HttpResponse post_json(const std::string& target, const nlohmann::json& body) {
        return request("POST", target, body.dump(), {{"Content-Type", "application/json"}});
    }
    // Sends raw bytes on a fresh connection and answers everything the server sent back.
    std::string raw(const std::string& bytes);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace gh::test
