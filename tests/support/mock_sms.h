// A local SMS provider for the tests: accepts the HTTP sender's POSTs on 127.0.0.1, checks
// their signature, keeps what arrived, and is "down" (503) for the first `fail_first` requests
// of every phone number — the provider the issue asks for, unreliable for part of the test.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace gh::test {

class MockSmsProvider {
public:
    MockSmsProvider(std::string secret, int fail_first = 1);
    ~MockSmsProvider();
    MockSmsProvider(const MockSmsProvider&) = delete;
    MockSmsProvider& operator=(const MockSmsProvider&) = delete;

    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/sms/send"; }

    struct Received {
        nlohmann::json body;
        bool signature_ok = false;
        int status = 0;  // what the mock answered
    };
    std::vector<Received> received() const;
    // The code of the last message delivered (answered 2xx) to `phone`, waiting up to
    // `timeout_ms` for one.
    std::optional<std::string> code_for(const std::string& phone, int timeout_ms = 15000) const;
    // Messages delivered to `phone` with a given template, waiting up to timeout_ms for `n`.
    std::vector<nlohmann::json> delivered(const std::string& phone, const std::string& tmpl,
                                          size_t n = 1, int timeout_ms = 15000) const;

private:
    void serve();
    void handle(int fd);

    std::string secret_;
    int fail_first_;
    int listen_fd_ = -1;
    uint16_t port_ = 0;
    std::atomic<bool> stop_{false};
    mutable std::mutex mu_;
    mutable std::condition_variable changed_;
    std::vector<Received> received_;
    std::thread thread_;
};

}  // namespace gh::test
