#include "mock_sms.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sodium.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <stdexcept>

namespace gh::test {

namespace {

std::string hmac_hex(const std::string& key, const std::string& body) {
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(key.data()),
                                key.size());
    crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(body.data()),
                                  body.size());
    crypto_auth_hmacsha256_final(&st, mac);
    char hex[sizeof mac * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
    return hex;
}

std::string lower(std::string s) {
    for (auto& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return s;
}

}  // namespace

MockSmsProvider::MockSmsProvider(std::string secret, int fail_first)
    : secret_(std::move(secret)), fail_first_(fail_first) {
    if (sodium_init() < 0) throw std::runtime_error("sodium_init");
    listen_fd_ = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(listen_fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
        listen(listen_fd_, 16) != 0) {
        throw std::runtime_error("mock sms: cannot listen");
    }
    socklen_t len = sizeof a;
    getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
    thread_ = std::thread([this] { serve(); });
}

MockSmsProvider::~MockSmsProvider() {
    stop_ = true;
    thread_.join();
    close(listen_fd_);
}

void MockSmsProvider::serve() {
    while (!stop_) {
        pollfd p{listen_fd_, POLLIN, 0};
        if (poll(&p, 1, 100) <= 0) continue;
        int fd = accept(listen_fd_, nullptr, nullptr);
        if (fd < 0) continue;
        handle(fd);
        close(fd);
    }
}

void MockSmsProvider::handle(int fd) {
    std::string in;
    char buf[4096];
    size_t header_end = std::string::npos, length = 0;
    while (true) {
        pollfd p{fd, POLLIN, 0};
        if (poll(&p, 1, 3000) <= 0) return;
        ssize_t n = read(fd, buf, sizeof buf);
        if (n <= 0) return;
        in.append(buf, static_cast<size_t>(n));
        if (header_end == std::string::npos) {
            header_end = in.find("\r\n\r\n");
            if (header_end == std::string::npos) continue;
            auto pos = lower(in.substr(0, header_end)).find("content-length:");
            if (pos != std::string::npos) length = std::stoul(in.substr(pos + 15));
        }
        if (in.size() >= header_end + 4 + length) break;
    }
    const std::string head = in.substr(0, header_end);
    const std::string body = in.substr(header_end + 4, length);
    std::string signature;
    if (auto pos = lower(head).find("x-gonghui-signature:"); pos != std::string::npos) {
        auto end = head.find("\r\n", pos);
        signature = head.substr(pos + 20, end == std::string::npos ? end : end - pos - 20);
        while (!signature.empty() && signature.front() == ' ') signature.erase(0, 1);
    }
    Received r;
    try {
        r.body = nlohmann::json::parse(body);
    } catch (const std::exception&) {
        r.body = nullptr;
    }
    r.signature_ok = !signature.empty() && signature == hmac_hex(secret_, body);
    {
        std::lock_guard lock(mu_);
        int seen = 0;
        const std::string phone =
            r.body.is_object() ? r.body.value("phone", std::string()) : std::string();
        for (const auto& earlier : received_) {
            if (earlier.body.is_object() && earlier.body.value("phone", std::string()) == phone) {
                ++seen;
            }
        }
        r.status = !r.signature_ok ? 401 : (seen < fail_first_ ? 503 : 200);
        received_.push_back(r);
    }
    changed_.notify_all();
    const std::string answer = r.status == 200 ? R"({"ok":true})" : R"({"ok":false})";
    const std::string reason = r.status == 200   ? "OK"
                               : r.status == 401 ? "Unauthorized"
                                                 : "Service Unavailable";
    std::string out =
        "HTTP/1.1 " + std::to_string(r.status) + " " + reason +
        "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(answer.size()) +
        "\r\nConnection: close\r\n\r\n" + answer;
    (void)!write(fd, out.data(), out.size());
}

std::vector<MockSmsProvider::Received> MockSmsProvider::received() const {
    std::lock_guard lock(mu_);
    return received_;
}

std::vector<nlohmann::json> MockSmsProvider::delivered(const std::string& phone,
                                                       const std::string& tmpl, size_t n,
                                                       int timeout_ms) const {
    std::unique_lock lock(mu_);
    std::vector<nlohmann::json> out;
    changed_.wait_for(lock, std::chrono::milliseconds(timeout_ms), [&] {
        out.clear();
        for (const auto& r : received_) {
            if (r.status == 200 && r.body.value("phone", std::string()) == phone &&
                r.body.value("template", std::string()) == tmpl) {
                out.push_back(r.body);
            }
        }
        return out.size() >= n;
    });
    return out;
}

std::optional<std::string> MockSmsProvider::code_for(const std::string& phone,
                                                     int timeout_ms) const {
    auto got = delivered(phone, "otp", 1, timeout_ms);
    if (got.empty()) return std::nullopt;
    return got.back()["params"]["code"].get<std::string>();
}

}  // namespace gh::test
