#include "core/cn/geo.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

namespace gh::cn {
namespace {

constexpr double kR = 6371008.8;

TEST(Gcj02, MatchesPublishedReferencePoint) {
    // Widely quoted test vector of the standard formula: WGS-84 (39.915 N, 116.404 E) near
    // Tiananmen -> GCJ-02 (39.91640428150164, 116.41024449916938).
    const LatLng g = wgs84_to_gcj02({39.915, 116.404});
    EXPECT_NEAR(g.lat, 39.91640428150164, 1e-9);
    EXPECT_NEAR(g.lng, 116.41024449916938, 1e-9);
}

TEST(Gcj02, OffsetInChineseCitiesIsHundredsOfMetres) {
    struct City {
        const char* name;
        LatLng wgs;
    };
    for (const City& c :
         {City{"Beijing", {39.9042, 116.4074}}, City{"Shanghai", {31.2304, 121.4737}},
          City{"Guangzhou", {23.1291, 113.2644}}, City{"Urumqi", {43.8256, 87.6168}},
          City{"Harbin", {45.8038, 126.5350}}, City{"Lhasa", {29.6520, 91.1721}}}) {
        const double d = haversine_m(c.wgs, wgs84_to_gcj02(c.wgs));
        EXPECT_GT(d, 200.0) << c.name;
        EXPECT_LT(d, 700.0) << c.name;
    }
    // Beijing shifts north-east, Shanghai south-east.
    const LatLng bj = wgs84_to_gcj02({39.9042, 116.4074});
    EXPECT_GT(bj.lat, 39.9042);
    EXPECT_GT(bj.lng, 116.4074);
    const LatLng sh = wgs84_to_gcj02({31.2304, 121.4737});
    EXPECT_LT(sh.lat, 31.2304);
    EXPECT_GT(sh.lng, 121.4737);
}

TEST(Gcj02, RoundTripWithin1e7DegreeAcrossChina) {
    // One naive inverse step (2g - f(g)) is off by up to ~6e-5 degree; 1e-7 needs the iteration.
    for (double lat = 18.0; lat <= 53.5; lat += 0.5) {
        for (double lng = 73.5; lng <= 135.0; lng += 0.5) {
            const LatLng w{lat, lng};
            const LatLng back = gcj02_to_wgs84(wgs84_to_gcj02(w));
            ASSERT_NEAR(back.lat, lat, 1e-7) << lat << "," << lng;
            ASSERT_NEAR(back.lng, lng, 1e-7) << lat << "," << lng;
            const LatLng g{lat, lng};
            const LatLng forth = wgs84_to_gcj02(gcj02_to_wgs84(g));
            ASSERT_NEAR(forth.lat, lat, 1e-7) << lat << "," << lng;
            ASSERT_NEAR(forth.lng, lng, 1e-7) << lat << "," << lng;
        }
    }
}

TEST(Gcj02, InverseMovesTheOtherWay) {
    const LatLng g{39.915, 116.404};
    const LatLng w = gcj02_to_wgs84(g);
    EXPECT_LT(w.lat, g.lat);
    EXPECT_LT(w.lng, g.lng);
    EXPECT_GT(haversine_m(w, g), 500.0);
}

TEST(Gcj02, IdentityOutsideChina) {
    for (const LatLng p : {LatLng{51.5074, -0.1278},    // London
                           LatLng{40.7128, -74.0060},   // New York
                           LatLng{-33.8688, 151.2093},  // Sydney
                           LatLng{55.7558, 37.6173},    // Moscow: west of 72.004 E
                           LatLng{56.0, 100.0},         // north of 55.8271 N
                           LatLng{0.5, 103.85},         // south of 0.8293 N
                           LatLng{40.0, 138.0}}) {      // east of 137.8347 E
        EXPECT_FALSE(in_gcj02_area(p));
        const LatLng g = wgs84_to_gcj02(p);
        EXPECT_EQ(g.lat, p.lat);
        EXPECT_EQ(g.lng, p.lng);
        const LatLng w = gcj02_to_wgs84(p);
        EXPECT_EQ(w.lat, p.lat);
        EXPECT_EQ(w.lng, p.lng);
    }
}

TEST(Gcj02, AreaIsTheConventionalRectangle) {
    EXPECT_TRUE(in_gcj02_area({39.9, 116.4}));
    EXPECT_TRUE(in_gcj02_area({0.8293, 72.004}));
    EXPECT_TRUE(in_gcj02_area({55.8271, 137.8347}));
    EXPECT_FALSE(in_gcj02_area({0.8292, 100.0}));
    EXPECT_FALSE(in_gcj02_area({55.8272, 100.0}));
    EXPECT_FALSE(in_gcj02_area({30.0, 72.003}));
    EXPECT_FALSE(in_gcj02_area({30.0, 137.8348}));
    // A box, not a border: Singapore and Seoul are inside and get shifted too.
    EXPECT_TRUE(in_gcj02_area({1.29, 103.85}));
    EXPECT_TRUE(in_gcj02_area({37.57, 126.98}));
}

TEST(Haversine, KnownDistances) {
    const double one_degree = kR * std::numbers::pi / 180.0;  // 111195.08 m
    EXPECT_DOUBLE_EQ(haversine_m({39.9, 116.4}, {39.9, 116.4}), 0.0);
    EXPECT_NEAR(haversine_m({0, 0}, {1, 0}), one_degree, 1e-6);
    EXPECT_NEAR(haversine_m({0, 0}, {0, 1}), one_degree, 1e-6);
    EXPECT_NEAR(haversine_m({30, 120}, {31, 120}), one_degree, 1e-6);  // along a meridian
    // Along a parallel a degree of longitude shrinks (roughly) with cos(latitude).
    EXPECT_NEAR(haversine_m({60, 10}, {60, 11}), one_degree * 0.5, 30.0);
    EXPECT_NEAR(haversine_m({90, 0}, {0, 0}), kR * std::numbers::pi / 2, 1e-6);
    EXPECT_NEAR(haversine_m({0, 0}, {0, 180}), kR * std::numbers::pi, 1e-6);
    // Near antipodes asin(sqrt(h)) is ill-conditioned (h ~ 1): decimetres out of 20,000 km.
    EXPECT_NEAR(haversine_m({10, 20}, {-10, -160}), kR * std::numbers::pi, 1.0);
    EXPECT_NEAR(haversine_m({0, 179.5}, {0, -179.5}), one_degree, 1e-6);  // across 180
}

TEST(Haversine, BeijingToShanghai) {
    // About 1,067 km as the crow flies.
    const double d = haversine_m({39.9042, 116.4074}, {31.2304, 121.4737});
    EXPECT_NEAR(d, 1067300.0, 1000.0);
    EXPECT_DOUBLE_EQ(d, haversine_m({31.2304, 121.4737}, {39.9042, 116.4074}));
}

}  // namespace
}  // namespace gh::cn
