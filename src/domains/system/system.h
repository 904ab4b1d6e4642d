// The installation itself: health, identity, version. Owns the system_settings table.
#pragma once

#include <string>

#include "core/db/pool.h"

namespace gh::system {

struct Health {
    bool db_ok;
    std::string db_backend;  // "sqlite" | "postgresql"
};

struct Info {
    std::string instance_name;
    std::string version;
};

class SystemService {
public:
    explicit SystemService(db::Pool& pool) : pool_(pool) {}
    Health health();  // never throws: a dead database is an answer, not an error
    Info info();

private:
    db::Pool& pool_;
};

}  // namespace gh::system

namespace gh::http {
class Router;
class Metrics;
}  // namespace gh::http

namespace gh::system {
void register_routes(http::Router& router, SystemService& service, http::Metrics& metrics);
}
