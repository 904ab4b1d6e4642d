#include "core/cn/geo.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace gh::cn {

namespace {

constexpr double kPi = std::numbers::pi;
constexpr double kKrasovskyA = 6378245.0;                // semi-major axis, metres
constexpr double kKrasovskyE2 = 0.00669342162296594323;  // first eccentricity squared
constexpr double kEarthMeanRadius = 6371008.8;

// The two offset fields of GCJ-02, in metres, as functions of the position relative to
// (105 E, 35 N). The constants define the datum; they are not tunable.
double offset_north_m(double x, double y) {
    double r =
        -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * std::sqrt(std::abs(x));
    r += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
    r += (20.0 * std::sin(y * kPi) + 40.0 * std::sin(y / 3.0 * kPi)) * 2.0 / 3.0;
    r += (160.0 * std::sin(y / 12.0 * kPi) + 320.0 * std::sin(y * kPi / 30.0)) * 2.0 / 3.0;
    return r;
}

double offset_east_m(double x, double y) {
    double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * std::sqrt(std::abs(x));
    r += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
    r += (20.0 * std::sin(x * kPi) + 40.0 * std::sin(x / 3.0 * kPi)) * 2.0 / 3.0;
    r += (150.0 * std::sin(x / 12.0 * kPi) + 300.0 * std::sin(x / 30.0 * kPi)) * 2.0 / 3.0;
    return r;
}

double radians(double deg) { return deg * kPi / 180.0; }

}  // namespace

bool in_gcj02_area(LatLng p) {
    return p.lng >= 72.004 && p.lng <= 137.8347 && p.lat >= 0.8293 && p.lat <= 55.8271;
}

LatLng wgs84_to_gcj02(LatLng wgs) {
    if (!in_gcj02_area(wgs)) return wgs;
    const double x = wgs.lng - 105.0;
    const double y = wgs.lat - 35.0;
    // Metres to degrees on the Krasovsky ellipsoid: meridian radius of curvature M for latitude,
    // prime-vertical radius N times cos(lat) for longitude.
    const double s = std::sin(radians(wgs.lat));
    const double w2 = 1.0 - kKrasovskyE2 * s * s;
    const double w = std::sqrt(w2);
    const double m = kKrasovskyA * (1.0 - kKrasovskyE2) / (w2 * w);
    const double n = kKrasovskyA / w;
    const double dlat = offset_north_m(x, y) * 180.0 / (m * kPi);
    const double dlng = offset_east_m(x, y) * 180.0 / (n * std::cos(radians(wgs.lat)) * kPi);
    return {wgs.lat + dlat, wgs.lng + dlng};
}

LatLng gcj02_to_wgs84(LatLng gcj) {
    if (!in_gcj02_area(gcj)) return gcj;
    // The offset varies slowly with position, so w <- w - (f(w) - gcj) contracts: each round
    // shrinks the error about a hundredfold (one round alone leaves up to 6e-5 degree, ~6 m), and
    // five or six rounds reach 1e-10 degree. The cap bounds NaN input and points on the area's
    // edge, where successive guesses can fall on either side of it.
    LatLng w = gcj;
    for (int i = 0; i < 20; ++i) {
        const LatLng g = wgs84_to_gcj02(w);
        const double dlat = g.lat - gcj.lat;
        const double dlng = g.lng - gcj.lng;
        w.lat -= dlat;
        w.lng -= dlng;
        if (std::abs(dlat) < 1e-10 && std::abs(dlng) < 1e-10) break;
    }
    return w;
}

double haversine_m(LatLng a, LatLng b) {
    const double dlat = radians(b.lat - a.lat);
    const double dlng = radians(b.lng - a.lng);
    const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                     std::cos(radians(a.lat)) * std::cos(radians(b.lat)) * std::sin(dlng / 2) *
                         std::sin(dlng / 2);
    return 2.0 * kEarthMeanRadius * std::asin(std::sqrt(std::min(1.0, h)));
}

}  // namespace gh::cn
