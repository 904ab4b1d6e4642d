#include "core/http/metrics.h"

#include <gtest/gtest.h>

using gh::http::Metrics;

TEST(Metrics, CountsByRouteAndStatusAndBucketsLatency) {
    Metrics m;
    m.init({"GET /healthz", "POST /api/v1/x"});
    m.record(0, 200, std::chrono::microseconds(300));
    m.record(0, 200, std::chrono::microseconds(3000));
    m.record(1, 422, std::chrono::microseconds(100));
    m.record(m.unmatched_slot(), 404, std::chrono::microseconds(50));
    std::string t = m.render();
    EXPECT_NE(t.find("gonghui_http_requests_total{route=\"GET /healthz\",status=\"200\"} 2"),
              std::string::npos);
    EXPECT_NE(t.find("gonghui_http_requests_total{route=\"POST /api/v1/x\",status=\"422\"} 1"),
              std::string::npos);
    EXPECT_NE(t.find("gonghui_http_requests_total{route=\"unmatched\",status=\"404\"} 1"),
              std::string::npos);
    // 300 µs falls in le=0.0005; 3 ms first appears at le=0.005.
    EXPECT_NE(t.find("duration_seconds_bucket{route=\"GET /healthz\",le=\"0.0005\"} 1"),
              std::string::npos);
    EXPECT_NE(t.find("duration_seconds_bucket{route=\"GET /healthz\",le=\"0.0025\"} 1"),
              std::string::npos);
    EXPECT_NE(t.find("duration_seconds_bucket{route=\"GET /healthz\",le=\"0.005\"} 2"),
              std::string::npos);
    EXPECT_NE(t.find("duration_seconds_count{route=\"GET /healthz\"} 2"), std::string::npos);
}

TEST(Metrics, UnlistedStatusCountsAsOther) {
    Metrics m;
    m.init({"GET /x"});
    m.record(0, 418, std::chrono::microseconds(1));
    EXPECT_NE(m.render().find("status=\"other\"} 1"), std::string::npos);
}
