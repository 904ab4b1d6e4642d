// The points part's wire shapes (points.h): items, events, ledger entries, redemptions.
#include "domains/stations/points.h"

namespace gh::stations {

namespace {

// How the phone and the console name a ledger entry's kind.
const char* kind_label(const std::string& kind) {
    if (kind == "earn") return "获得积分";
    if (kind == "redeem") return "兑换扣减";
    return "退回积分";
}

}  // namespace

nlohmann::json item_json(const Item& i) {
    return {{"id", i.id},
            {"station_id", i.station_id},
            {"name", i.name},
            {"points", i.points},
            {"stock", i.stock},
            {"active", i.active},
            {"created_at", to_wire(i.created_at)},
            {"updated_at", to_wire(i.updated_at)}};
}

nlohmann::json event_json(const Event& e) {
    return {{"id", e.id},
            {"station_id", e.station_id},
            {"title", e.title},
            {"day", e.day},
            {"points", e.points},
            {"attendees", e.attendees},
            {"created_by", e.created_by},
            {"created_at", to_wire(e.created_at)}};
}

nlohmann::json entry_json(const Entry& e, bool console) {
    nlohmann::json j = {{"id", e.id},
                        {"kind", e.kind},
                        {"kind_label", kind_label(e.kind)},
                        {"amount", e.amount},
                        {"balance_after", e.balance_after},
                        {"note", e.note},
                        {"station", e.station ? nlohmann::json{{"id", e.station->id},
                                                               {"code", e.station->code},
                                                               {"name", e.station->name}}
                                              : nlohmann::json(nullptr)},
                        {"created_at", to_wire(e.created_at)}};
    if (console) {
        j["worker_id"] = e.worker_id;
        j["ref"] = e.ref;
    }
    return j;
}

nlohmann::json redemption_json(const Redemption& r, bool console) {
    nlohmann::json j = {
        {"id", r.id},
        {"item", {{"id", r.item_id}, {"name", r.item_name}, {"points", r.points}}},
        {"station", {{"id", r.station.id}, {"code", r.station.code}, {"name", r.station.name}}},
        {"status", r.status},
        {"created_at", to_wire(r.created_at)},
        {"collected_at",
         r.collected_at ? nlohmann::json(to_wire(*r.collected_at)) : nlohmann::json(nullptr)}};
    if (console) {
        j["worker_id"] = r.worker_id;
    } else {
        j["pickup_code"] = r.pickup_code ? nlohmann::json(*r.pickup_code) : nlohmann::json(nullptr);
    }
    return j;
}

}  // namespace gh::stations
