// The two SMS senders: the development log and an HTTP(S) provider (libcurl).
#include <curl/curl.h>
#include <fmt/format.h>
#include <sodium.h>
#include <spdlog/spdlog.h>

#include <mutex>

#include "core/pii/mask.h"
#include "domains/notices/notices.h"

namespace gh::notices {

namespace {

std::string hmac_hex(const std::string& secret, const std::string& body) {
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(secret.data()),
                                secret.size());
    crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(body.data()),
                                  body.size());
    crypto_auth_hmacsha256_final(&st, mac);
    std::string hex(sizeof mac * 2, '\0');
    sodium_bin2hex(hex.data(), hex.size() + 1, mac, sizeof mac);
    return hex;
}

size_t discard(char*, size_t size, size_t n, void*) { return size * n; }

void global_init() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

SmsOutcome LogSmsSender::send(const SmsMessage& m) {
    const std::string masked = pii::mask_phone(m.phone);
    if (m.params.contains("code")) {
        spdlog::warn("[仅限开发模式 / DEVELOPMENT MODE ONLY] 短信验证码 phone={} code={}", masked,
                     m.params["code"].get<std::string>());
    } else {
        spdlog::info("[开发模式 / development mode] 短信 phone={} template={} {}", masked,
                     m.template_name, m.params.dump());
    }
    return {SmsResult::sent, "log"};
}

HttpSmsSender::HttpSmsSender(HttpSmsSettings s) : s_(std::move(s)) { global_init(); }

SmsOutcome HttpSmsSender::send(const SmsMessage& m) {
    const std::string body = nlohmann::json{
        {"message_id", fmt::format("gh-{}", m.id)},
        {"phone", m.phone},
        {"template", m.template_name},
        {"params", m.params}}.dump();
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl) return {SmsResult::retry, "curl_easy_init failed"};
    curl_slist* headers = nullptr;
    headers = curl_slist_append(headers, "Content-Type: application/json; charset=utf-8");
    const std::string sig = "X-Gonghui-Signature: " + hmac_hex(s_.secret, body);
    headers = curl_slist_append(headers, sig.c_str());
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> hold(headers, curl_slist_free_all);
    CURL* h = curl.get();
    curl_easy_setopt(h, CURLOPT_URL, s_.url.c_str());
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, s_.timeout_ms);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, std::min(s_.timeout_ms, 3000L));
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, discard);
    CURLcode rc = curl_easy_perform(h);
    if (rc != CURLE_OK) return {SmsResult::retry, curl_easy_strerror(rc)};
    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    const std::string detail = fmt::format("HTTP {}", status);
    if (status >= 200 && status < 300) return {SmsResult::sent, detail};
    if (status == 408 || status == 429 || status >= 500) return {SmsResult::retry, detail};
    return {SmsResult::rejected, detail};
}

}  // namespace gh::notices
