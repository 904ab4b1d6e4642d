// The in-memory spatial index behind GET /stations/nearby: every station that is not retired,
// as a point on the unit sphere in a boost::geometry R-tree. The straight-line (chord) distance
// between two points of the sphere grows with the great-circle distance, so the R-tree's
// nearest-first order in three dimensions is exactly the haversine order (no projection, no
// error near the poles or across the 180th meridian), and the distance in metres is the
// haversine of the two coordinates.
#pragma once

#include <memory>
#include <shared_mutex>
#include <string>
#include <vector>

#include "domains/stations/hours.h"
#include "domains/stations/stations.h"

namespace gh::stations {

struct Indexed {
    Station station;
    Hours hours;
};

class NearbyIndex {
public:
    NearbyIndex();
    ~NearbyIndex();
    // Replaces the whole content (start-up, and after a change made by another process).
    void reset(std::vector<Station> stations);
    // One station created or changed: in, replaced, or out when retired.
    void put(const Station& s);
    size_t size() const;
    // The nearest stations passing the query's filters, nearest first (ties by code).
    std::vector<NearbyHit> nearest(const NearbyQuery& q, Clock::time_point now) const;

private:
    struct Tree;
    mutable std::shared_mutex mu_;
    std::unique_ptr<Tree> tree_;
};

// The brute force the index is tested against: every station, haversine, sorted.
std::vector<NearbyHit> nearest_brute_force(const std::vector<Station>& all, const NearbyQuery& q,
                                           Clock::time_point now);

}  // namespace gh::stations
