// Writes a member roster for the import benchmark, in the import template's columns (姓名,
// 身份证号, 手机号, 职业, 工作单位, 入会日期): ROWS fictitious people from the demo generator, with
// distinct valid ID numbers (146,100 per county code, so a million rows take seven codes) and
// distinct phones.
//
//   bench_gen_roster OUT.csv ROWS     (UTF-8 CSV)
//   bench_gen_roster OUT.xlsx ROWS    (.xlsx, the ID column as text)
#include <fmt/format.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "core/xlsx/writer.h"
#include "demo_data.h"

namespace {

// County codes of 咸阳市 whose ID numbers the rows use, 146,100 people each.
const std::vector<std::string> kCodes = {"610424", "610482", "610402", "610403", "610404",
                                         "610422", "610423", "610425", "610426", "610428"};

std::vector<std::string> row(int64_t i) {
    const size_t block = static_cast<size_t>(i / gh::demo::kMaxPeople);
    gh::demo::County county{kCodes.at(block), "", 0, 0, {kCodes.at(block)}, {"城关街道"}};
    static const gh::demo::Plan plan = gh::demo::make_plan(gh::demo::counties().front());
    auto p = gh::demo::make_person(
        county, plan, i % gh::demo::kMaxPeople,
        std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()));
    return {p.member.name,
            p.member.id_number,
            fmt::format("139{:08d}", i),
            p.member.occupation,
            fmt::format("咸阳{}号物流有限公司", i % 500),
            p.member.joined_on.value_or("2024-01-01")};
}

const std::vector<std::string> kHeader = {"姓名", "身份证号", "手机号",
                                          "职业", "工作单位", "入会日期"};

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: bench_gen_roster OUT.csv|OUT.xlsx ROWS\n");
        return 2;
    }
    const std::string out = argv[1];
    const int64_t rows = std::stoll(argv[2]);
    if (rows > gh::demo::kMaxPeople * static_cast<int64_t>(kCodes.size())) {
        std::fprintf(stderr, "at most %lld rows\n",
                     static_cast<long long>(gh::demo::kMaxPeople * kCodes.size()));
        return 2;
    }
    if (out.size() > 5 && out.substr(out.size() - 5) == ".xlsx") {
        gh::xlsx::Sheet sheet;
        sheet.name = "会员";
        for (const auto& h : kHeader) {
            sheet.columns.push_back({h, 16, h == "身份证号" || h == "手机号", {}});
        }
        for (int64_t i = 0; i < rows; ++i) sheet.rows.push_back(row(i));
        std::ofstream(out, std::ios::binary) << gh::xlsx::write_workbook({sheet});
        return 0;
    }
    std::ofstream f(out, std::ios::binary);
    f << fmt::format("{}\n", fmt::join(kHeader, ","));
    for (int64_t i = 0; i < rows; ++i) f << fmt::format("{}\n", fmt::join(row(i), ","));
    return 0;
}
