// Request counters and latency histograms per route, rendered as Prometheus text. Counters are
// relaxed atomics in slots fixed when the routes are registered: recording takes no lock.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace gh::http {

class Metrics {
public:
    // Called once, after every route has registered and before serving: slots 0..routes-1 are
    // the routes, then one for static files and one for unmatched paths.
    void init(std::vector<std::string> route_labels);
    size_t static_slot() const { return labels_.size() - 2; }
    size_t unmatched_slot() const { return labels_.size() - 1; }

    void record(size_t slot, int status, std::chrono::microseconds elapsed);

    // Extra gauges appended by their owners (e.g. the database pool), written as-is.
    using Gauges = std::function<std::string()>;
    void add_gauges(Gauges g) { gauges_.push_back(std::move(g)); }

    std::string render() const;

    static constexpr std::array<int, 19> kStatuses = {200, 201, 204, 301, 304, 400, 401,
                                                      403, 404, 405, 409, 413, 415, 422,
                                                      423, 429, 431, 500, 503};
    static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                        0.05,   0.1,   0.25,   0.5,   1.0,  2.5};

private:
    struct Slot {
        std::array<std::atomic<uint64_t>, kStatuses.size() + 1> by_status{};  // last: other
        std::array<std::atomic<uint64_t>, kBuckets.size() + 1> buckets{};     // last: +Inf
        std::atomic<uint64_t> sum_us{0};
        std::atomic<uint64_t> count{0};
    };
    std::vector<std::string> labels_;
    std::unique_ptr<Slot[]> slots_;
    std::vector<Gauges> gauges_;
};

}  // namespace gh::http
