// What a text field may hold (issue #12, item 7). A value that reaches the database is shown
// again in lists, cards (SVG), exports and logs, so no field takes characters that change how
// text around them is read or that cannot be seen:
// - C0 control characters (U+0000–U+001F; a multi-line field still takes TAB, LF and CR), DEL and
//   the C1 controls (U+0080–U+009F): problem text.control;
// - bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and the line and
//   paragraph separators (U+2028, U+2029): problem text.control;
// - a value made only of invisible characters (zero-width space/joiners U+200B–U+200D, word
//   joiner U+2060, BOM U+FEFF, soft hyphen U+00AD, LRM/RLM U+200E/U+200F) and white space:
//   problem text.invisible.
// Invalid UTF-8 is problem text.encoding.
//
// A person's name is stricter (parse_person_name): Chinese characters (CJK unified ideographs
// with extensions A–G, compatibility ideographs, 〇), the middle dots of minority names
// (· U+00B7, • U+2022, ‧ U+2027, ・ U+30FB), and for names written in Latin letters the letters of
// Latin-1 and Latin Extended-A/B with single inner spaces, hyphens, apostrophes and periods;
// 1 to 50 characters after trimming white space. Problems name.chars and name.length.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace gh::cn {

std::optional<Problem> text_problem(std::string_view s, std::string_view field,
                                    bool multiline = false);

Result<std::string> parse_person_name(std::string_view raw, std::string_view field = "name");

}  // namespace gh::cn
