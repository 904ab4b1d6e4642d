// A fixed-size pool of connections, one per worker thread. Connections open lazily and are
// checked for health when they come back.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

#include "core/db/db.h"

namespace gh::db {

class Pool {
public:
    Pool(Url url, size_t size, std::chrono::milliseconds wait = std::chrono::seconds(10));
    Pool(const Pool&) = delete;
    Pool& operator=(const Pool&) = delete;

    class Lease {
    public:
        Lease(Pool* pool, std::unique_ptr<Connection> c) : pool_(pool), c_(std::move(c)) {}
        Lease(Lease&&) = default;
        Lease& operator=(Lease&&) = delete;
        ~Lease() {
            if (c_) pool_->give_back(std::move(c_));
        }
        Connection& operator*() const { return *c_; }
        Connection* operator->() const { return c_.get(); }

    private:
        Pool* pool_;
        std::unique_ptr<Connection> c_;
    };

    // Waits for a free connection; throws DbError(busy) when none frees up in time, or
    // DbError(connection) when the database cannot be reached.
    Lease acquire();

    const Url& url() const { return url_; }
    Backend backend() const { return url_.backend; }
    size_t size() const { return size_; }
    size_t in_use() const { return in_use_.load(std::memory_order_relaxed); }
    uint64_t waits() const { return waits_.load(std::memory_order_relaxed); }

private:
    void give_back(std::unique_ptr<Connection> c);

    Url url_;
    size_t size_;
    std::chrono::milliseconds wait_;
    std::mutex mu_;
    std::condition_variable cv_;
    std::vector<std::unique_ptr<Connection>> idle_;
    size_t opened_ = 0;
    std::atomic<size_t> in_use_{0};
    std::atomic<uint64_t> waits_{0};
};

}  // namespace gh::db
