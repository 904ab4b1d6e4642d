// Pinyin for searching names by keyboard: 张三 is found by "zs" (initials) or "zhangs…" (full
// pinyin prefix). The table is generated at build time from the npm package pinyin-pro (pinned in
// tools/datagen/package-lock.json): one toneless reading per CJK Unified Ideograph
// (U+4E00..U+9FFF), ü written "v". The name's first character is read as a surname (单 shan,
// 曾 zeng, 解 xie), and a leading compound surname (欧阳, 尉迟 …) as a whole.
//
// Polyphonic characters after the surname get their most common reading only, so a given name
// whose character is usually read otherwise is found by that usual reading.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace gh::cn {

// "张三" → "zs", "欧阳娜娜" → "oynn", "单田芳" → "stf", "Anna·李" → "annal". ASCII letters
// and digits are kept, each as itself (lower case); characters without a reading and punctuation
// are dropped.
std::string name_initials(std::string_view utf8);

// "张三" → "zhangsan", "吕布" → "lvbu". Same rules as name_initials, whole syllables.
std::string name_pinyin(std::string_view utf8);

// True when `q` is non-empty and only ASCII letters: a query worth matching as pinyin.
bool looks_like_pinyin(std::string_view q);

namespace detail {

struct SurnameReading {
    std::uint32_t cp;
    std::uint16_t syllable;
};

struct CompoundSurname {
    const char* han;  // UTF-8, two characters
    std::uint16_t first, second;
};

struct PinyinData {
    const char* const* syllables;
    std::size_t syllable_count;
    const std::uint16_t* readings;  // by code point - first
    std::uint32_t first;
    std::size_t reading_count;
    const SurnameReading* surnames;  // sorted by cp
    std::size_t surname_count;
    const CompoundSurname* compounds;
    std::size_t compound_count;
    const char* source;  // "pinyin-pro@3.29.4"
};

const PinyinData& pinyin_data();  // generated

}  // namespace detail

}  // namespace gh::cn
