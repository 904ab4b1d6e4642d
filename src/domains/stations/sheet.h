// Station files: reading an .xlsx or CSV (UTF-8 or GB18030) into import rows, the import
// template, and the Excel export. Shared by `gonghui import stations` and
// POST /api/v1/stations/import.
#pragma once

#include <string>
#include <vector>

#include "domains/stations/stations.h"

namespace gh::stations {

// The header of a RowProblem field ("lat" → "纬度"); the field when unknown.
std::string column_of(const std::string& field);

struct Sheet {
    std::vector<ImportRow> rows;
    std::vector<RowProblem> rejected;
};

// Columns by header: 站点编码 (optional), 站点名称, 地址, 经度, 纬度, 坐标系 (GCJ-02 default,
// WGS-84), 设施 (separated by 、 or ,), 开放时间, and optionally 容纳人数. Refused here: a
// longitude, latitude or capacity that is not a number. Throws tabular::TabularError, and
// std::runtime_error (Chinese) without a header holding 站点名称, 经度 and 纬度. At most max_rows
// data rows (0: no limit): tabular::TooManyRows past it.
Sheet read_sheet(const std::string& path, size_t max_rows = 0);

std::string template_workbook();
// Every station given, one row each, in the import's columns (and the state, stars, code).
std::string export_workbook(const std::vector<Station>& stations);

}  // namespace gh::stations
