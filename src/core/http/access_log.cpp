#include "core/http/access_log.h"

#include <fmt/format.h>

#include <ctime>

namespace gh::http {

void append_log_safe(std::string& out, std::string_view s) {
    for (unsigned char c : s) {
        if (c < 0x20 || c == 0x7f || c == '"') {
            fmt::format_to(std::back_inserter(out), "\\x{:02x}", c);
        } else {
            out += static_cast<char>(c);
        }
    }
}

AccessLog::AccessLog(size_t threads, std::FILE* out, std::chrono::milliseconds period)
    : out_(out), period_(period) {
    for (size_t i = 0; i < (threads ? threads : 1); ++i) {
        buffers_.push_back(std::make_unique<Buffer>());
    }
    flusher_ = std::thread([this] {
        std::unique_lock lock(run_mu_);
        while (!stop_) {
            run_cv_.wait_for(lock, period_, [this] { return stop_; });
            lock.unlock();
            flush();
            lock.lock();
        }
    });
}

AccessLog::~AccessLog() {
    {
        std::lock_guard lock(run_mu_);
        stop_ = true;
    }
    run_cv_.notify_one();
    flusher_.join();
    flush();
}

void AccessLog::append(size_t thread, const AccessRecord& r) {
    auto now = std::chrono::system_clock::now();
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
    long long sec = ms / 1000;
    Buffer& b = *buffers_[thread % buffers_.size()];
    std::lock_guard lock(b.mu);
    if (sec != b.cached_second) {
        std::time_t t = static_cast<std::time_t>(sec);
        std::tm tm{};
        gmtime_r(&t, &tm);
        char stamp[32];
        std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &tm);
        b.stamp = stamp;
        b.cached_second = sec;
    }
    // Appended piece by piece: this runs once per request, a format string parse would not pay.
    std::string& t = b.text;
    t += b.stamp;
    char millis[6] = {'.',
                      static_cast<char>('0' + ms % 1000 / 100),
                      static_cast<char>('0' + ms % 100 / 10),
                      static_cast<char>('0' + ms % 10),
                      'Z',
                      ' '};
    t.append(millis, sizeof millis);
    t += "access ";
    t += r.ip;
    t += ' ';
    t += r.method;
    t += ' ';
    append_log_safe(t, r.path);
    t += ' ';
    t += std::to_string(r.status);
    t += ' ';
    t += std::to_string(r.bytes);
    t += ' ';
    t += std::to_string(r.micros);
    t += "us ";
    t += r.request_id;
    if (r.worker_micros >= 0) {
        t += " worker ";
        t += std::to_string(r.worker_micros);
        t += "us queue ";
        t += std::to_string(r.queue_micros);
        t += "us";
    }
    t += '\n';
}

void AccessLog::flush() {
    std::lock_guard wlock(write_mu_);  // the flusher and the destructor never interleave lines
    std::string chunk;
    for (auto& b : buffers_) {
        {
            std::lock_guard lock(b->mu);
            chunk.swap(b->text);
        }
        if (!chunk.empty()) {
            std::fwrite(chunk.data(), 1, chunk.size(), out_);
            chunk.clear();
        }
    }
    std::fflush(out_);
}

}  // namespace gh::http
