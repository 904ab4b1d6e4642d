// Text inside SVG (and any XML): the five characters XML reserves, escaped. Member cards and
// station posters put names and addresses a person typed into their drawings.
#pragma once

#include <string>
#include <string_view>

namespace gh {

inline std::string xml_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&apos;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

}  // namespace gh
