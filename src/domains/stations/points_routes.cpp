// HTTP ⇄ PointsService: the console's items, events, pickups, reversals and ledger search
// (scoped through the station; out of scope answers 404), and the worker's phone: items of a
// station, attendance by QR code, redemption with an Idempotency-Key, balance and entries.
#include <sodium.h>

#include "core/auth/token.h"
#include "core/error.h"
#include "core/http/caller.h"
#include "core/http/fields.h"
#include "domains/stations/internal.h"
#include "domains/stations/points.h"

namespace gh::stations {

namespace {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

std::optional<int64_t> int_field(const json& body, const char* field, const char* code,
                                 const char* message) {
    auto it = body.find(field);
    if (it == body.end() || it->is_null()) return std::nullopt;
    if (!it->is_number_integer()) throw ApiError(422, code, message, field);
    return it->get<int64_t>();
}

std::string text_of(const json& body, const char* field, const char* code, const char* message) {
    auto v = http::optional_string(body, field, 1000);
    if (!v) throw ApiError(422, code, message, field);
    return *v;
}

// 1–100 printable ASCII characters; 400 points.idempotency_key otherwise.
std::string idempotency_key(const Request& req) {
    const auto h = req.header("idempotency-key");
    bool ok = h && !h->empty() && h->size() <= 100;
    for (size_t i = 0; ok && i < h->size(); ++i) ok = (*h)[i] >= 0x20 && (*h)[i] <= 0x7e;
    if (!ok) {
        throw ApiError(400, "points.idempotency_key",
                       "兑换请求须带 Idempotency-Key 请求头（1–100 个可打印字符）",
                       "Idempotency-Key");
    }
    return std::string(*h);
}

std::string sha256_hex(std::string_view s) {
    unsigned char out[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(out, reinterpret_cast<const unsigned char*>(s.data()), s.size());
    return auth::to_hex(std::string_view(reinterpret_cast<const char*>(out), sizeof out));
}

json attendance_json(const Attendance& a) {
    return {{"event_id", a.event_id},
            {"worker_id", a.worker_id},
            {"entry_id", a.entry_id == 0 ? json(nullptr) : json(a.entry_id)},
            {"points", a.points},
            {"balance", a.balance}};
}

Response no_store(Response r) {
    r.headers.emplace_back("cache-control", "no-store");
    return r;
}

}  // namespace

void register_points_routes(http::Router& r, PointsService& svc) {
    const Access self = Access::need(std::string(auth::kWorkerSelf));

    // --- items ---
    r.add("POST", "/api/v1/stations/{id}/items", Access::need("station.write"),
          [&svc](Request& req) {
              auto body = http::json_object(req);
              NewItem n;
              n.name = text_of(body, "name", "points.item_name", "请填写兑换物品名称");
              n.points =
                  int_field(body, "points", "points.item_points", "所需积分应为整数").value_or(0);
              n.stock = int_field(body, "stock", "points.item_stock", "库存应为整数").value_or(0);
              auto item =
                  svc.add_item(http::actor_of(req), http::principal_of(req), http::path_id(req), n);
              return Response::json(item_json(item), 201);
          });

    r.add("PUT", "/api/v1/station-items/{id}", Access::need("station.write"), [&svc](Request& req) {
        auto body = http::json_object(req);
        ItemEdit e;
        e.name = http::optional_string(body, "name", 1000);
        e.points = int_field(body, "points", "points.item_points", "所需积分应为整数");
        e.stock = int_field(body, "stock", "points.item_stock", "库存应为整数");
        if (auto it = body.find("active"); it != body.end() && !it->is_null()) {
            if (!it->is_boolean()) {
                throw ApiError(422, "points.item_active", "active 应为 true 或 false", "active");
            }
            e.active = it->get<bool>();
        }
        auto item =
            svc.update_item(http::actor_of(req), http::principal_of(req), http::path_id(req), e);
        return Response::json(item_json(item));
    });

    r.add("GET", "/api/v1/stations/{id}/items", Access::need("station.read"), [&svc](Request& req) {
        json items = json::array();
        for (const auto& i : svc.items(http::principal_of(req), http::path_id(req))) {
            items.push_back(item_json(i));
        }
        return Response::json({{"items", items}});
    });

    // --- events and attendance ---
    r.add(
        "POST", "/api/v1/stations/{id}/events", Access::need("station.keep"), [&svc](Request& req) {
            auto body = http::json_object(req);
            NewEvent n;
            n.title = text_of(body, "title", "points.event_title", "请填写活动名称");
            n.day = text_of(body, "day", "points.event_day", "请填写活动日期（YYYY-MM-DD）");
            n.points =
                int_field(body, "points", "points.event_points", "活动积分应为整数").value_or(0);
            auto ev =
                svc.add_event(http::actor_of(req), http::principal_of(req), http::path_id(req), n);
            return Response::json(event_json(ev), 201);
        });

    r.add("GET", "/api/v1/stations/{id}/events", Access::need("station.read"),
          [&svc](Request& req) {
              json items = json::array();
              for (const auto& e : svc.events(http::principal_of(req), http::path_id(req))) {
                  items.push_back(event_json(e));
              }
              return Response::json({{"items", items}});
          });

    r.add("POST", "/api/v1/station-events/{id}/attendance", Access::need("station.keep"),
          [&svc](Request& req) {
              auto body = http::json_object(req);
              auto a = svc.attend_by_card(
                  http::actor_of(req), http::principal_of(req), http::path_id(req),
                  text_of(body, "card_no", "points.card_no", "请填写会员卡号"));
              return Response::json(attendance_json(a), 201);
          });

    r.add(
        "GET", "/api/v1/station-events/{id}/code", Access::need("station.keep"),
        [&svc](Request& req) {
            const std::string token = svc.event_token(http::principal_of(req), http::path_id(req));
            return no_store(
                Response::json({{"token", token}, {"url", "/m/stations/points?attend=" + token}}));
        });

    // --- the worker's phone ---
    r.add("POST", "/api/v1/worker/stations/events/attend", self, [&svc](Request& req) {
        auto body = http::json_object(req);
        auto a = svc.attend_by_token(http::actor_of(req), http::principal_of(req),
                                     text_of(body, "token", "points.token", "请扫描活动二维码"));
        return Response::json(attendance_json(a), 201);
    });

    r.add("GET", "/api/v1/worker/stations/{code}/items", self, [&svc](Request& req) {
        auto [station, list] = svc.items_by_code(std::string(req.path_param("code")));
        json items = json::array();
        for (const auto& i : list) {
            items.push_back(
                {{"id", i.id}, {"name", i.name}, {"points", i.points}, {"stock", i.stock}});
        }
        return Response::json(
            {{"station", {{"code", station.code}, {"name", station.name}}}, {"items", items}});
    });

    r.add("POST", "/api/v1/worker/stations/redemptions", self, [&svc](Request& req) {
        const std::string key = idempotency_key(req);
        auto body = http::json_object(req);
        const auto item_id =
            int_field(body, "item_id", "points.item_id", "请选择要兑换的物品（item_id）");
        if (!item_id)
            throw ApiError(422, "points.item_id", "请选择要兑换的物品（item_id）", "item_id");
        // The body's canonical form (keys sorted): the same request however it is spaced.
        auto answer = svc.redeem(http::actor_of(req), http::principal_of(req), *item_id, key,
                                 sha256_hex(body.dump()));
        return no_store(Response::json(answer.body, answer.status));
    });

    r.add("GET", "/api/v1/worker/stations/redemptions", self, [&svc](Request& req) {
        json items = json::array();
        for (const auto& d : svc.redemptions_of(http::principal_of(req).account_id)) {
            items.push_back(redemption_json(d, false));
        }
        return no_store(Response::json({{"items", items}}));
    });

    r.add("GET", "/api/v1/worker/points", self, [&svc](Request& req) {
        const int64_t me = http::principal_of(req).account_id;
        json entries = json::array();
        for (const auto& e : svc.entries_of(me, http::query_limit(req, 100, 500))) {
            entries.push_back(entry_json(e, false));
        }
        return no_store(Response::json({{"balance", svc.balance(me)}, {"entries", entries}}));
    });

    // --- the keeper and the console ---
    r.add("POST", "/api/v1/stations/{id}/pickups", Access::need("station.keep"),
          [&svc](Request& req) {
              auto body = http::json_object(req);
              auto d = svc.collect(http::actor_of(req), http::principal_of(req), http::path_id(req),
                                   text_of(body, "code", "points.pickup_code", "请填写取货码"));
              return Response::json(redemption_json(d, true));
          });

    r.add("POST", "/api/v1/station-redemptions/{id}/reverse", Access::need("station.keep"),
          [&svc](Request& req) {
              auto body = http::json_object(req);
              auto d = svc.reverse(http::actor_of(req), http::principal_of(req), http::path_id(req),
                                   http::optional_string(body, "reason", 1000, true).value_or(""));
              return Response::json(redemption_json(d, true));
          });

    r.add("GET", "/api/v1/stations/{id}/redemptions", Access::need("station.read"),
          [&svc](Request& req) {
              json items = json::array();
              for (const auto& d :
                   svc.station_redemptions(http::principal_of(req), http::path_id(req))) {
                  items.push_back(redemption_json(d, true));
              }
              return Response::json({{"items", items}});
          });

    r.add("GET", "/api/v1/points/entries", Access::need("station.read"), [&svc](Request& req) {
        EntryQuery q;
        if (auto s = req.query_param("station"); s && !s->empty()) {
            q.station_id = http::query_int(req, "station", 0);
        }
        q.kind = std::string(req.query_param("kind").value_or(""));
        if (!q.kind.empty() && q.kind != "earn" && q.kind != "redeem" && q.kind != "reverse") {
            throw ApiError(422, "points.kind", "类型只能是 earn、redeem 或 reverse", "kind");
        }
        q.limit = http::query_limit(req);
        json items = json::array();
        for (const auto& e : svc.search(http::principal_of(req), q)) {
            items.push_back(entry_json(e, true));
        }
        return Response::json({{"items", items}});
    });
}

}  // namespace gh::stations
