// The handler pool: N threads that run what may wait (database round trips), so an io thread
// only reads, parses and writes. The queue is bounded: when it is full, try_post refuses and
// the caller answers 503 server.busy instead of queueing without bound.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace gh::http {

class WorkerPool {
public:
    using Task = std::function<void()>;

    // `threads` ≥ 1 workers; at most `queue_limit` tasks wait for one (0: none may wait).
    WorkerPool(size_t threads, size_t queue_limit);
    ~WorkerPool();  // shutdown()
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    // Queues `task`; false (and `task` untouched) when the queue is full or the pool shut down.
    // A task must not throw: it owns its error handling.
    bool try_post(Task& task);

    // Runs every task already queued, then joins the workers. Idempotent; later posts refuse.
    void shutdown();

    size_t threads() const { return threads_.size(); }
    size_t queue_limit() const { return limit_; }
    size_t queued() const;
    size_t running() const;
    uint64_t rejected() const;

private:
    void run();

    mutable std::mutex mu_;
    std::condition_variable cv_;
    std::deque<Task> queue_;
    size_t limit_;
    size_t idle_ = 0;
    size_t running_ = 0;
    uint64_t rejected_ = 0;
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

}  // namespace gh::http
