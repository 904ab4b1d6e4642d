// The coded member fields (issue #5): ethnicity (民族), education (学历), political status
// (政治面貌) and occupation category (职业类别, with the new-form / gig-worker groups). Each list
// is documented in docs/FEATURES.md; the API speaks the codes, the roster files and the import
// template the Chinese labels. Ethnicity is the GB 3304 name itself ("汉族").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gh::members {

struct Code {
    std::string_view code;
    std::string_view label;  // Chinese, as on the roster and in the template's drop-down
    bool new_form = false;   // occupation categories only: a 新就业形态 (gig-worker) group
};

// The 56 ethnic groups and 其他, in GB 3304 order (code == label).
const std::vector<Code>& ethnicities();
// 小学及以下 … 博士研究生.
const std::vector<Code>& educations();
// 中共党员 … 群众.
const std::vector<Code>& political_statuses();
// 快递员, 外卖骑手, 网约车司机, 货车司机, 网络主播, 家政服务员, … and 其他.
const std::vector<Code>& occupation_categories();

// The code a text names: the code itself, its label, or a known synonym ("外卖员" →
// food_delivery, "汉" → 汉族). nullopt when it names none. Empty text is not looked up.
std::optional<std::string> code_of(const std::vector<Code>& list, std::string_view text);

// The label of a code; the code itself when unknown.
std::string label_of(const std::vector<Code>& list, std::string_view code);

// The occupation category a free-text occupation falls in, if its text is a label or synonym.
std::optional<std::string> category_of_occupation(std::string_view occupation);

// True for a gig-worker category (new_form is then set on the member).
bool is_new_form_category(std::string_view code);

// "是", "否", "Y", "1", "true", "TRUE" …: nullopt when none of these.
std::optional<bool> parse_yes_no(std::string_view text);

// The labels of a list, for the template's drop-downs.
std::vector<std::string> labels(const std::vector<Code>& list);

}  // namespace gh::members
