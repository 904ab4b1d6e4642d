#include "core/cn/clear_numbers.h"

#include "core/cn/id_number.h"
#include "core/cn/phone.h"

namespace gh::cn {

namespace {

bool digit(char c) { return c >= '0' && c <= '9'; }
bool hex_letter(char c) { return (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

int two(std::string_view s, size_t at) { return (s[at] - '0') * 10 + (s[at + 1] - '0'); }

bool plausible_id(std::string_view run) {
    if (run.size() != 18) return false;
    const char last = run[17] == 'x' ? 'X' : run[17];
    if (id_number_check_char(run.substr(0, 17)) != last) return false;
    const int century = two(run, 6), month = two(run, 10), day = two(run, 12);
    return (century == 19 || century == 20) && month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

bool plausible_phone(std::string_view run) {
    return run.size() == 11 && run[0] == '1' && run[1] >= '3' && run[1] <= '9';
}

}  // namespace

std::vector<ClearNumber> find_clear_numbers(std::string_view s, bool hex_boundaries) {
    std::vector<ClearNumber> out;
    size_t i = 0;
    while (i < s.size()) {
        if (!digit(s[i])) {
            ++i;
            continue;
        }
        size_t j = i;
        while (j < s.size() && digit(s[j])) ++j;
        size_t end = j;
        if (end - i == 17 && end < s.size() && (s[end] == 'X' || s[end] == 'x')) ++end;
        const bool fenced = hex_boundaries && ((i > 0 && hex_letter(s[i - 1])) ||
                                               (end < s.size() && hex_letter(s[end])));
        std::string_view run = s.substr(i, end - i);
        if (!fenced) {
            if (plausible_id(run)) {
                out.push_back({ClearNumber::id_number, i, std::string(run)});
            } else if (plausible_phone(run)) {
                out.push_back({ClearNumber::phone, i, std::string(run)});
            } else if (run.size() == 13 && run.starts_with("86") &&
                       plausible_phone(run.substr(2))) {
                out.push_back({ClearNumber::phone, i + 2, std::string(run.substr(2))});
            }
        }
        i = end;
    }
    return out;
}

std::string mask_clear_numbers(std::string_view text) {
    const auto found = find_clear_numbers(text);
    if (found.empty()) return std::string(text);
    std::string out;
    size_t at = 0;
    for (const auto& n : found) {
        out.append(text.substr(at, n.offset - at));
        out += n.kind == ClearNumber::id_number ? mask_id_number(n.value) : mask_phone(n.value);
        at = n.offset + n.value.size();
    }
    out.append(text.substr(at));
    return out;
}

}  // namespace gh::cn
