#include <spdlog/spdlog.h>

#include "domains/system/system.h"

namespace gh::system {

namespace sql {
constexpr const char* kInstanceName = "SELECT value FROM system_settings WHERE key = ?";
}

Health SystemService::health() {
    Health h{false, std::string(db::backend_name(pool_.backend()))};
    try {
        auto c = pool_.acquire();
        h.db_ok = c->ping();
    } catch (const std::exception& e) {
        spdlog::warn("health: database unreachable: {}", e.what());
    }
    return h;
}

Info SystemService::info() {
    auto c = pool_.acquire();
    auto rows = c->query(sql::kInstanceName, {std::string("instance_name")});
    return Info{rows.empty() ? std::string() : rows.front().get<std::string>(0), GONGHUI_VERSION};
}

}  // namespace gh::system
