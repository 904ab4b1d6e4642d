// The documented lists: codes and names both accepted, lists split on the separators a cadre
// types.
#include "domains/stations/amenities.h"

#include <gtest/gtest.h>

using namespace gh::stations;

TEST(Amenities, CodesAndNamesBothMapToTheCode) {
    EXPECT_EQ(amenity_code("微波炉"), "microwave");
    EXPECT_EQ(amenity_code("microwave"), "microwave");
    EXPECT_EQ(amenity_code("wi-fi"), "wifi");
    EXPECT_EQ(amenity_code(" AED "), "aed");
    EXPECT_FALSE(amenity_code("飞机"));
    EXPECT_FALSE(amenity_code(""));
    EXPECT_EQ(amenity_name("microwave"), "微波炉");
    EXPECT_EQ(checklist_code("地图可查"), "on_map");
    for (const char* name : {"空调", "热水", "微波炉", "充电", "卫生间", "医药箱", "图书", "Wi-Fi",
                             "座椅", "冰箱", "AED"}) {
        EXPECT_TRUE(amenity_code(name)) << name;  // the list
    }
}

TEST(Amenities, ListsSplitOnEveryUsualSeparator) {
    EXPECT_EQ(split_list("微波炉、充电,热水，Wi-Fi;AED"),
              (std::vector<std::string>{"微波炉", "充电", "热水", "Wi-Fi", "AED"}));
    EXPECT_TRUE(split_list("  ").empty());
    EXPECT_EQ(split_list("、空调、"), (std::vector<std::string>{"空调"}));
}
