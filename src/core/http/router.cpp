#include "core/http/router.h"

#include <algorithm>
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
    if (!access.is_public && known_ && !known_(access.permission)) {
        throw std::logic_error("route " + method + " " + pattern + " declares permission \"" +
                               access.permission + "\", which no domain's catalogue declares");
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
    const size_t n = r->segments.size();
    const std::string key =
        n == 0 ? bucket_key(0, "")
               : bucket_key(n, is_param(r->segments[std::min<size_t>(2, n - 1)])
                                   ? std::string_view("{}")
                                   : std::string_view(r->segments[std::min<size_t>(2, n - 1)]));
    buckets_[key].push_back(r.get());
    routes_.push_back(std::move(r));
}

void Router::add_inline(std::string method, std::string pattern, Handler handler) {
    add(std::move(method), std::move(pattern), Access::anyone(), std::move(handler));
    routes_.back()->on_io_thread = true;
}

std::string Router::bucket_key(size_t count, std::string_view segment) {
    std::string key = std::to_string(count);
    key += '/';
    key += segment;
    return key;
}

Match Router::match(std::string_view method, std::string_view path) const {
    Match m;
    auto segs = split(path);
    const size_t n = segs.size();
    const std::vector<const Route*>* candidates[2] = {nullptr, nullptr};
    if (n == 0) {
        auto it = buckets_.find(bucket_key(0, ""));
        if (it != buckets_.end()) candidates[0] = &it->second;
    } else {
        auto exact = buckets_.find(bucket_key(n, segs[std::min<size_t>(2, n - 1)]));
        auto wild = buckets_.find(bucket_key(n, "{}"));
        if (exact != buckets_.end()) candidates[0] = &exact->second;
        if (wild != buckets_.end()) candidates[1] = &wild->second;
    }
    // Registration order decides between the two buckets, as it would over the whole list.
    size_t i = 0, j = 0;
    auto next = [&]() -> const Route* {
        const Route* a = candidates[0] && i < candidates[0]->size() ? (*candidates[0])[i] : nullptr;
        const Route* b = candidates[1] && j < candidates[1]->size() ? (*candidates[1])[j] : nullptr;
        if (a && (!b || a->index < b->index)) {
            ++i;
            return a;
        }
        if (b) ++j;
        return b;
    };
    for (const Route* r = next(); r; r = next()) {
        std::vector<std::pair<std::string, std::string>> params;
        bool ok = true;
        for (size_t k = 0; k < n && ok; ++k) {
            const std::string& want = r->segments[k];
            if (is_param(want)) {
                params.emplace_back(want.substr(1, want.size() - 2), std::string(segs[k]));
            } else {
                ok = want == segs[k];
            }
        }
        if (!ok) continue;
        m.path_known = true;
        if (!m.allowed_methods.empty()) m.allowed_methods += ", ";
        m.allowed_methods += r->method;
        // A literal segment beats a parameter: the first registered exact match wins, so
        // register "/orgs/tree" before "/orgs/{id}".
        if (r->method == method && !m.route) {
            m.route = r;
            m.params = std::move(params);
        }
    }
    return m;
}

}  // namespace gh::http
