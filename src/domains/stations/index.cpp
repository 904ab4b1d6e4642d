// The stations' R-tree; see index.h.
#include "domains/stations/index.h"

#include <algorithm>
#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <cmath>
#include <mutex>
#include <numbers>
#include <unordered_map>

namespace gh::stations {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

namespace {

using Point = bg::model::point<double, 3, bg::cs::cartesian>;
using Value = std::pair<Point, int64_t>;  // the station id

Point on_sphere(cn::LatLng p) {
    constexpr double kRad = std::numbers::pi / 180.0;
    const double lat = p.lat * kRad, lng = p.lng * kRad;
    return Point(std::cos(lat) * std::cos(lng), std::cos(lat) * std::sin(lng), std::sin(lat));
}

bool has_all(const Station& s, const std::vector<std::string>& wanted) {
    return std::all_of(wanted.begin(), wanted.end(), [&](const std::string& a) {
        return std::find(s.amenities.begin(), s.amenities.end(), a) != s.amenities.end();
    });
}

NearbyHit hit_of(const Indexed& e, const NearbyQuery& q, Clock::time_point at) {
    NearbyHit h;
    h.code = e.station.code;
    h.name = e.station.name;
    h.address = e.station.address;
    h.gcj = e.station.gcj;
    h.distance_m = cn::haversine_m(q.gcj, e.station.gcj);
    h.open = e.station.status == "open" && e.hours.open_at(at);
    h.amenities = e.station.amenities;
    h.hours = e.station.hours;
    h.status = e.station.status;
    return h;
}

bool passes(const Indexed& e, const NearbyQuery& q, Clock::time_point at) {
    if (!has_all(e.station, q.amenities)) return false;
    if (q.open_only && !(e.station.status == "open" && e.hours.open_at(at))) return false;
    return true;
}

void order(std::vector<NearbyHit>& hits) {
    std::stable_sort(hits.begin(), hits.end(), [](const NearbyHit& a, const NearbyHit& b) {
        if (a.distance_m != b.distance_m) return a.distance_m < b.distance_m;
        return a.code < b.code;
    });
}

Indexed indexed(const Station& s) {
    auto h = parse_hours(s.hours);
    return {s, h ? *h : Hours{}};
}

}  // namespace

struct NearbyIndex::Tree {
    bgi::rtree<Value, bgi::rstar<16>> rtree;
    std::unordered_map<int64_t, Indexed> by_id;
};

NearbyIndex::NearbyIndex() : tree_(std::make_unique<Tree>()) {}
NearbyIndex::~NearbyIndex() = default;

void NearbyIndex::reset(std::vector<Station> stations) {
    auto t = std::make_unique<Tree>();
    std::vector<Value> values;
    for (auto& s : stations) {
        if (s.status == "retired") continue;
        values.emplace_back(on_sphere(s.gcj), s.id);
        const int64_t id = s.id;
        t->by_id.emplace(id, indexed(s));
    }
    t->rtree = bgi::rtree<Value, bgi::rstar<16>>(values.begin(), values.end());  // packed
    std::unique_lock lock(mu_);
    tree_ = std::move(t);
}

void NearbyIndex::put(const Station& s) {
    std::unique_lock lock(mu_);
    if (auto it = tree_->by_id.find(s.id); it != tree_->by_id.end()) {
        tree_->rtree.remove(Value(on_sphere(it->second.station.gcj), s.id));
        tree_->by_id.erase(it);
    }
    if (s.status == "retired") return;
    tree_->rtree.insert(Value(on_sphere(s.gcj), s.id));
    tree_->by_id.emplace(s.id, indexed(s));
}

size_t NearbyIndex::size() const {
    std::shared_lock lock(mu_);
    return tree_->by_id.size();
}

std::vector<NearbyHit> NearbyIndex::nearest(const NearbyQuery& q, Clock::time_point now) const {
    const Clock::time_point at = q.at.value_or(now);
    std::shared_lock lock(mu_);
    std::vector<NearbyHit> hits;
    if (q.limit <= 0 || tree_->by_id.empty()) return hits;
    // The k nearest that pass the filters (the predicate is applied while the tree is walked),
    // with k one more than asked: when the one past the limit is as far as the last one, a tie
    // straddles the limit and k doubles, so that ties are ordered by code like the brute force.
    const Point from = on_sphere(q.gcj);
    const auto pass = [&](const Value& v) { return passes(tree_->by_id.at(v.second), q, at); };
    for (size_t k = static_cast<size_t>(q.limit) + 1;; k *= 2) {
        std::vector<Value> found;
        found.reserve(k);
        tree_->rtree.query(bgi::nearest(from, static_cast<unsigned>(k)) && bgi::satisfies(pass),
                           std::back_inserter(found));
        hits.clear();
        for (const auto& v : found) hits.push_back(hit_of(tree_->by_id.at(v.second), q, at));
        order(hits);
        if (found.size() < k || hits[k - 1].distance_m > hits[q.limit - 1].distance_m) break;
    }
    order(hits);
    if (static_cast<int>(hits.size()) > q.limit) hits.resize(q.limit);
    return hits;
}

std::vector<NearbyHit> nearest_brute_force(const std::vector<Station>& all, const NearbyQuery& q,
                                           Clock::time_point now) {
    const Clock::time_point at = q.at.value_or(now);
    std::vector<NearbyHit> hits;
    for (const auto& s : all) {
        if (s.status == "retired") continue;
        const Indexed e = indexed(s);
        if (passes(e, q, at)) hits.push_back(hit_of(e, q, at));
    }
    order(hits);
    if (static_cast<int>(hits.size()) > q.limit) hits.resize(std::max(q.limit, 0));
    return hits;
}

}  // namespace gh::stations
