#include "core/http/workers.h"

namespace gh::http {

WorkerPool::WorkerPool(size_t threads, size_t queue_limit) : limit_(queue_limit) {
    if (threads == 0) threads = 1;
    threads_.reserve(threads);
    for (size_t i = 0; i < threads; ++i) threads_.emplace_back([this] { run(); });
}

WorkerPool::~WorkerPool() { shutdown(); }

bool WorkerPool::try_post(Task& task) {
    {
        std::lock_guard lock(mu_);
        // A task waits only when every worker is busy; the bound is on those waiting.
        if (stopping_ || queue_.size() >= limit_ + idle_) {
            ++rejected_;
            return false;
        }
        queue_.push_back(std::move(task));
    }
    cv_.notify_one();
    return true;
}

void WorkerPool::run() {
    std::unique_lock lock(mu_);
    for (;;) {
        ++idle_;
        cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
        --idle_;
        if (queue_.empty()) return;  // stopping, and nothing left to drain
        Task t = std::move(queue_.front());
        queue_.pop_front();
        ++running_;
        lock.unlock();
        t();
        t = nullptr;  // what it captured is released off the lock
        lock.lock();
        --running_;
    }
}

void WorkerPool::shutdown() {
    {
        std::lock_guard lock(mu_);
        stopping_ = true;
    }
    cv_.notify_all();
    for (auto& t : threads_) {
        if (t.joinable()) t.join();
    }
}

size_t WorkerPool::queued() const {
    std::lock_guard lock(mu_);
    return queue_.size();
}

size_t WorkerPool::running() const {
    std::lock_guard lock(mu_);
    return running_;
}

uint64_t WorkerPool::rejected() const {
    std::lock_guard lock(mu_);
    return rejected_;
}

}  // namespace gh::http
