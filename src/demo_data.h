// The generated demonstration dataset (gonghui demo): two counties of 咸阳市 modelled on their
// published figures, with fictitious unions and people. Everything is derived from the county
// and a person's ordinal, so a run with the same scale produces the same rows.
#pragma once

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
// The county's k-th person (k < 146,100: ID numbers stay distinct).
Person make_person(const County& c, const Plan& plan, int64_t k);
constexpr int64_t kMaxPeople = 146100;

}  // namespace gh::demo
