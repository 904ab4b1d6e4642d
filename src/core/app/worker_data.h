// A worker's copy of their own data (PIPL art. 45): every domain that holds something about a
// worker adds its section here in its connect(); the identity domain's export gathers them.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "core/auth/principal.h"

namespace gh::app {

class WorkerData {
public:
    using Section = std::function<nlohmann::json(const auth::Principal&)>;
    void add(std::string key, Section section) {
        sections_.emplace_back(std::move(key), std::move(section));
    }
    // {"<key>": <section>, …} for the signed-in worker.
    nlohmann::json collect(const auth::Principal& p) const {
        nlohmann::json out = nlohmann::json::object();
        for (const auto& [key, section] : sections_) out[key] = section(p);
        return out;
    }

private:
    std::vector<std::pair<std::string, Section>> sections_;
};

}  // namespace gh::app
