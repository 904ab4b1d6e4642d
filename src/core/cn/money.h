// Money is an int64 count of fen (0.01 yuan) everywhere in Gonghui: binary floating point cannot
// hold 0.10 exactly, and dues and subsidies must add up to the fen.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace gh::cn {

struct MoneyOptions {
    bool allow_negative = false;  // refunds and corrections may be negative; dues may not
};

// Parses what people type or paste into an amount field: "1300.5", "1,300.50元", "￥1,300.50",
// "¥12", "-¥12", "61.178万" / "61.178万元" (ten thousand yuan), "3亿" (hundred million yuan),
// full-width digits and punctuation. Problem codes:
//   money.format    not an amount (bad characters, misplaced thousands separators, empty)
//   money.precision finer than one fen after applying 万/亿 ("1.001", "0.0000001万")
//   money.negative  below zero while options.allow_negative is false
//   money.range     magnitude beyond what int64 fen can hold
Result<std::int64_t> parse_money_fen(std::string_view raw, std::string_view field = "amount_fen",
                                     MoneyOptions options = {});

// "1,300.50", "-0.05", "0.00": always two decimals, thousands separated by commas.
std::string format_fen(std::int64_t fen);

// format_fen + "元", e.g. "1,300.50元".
std::string format_fen_yuan(std::int64_t fen);

}  // namespace gh::cn
