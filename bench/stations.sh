#!/usr/bin/env bash
# Stations over HTTP (issue #14, docs/PERFORMANCE.md "Stations"):
#   bash bench/stations.sh [BUILD_DIR]
# 1. GET /api/v1/stations/nearby with wrk over 186,100 stations imported by
#    `gonghui import stations` (the national count), random points around the stations, next to
#    GET /livez on the same server (the HTTP stack's own ceiling on this machine).
# 2. The in-process query (bench_stations_nearby) for the same count.
# Env: DURATION (default 10s), STATIONS (default 186100). Figures printed, never asserted.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
dur=${DURATION:-10s}
n=${STATIONS:-186100}
work=$(mktemp -d /tmp/gonghui-bench-stations.XXXXXX)
chmod 755 "$work"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { while :; do p=$((20000 + RANDOM % 40000)); (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }; done; }
wait_http() { for _ in $(seq 1 300); do curl -s -o /dev/null "http://127.0.0.1:$1$2" && return 0; sleep 0.1; done; echo "no answer on $1" >&2; return 1; }
rps() { awk '/Requests\/sec/ {print $2}'; }
lat() { awk '/Latency/ {print $2" avg, "$3" stdev, "$4" max"}'; }

echo "== machine: $(nproc) cores, $(uname -r), $(date -u +%F)"
"$build/bench/bench_stations_nearby" "$n" 20000

# The stations: 700 town centres across China, stations spread around each (deterministic).
awk -v n="$n" 'BEGIN {
  srand(2024); print "站点编码,站点名称,经度,纬度,设施,开放时间";
  for (c = 0; c < 700; c++) { clat[c] = 22 + rand() * 23; clng[c] = 100 + rand() * 22 }
  split("24小时|08:00-20:00|22:00-06:00|周一至周五 09:00-17:00", hours, "|");
  for (i = 0; i < n; i++) {
    c = i % 700; a = (i % 2) ? "微波炉、充电" : "热水";
    printf "B%07d,压测驿站%d,%.6f,%.6f,%s,%s\n", i, i, clng[c] + (rand() - 0.5) * 0.3, clat[c] + (rand() - 0.5) * 0.3, a, hours[i % 4 + 1]
  }
  for (c = 0; c < 700; c++) printf "%.6f %.6f\n", clat[c], clng[c] > "'"$work"'/centres.txt"
}' >"$work/stations.csv"
url="sqlite://$work/bench.db"
"$build/gonghui" migrate --db "$url" >/dev/null
start=$(date +%s.%N)
"$build/gonghui" import stations "$work/stations.csv" --db "$url" --org 610424 --key-file "$work/key" --json --max-rows 300000 | tail -1
echo "import of $n stations: $(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN{printf "%.1f", e-s}') s"

port=$(free_port)
"$build/gonghui" serve --db "$url" --listen "127.0.0.1:$port" --key-file "$work/key" >"$work/serve.log" 2>&1 & spid=$!
pids+=($spid)
wait_http "$port" /livez
curl -s -o /dev/null "http://127.0.0.1:$port/api/v1/stations/nearby?lat=34.5&lng=108.2"  # loads the index

cat >"$work/nearby.lua" <<LUA
local centres = {}
for line in io.lines("$work/centres.txt") do
  local a, b = line:match("([%d.]+) ([%d.]+)")
  centres[#centres + 1] = {tonumber(a), tonumber(b)}
end
local i = 0
request = function()
  i = i + 1
  local c = centres[(i * 7919) % #centres + 1]
  local lat = c[1] + (math.random() - 0.5) * 0.1
  local lng = c[2] + (math.random() - 0.5) * 0.1
  local filter = (i % 2 == 1) and "&amenity=microwave" or ""
  return wrk.format("GET", string.format("/api/v1/stations/nearby?lat=%.5f&lng=%.5f&limit=10%s", lat, lng, filter))
end
LUA
echo "== HTTP, wrk -t1 -c32 -d$dur, SQLite, $n stations"
l=$(wrk -t1 -c32 -d"$dur" "http://127.0.0.1:$port/livez" | tee "$work/w1" | rps)
printf "%-58s %10s req/s   %s\n" "GET /livez (the HTTP stack's ceiling)" "$l" "$(lat <"$work/w1")"
q=$(wrk -t1 -c32 -d"$dur" -s "$work/nearby.lua" --latency "http://127.0.0.1:$port" | tee "$work/w2" | rps)
printf "%-58s %10s req/s   %s   (%.2fx /livez)\n" "GET /stations/nearby limit 10, half filtered" "$q" "$(lat <"$work/w2")" "$(awk -v a="$q" -v b="$l" 'BEGIN{print a/b}')"
grep -E "^ +(50|99)%" "$work/w2" | sed 's/^/    nearby latency /'
