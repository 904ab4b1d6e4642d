// Internal to the employers domain: the checks create(), update() and import_rows() share.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "domains/employers/employers.h"

namespace gh::employers::detail {

std::string trim(std::string_view s);

struct Valid {
    std::string name;
    std::string credit_code;
    int64_t staff_size = 0;
};

// Name, credit code (GB 32100, not a union's), staff size, industry letter and address, as
// create() requires them. Throws ApiError 422 naming the field.
Valid validate(const NewEmployer& e);

}  // namespace gh::employers::detail
