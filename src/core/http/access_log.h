// The access log: one line per request on stdout, written in batches by a background thread.
// Each io thread appends to its own buffer (an uncontended lock), so logging costs no wake-up,
// no syscall and no cross-thread queue on the request path.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace gh::http {

struct AccessRecord {
    std::string_view ip, method, path, request_id;
    int status;
    size_t bytes;
    long long micros;
    // Handlers run on a worker: time waiting for one and running there (-1: on the io thread).
    long long queue_micros = -1, worker_micros = -1;
};

class AccessLog {
public:
    // `threads` buffers, one per io thread; flushed to `out` every `period`.
    AccessLog(size_t threads, std::FILE* out = stdout,
              std::chrono::milliseconds period = std::chrono::milliseconds(100));
    ~AccessLog();  // flushes what is left
    AccessLog(const AccessLog&) = delete;
    AccessLog& operator=(const AccessLog&) = delete;

    void append(size_t thread, const AccessRecord& r);
    void flush();

private:
    struct Buffer {
        std::mutex mu;
        std::string text;
        long long cached_second = -1;
        std::string stamp;  // "2026-11-23T01:02:03" for cached_second
    };
    std::vector<std::unique_ptr<Buffer>> buffers_;
    std::FILE* out_;
    std::chrono::milliseconds period_;
    std::mutex run_mu_;
    std::condition_variable run_cv_;
    bool stop_ = false;
    std::mutex write_mu_;
    std::thread flusher_;
};

// Control characters and quotes in logged text become \xNN, so input cannot forge a line.
void append_log_safe(std::string& out, std::string_view s);

}  // namespace gh::http
