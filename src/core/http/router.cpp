#include "core/http/router.h"

#include <stdexcept>

namespace gh::http {
namespace {

std::vector<std::string_view> split(std::string_view path) {
    std::vector<std::string_view> out;
    size_t i = 0;
    while (i < path.size()) {
        if (path[i] == '/') {
            ++i;
            continue;
        }
        size_t j = path.find('/', i);
        if (j == std::string_view::npos) j = path.size();
        out.push_back(path.substr(i, j - i));
        i = j;
    }
    return out;
}

bool is_param(std::string_view seg) {
    return seg.size() > 2 && seg.front() == '{' && seg.back() == '}';
}

}  // namespace

void Router::add(std::string method, std::string pattern, Access access, Handler handler) {
    if (!access.is_public && access.permission.empty()) {
        throw std::logic_error("route " + method + " " + pattern + " declares no permission");
    }
    if (pattern.empty() || pattern.front() != '/') {
        throw std::logic_error("route pattern must start with '/': " + pattern);
    }
    auto r = std::make_unique<Route>();
    r->method = std::move(method);
    r->pattern = std::move(pattern);
    r->access = std::move(access);
    r->handler = std::move(handler);
    for (auto s : split(r->pattern)) r->segments.emplace_back(s);
    for (const auto& other : routes_) {
        if (other->method == r->method && other->segments == r->segments) {
            throw std::logic_error("duplicate route " + r->method + " " + r->pattern);
        }
    }
    r->index = routes_.size();
    routes_.push_back(std::move(r));
}

Match Router::match(std::string_view method, std::string_view path) const {
    Match m;
    auto segs = split(path);
    for (const auto& r : routes_) {
        if (r->segments.size() != segs.size()) continue;
        std::vector<std::pair<std::string, std::string>> params;
        bool ok = true;
        for (size_t i = 0; i < segs.size() && ok; ++i) {
            const std::string& want = r->segments[i];
            if (is_param(want)) {
                params.emplace_back(want.substr(1, want.size() - 2), std::string(segs[i]));
            } else {
                ok = want == segs[i];
            }
        }
        if (!ok) continue;
        m.path_known = true;
        if (!m.allowed_methods.empty()) m.allowed_methods += ", ";
        m.allowed_methods += r->method;
        // A literal segment beats a parameter: the first registered exact match wins, so
        // register "/orgs/tree" before "/orgs/{id}".
        if (r->method == method && !m.route) {
            m.route = r.get();
            m.params = std::move(params);
        }
    }
    return m;
}

}  // namespace gh::http
