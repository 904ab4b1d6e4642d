#include "core/http/metrics.h"

#include <fmt/format.h>

namespace gh::http {

void Metrics::init(std::vector<std::string> route_labels) {
    labels_ = std::move(route_labels);
    labels_.emplace_back("static");
    labels_.emplace_back("unmatched");
    slots_ = std::make_unique<Slot[]>(labels_.size());
}

void Metrics::record(size_t slot, int status, std::chrono::microseconds elapsed) {
    Slot& s = slots_[slot < labels_.size() ? slot : unmatched_slot()];
    size_t si = kStatuses.size();
    for (size_t i = 0; i < kStatuses.size(); ++i) {
        if (kStatuses[i] == status) {
            si = i;
            break;
        }
    }
    s.by_status[si].fetch_add(1, std::memory_order_relaxed);
    double secs = static_cast<double>(elapsed.count()) / 1e6;
    size_t b = 0;
    while (b < kBuckets.size() && secs > kBuckets[b]) ++b;
    s.buckets[b].fetch_add(1, std::memory_order_relaxed);
    s.sum_us.fetch_add(static_cast<uint64_t>(elapsed.count()), std::memory_order_relaxed);
    s.count.fetch_add(1, std::memory_order_relaxed);
}

std::string Metrics::render() const {
    std::string out;
    out += "# HELP gonghui_http_requests_total HTTP requests by route and status.\n";
    out += "# TYPE gonghui_http_requests_total counter\n";
    for (size_t r = 0; r < labels_.size(); ++r) {
        for (size_t i = 0; i <= kStatuses.size(); ++i) {
            uint64_t n = slots_[r].by_status[i].load(std::memory_order_relaxed);
            if (n == 0) continue;
            std::string status = i < kStatuses.size() ? std::to_string(kStatuses[i]) : "other";
            out += fmt::format("gonghui_http_requests_total{{route=\"{}\",status=\"{}\"}} {}\n",
                               labels_[r], status, n);
        }
    }
    out += "# HELP gonghui_http_request_duration_seconds Time from request headers to response.\n";
    out += "# TYPE gonghui_http_request_duration_seconds histogram\n";
    for (size_t r = 0; r < labels_.size(); ++r) {
        const Slot& s = slots_[r];
        uint64_t count = s.count.load(std::memory_order_relaxed);
        if (count == 0) continue;
        uint64_t cumulative = 0;
        for (size_t b = 0; b <= kBuckets.size(); ++b) {
            cumulative += s.buckets[b].load(std::memory_order_relaxed);
            std::string le = b < kBuckets.size() ? fmt::format("{}", kBuckets[b]) : "+Inf";
            out += fmt::format(
                "gonghui_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n",
                labels_[r], le, cumulative);
        }
        out += fmt::format("gonghui_http_request_duration_seconds_sum{{route=\"{}\"}} {:.6f}\n",
                           labels_[r], static_cast<double>(s.sum_us.load()) / 1e6);
        out += fmt::format("gonghui_http_request_duration_seconds_count{{route=\"{}\"}} {}\n",
                           labels_[r], count);
    }
    for (const auto& g : gauges_) out += g();
    return out;
}

}  // namespace gh::http
