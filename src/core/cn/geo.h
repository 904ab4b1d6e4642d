// Coordinates. GPS receivers and most of the world use WGS-84; maps served in mainland China
// (AMap/Gaode, Tencent, Google's China tiles) use GCJ-02, WGS-84 shifted by a published
// obfuscation formula by typically 100-700 m. Mixing the two puts a union's office in the
// neighbouring street, so every stored coordinate says which datum it is in and converts here.
#pragma once

namespace gh::cn {

struct LatLng {
    double lat = 0;  // degrees, north positive
    double lng = 0;  // degrees, east positive
};

// The rectangle inside which GCJ-02 differs from WGS-84. It is the rough box everyone uses
// (72.004..137.8347 E, 0.8293..55.8271 N), not China's border: parts of neighbouring countries
// fall inside, and that is what map providers do too.
bool in_gcj02_area(LatLng p);

// The standard GCJ-02 forward formula on the Krasovsky 1940 ellipsoid. Identity outside the area.
LatLng wgs84_to_gcj02(LatLng wgs);

// Inverse of wgs84_to_gcj02 by fixed-point iteration (the formula has no closed-form inverse);
// the result maps back to `gcj` within 1e-7 degree (about 1 cm). Identity outside the area.
LatLng gcj02_to_wgs84(LatLng gcj);

// Great-circle distance in metres on a sphere of the IUGG mean Earth radius (6371008.8 m); within
// about 0.5% of the ellipsoidal distance, ample for "nearest office" and check-in radii.
double haversine_m(LatLng a, LatLng b);

}  // namespace gh::cn
