// The generated demonstration dataset (gonghui demo): two counties of 咸阳市 modelled on their
// published figures, with fictitious unions and people. Everything is derived from the county
// and a person's ordinal, so a run with the same scale produces the same rows.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "domains/members/members.h"

namespace gh::demo {

struct County {
    std::string code;  // GB/T 2260, e.g. "610424"
    std::string name;  // "乾县"
    int64_t unions = 0;
    int64_t members = 0;               // at scale 1.0
    std::vector<std::string> regions;  // region codes its people's ID numbers start with
    std::vector<std::string> towns;
};

// 乾县 (273 unions, 25,915 members) and 彬州市 (486 unions, 86,342 members).
const std::vector<County>& counties();

struct UnionSpec {
    std::string name;
    std::string type;
    int parent = -1;  // index of the parent in the plan; -1: the county federation
};

// The county's unions (exactly County::unions, the federation not counted), parents first.
struct Plan {
    std::vector<UnionSpec> unions;
    std::vector<int64_t> cumulative;  // member weights of the unions, summed
    size_t express = 0, trucks = 0;   // the two industry federations of gig workers
};
Plan make_plan(const County& c);

struct Person {
    size_t union_index = 0;
    members::NewMember member;  // org_id left 0
};
// The county's k-th person (k < 146,100: ID numbers stay distinct), joined on a day up to
// `today` (the day the data is loaded, so the growth chart reaches the present month).
Person make_person(const County& c, const Plan& plan, int64_t k, std::chrono::sys_days today);
constexpr int64_t kMaxPeople = 146100;

// 榆林市's "1+12+X" (市总工会牵头, 12 个县市区为支点, X 个基层工会): the city's new-form workers'
// federation, and in each of its 12 counties the industry federations that took in the gig
// workers of the joint ceremony of 2025-06-13 — more than 2,500 in one day, 佳县's 450 红枣加工
// workers among them.
constexpr const char* kYulinCode = "610800";
constexpr const char* kCeremonyDate = "2025-06-13";
struct CeremonyCounty {
    County county;                         // unions: its industry federations; members: joiners
    std::vector<std::string> federations;  // "快递业工会联合会" …, without the county's name
    std::vector<std::string> occupations;  // the occupation each federation takes, same order
    std::vector<int> weights;              // how the county's joiners spread over them
};
const std::vector<CeremonyCounty>& yulin_counties();
// The county's k-th joiner of the ceremony: a new-form worker, joined on kCeremonyDate;
// union_index: the federation (index into CeremonyCounty::federations).
Person make_joiner(const CeremonyCounty& c, int64_t k);

}  // namespace gh::demo
