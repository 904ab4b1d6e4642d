#include "core/cn/divisions.h"

#include <algorithm>

namespace gh::cn {

namespace {

// The table entries whose code starts with `prefix`; they are contiguous because it is sorted.
std::span<const Division> with_prefix(std::string_view prefix) {
    const std::span<const Division> all = all_divisions();
    const auto* first =
        std::lower_bound(all.data(), all.data() + all.size(), prefix,
                         [](const Division& d, std::string_view p) { return d.code < p; });
    const auto* last = first;
    while (last != all.data() + all.size() && last->code.starts_with(prefix)) ++last;
    return {first, last};
}

}  // namespace

std::span<const Division> all_divisions() {
    const detail::DivisionData& data = detail::china_division_data();
    return {data.entries, data.count};
}

const char* division_source() { return detail::china_division_data().source; }

bool is_division_code(std::string_view code) {
    return code.size() == 6 &&
           std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
}

const Division* find_division(std::string_view code) {
    if (!is_division_code(code)) return nullptr;
    const std::span<const Division> all = all_divisions();
    const auto* end = all.data() + all.size();
    const auto* it = std::lower_bound(
        all.data(), end, code, [](const Division& d, std::string_view c) { return d.code < c; });
    return (it != end && it->code == code) ? it : nullptr;
}

std::vector<const Division*> division_chain(std::string_view code) {
    std::vector<const Division*> chain;
    // Levels only go down along the chain, so three steps always suffice; the bound also keeps
    // a malformed table from looping.
    for (const Division* d = find_division(code); d != nullptr && chain.size() < 3;
         d = d->parent_code.empty() ? nullptr : find_division(d->parent_code)) {
        chain.push_back(d);
    }
    std::reverse(chain.begin(), chain.end());
    return chain;
}

std::string division_full_name(std::string_view code) {
    std::string name;
    for (const Division* d : division_chain(code)) name += d->name;
    return name;
}

std::vector<const Division*> child_divisions(std::string_view code) {
    std::vector<const Division*> children;
    const Division* parent = find_division(code);
    if (parent == nullptr || parent->level == 3) return children;
    // Children share the parent's significant digits: "61" for a province, "6104" for a city.
    const std::string_view prefix = code.substr(0, parent->level == 1 ? 2 : 4);
    for (const Division& d : with_prefix(prefix)) {
        if (d.parent_code == code) children.push_back(&d);
    }
    return children;
}

}  // namespace gh::cn
