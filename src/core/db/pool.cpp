#include "core/db/pool.h"

namespace gh::db {

Pool::Pool(Url url, size_t size, std::chrono::milliseconds wait)
    : url_(std::move(url)), size_(size == 0 ? 1 : size), wait_(wait) {}

Pool::Lease Pool::acquire() {
    std::unique_lock lock(mu_);
    if (idle_.empty() && opened_ >= size_) {
        waits_.fetch_add(1, std::memory_order_relaxed);
        if (!cv_.wait_for(lock, wait_, [&] { return !idle_.empty() || opened_ < size_; })) {
            throw DbError(DbError::Kind::busy, "db pool: no free connection");
        }
    }
    std::unique_ptr<Connection> c;
    if (!idle_.empty()) {
        c = std::move(idle_.back());
        idle_.pop_back();
    } else {
        ++opened_;  // reserve the slot, then open outside the lock
        lock.unlock();
        try {
            c = connect(url_);
        } catch (...) {
            lock.lock();
            --opened_;
            cv_.notify_one();
            throw;
        }
    }
    in_use_.fetch_add(1, std::memory_order_relaxed);
    return Lease(this, std::move(c));
}

void Pool::give_back(std::unique_ptr<Connection> c) {
    in_use_.fetch_sub(1, std::memory_order_relaxed);
    // A lease dropped mid-transaction (an exception unwound past it) must not leak the open
    // transaction into the next request.
    c->rollback();
    std::lock_guard lock(mu_);
    idle_.push_back(std::move(c));
    cv_.notify_one();
}

}  // namespace gh::db
