#!/usr/bin/env bash
# Check-ins over HTTP (issue #14, docs/PERFORMANCE.md "Stations"), on SQLite and PostgreSQL:
#   bash bench/checkin.sh [BUILD_DIR]
# A smart door lock's requests (POST /api/v1/stations/{code}/door with a service account's
# token and a member card) by distinct members, so every request writes a visit and its
# rollups, through the group-committing writer — against the one-row-insert limit of the same
# database measured in the same run (bench_one_row: each row its own transaction).
# Env: DURATION (default 10s), CONNECTIONS (default 32). Figures printed, never asserted.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
dur=${DURATION:-10s}
conns=${CONNECTIONS:-32}
work=$(mktemp -d /tmp/gonghui-bench-checkin.XXXXXX)
chmod 755 "$work"
pgdir="$work/pg"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  scripts/pg-cluster.sh stop "$pgdir" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { while :; do p=$((20000 + RANDOM % 40000)); (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }; done; }
wait_http() { for _ in $(seq 1 300); do curl -s -o /dev/null "http://127.0.0.1:$1$2" && return 0; sleep 0.1; done; echo "no answer on $1" >&2; return 1; }
rps() { awk '/Requests\/sec/ {print $2}'; }
lat() { awk '/Latency/ {print $2" avg, "$3" stdev, "$4" max"}'; }

echo "== machine: $(nproc) cores, $(uname -r), $(date -u +%F)"
pg=$(scripts/pg-cluster.sh start "$pgdir")
for backend in sqlite postgresql; do
  if [[ $backend == sqlite ]]; then url="sqlite://$work/bench.db"; sql() { sqlite3 "$work/bench.db" "$1"; }
  else psql -q "$pg/postgres" -c "CREATE DATABASE bench" >/dev/null; url="$pg/bench"; sql() { psql -qAt "$url" -c "$1"; }; fi
  "$build/gonghui" migrate --db "$url" >/dev/null
  "$build/gonghui" demo --db "$url" --key-file "$work/key" >/dev/null
  sql "SELECT card_no FROM members WHERE status = 'active' ORDER BY id" >"$work/cards.txt"
  token=$("$build/gonghui" service-account add --db "$url" --key-file "$work/key" --name "door-$backend" \
            --org 610424 --permission station.door | awk '/bearer token/ {print $NF}')
  before=$(sql "SELECT COUNT(*) FROM station_visits")
  port=$(free_port)
  "$build/gonghui" serve --db "$url" --listen "127.0.0.1:$port" --key-file "$work/key" >"$work/serve-$backend.log" 2>&1 & spid=$!
  pids+=($spid)
  wait_http "$port" /livez
  cat >"$work/door.lua" <<LUA
local cards = {}
for line in io.lines("$work/cards.txt") do cards[#cards + 1] = line end
local i = 0
local t = 0
setup = function(thread) t = t + 1; thread:set("offset", t * 1000000) end
request = function()
  i = i + 1
  local card = cards[(i % #cards) + 1]
  return wrk.format("POST", "/api/v1/stations/YZ610424-0001/door",
    {["Authorization"] = "Bearer $token", ["Content-Type"] = "application/json"},
    '{"credential":{"type":"card","value":"' .. card .. '"}}')
end
LUA
  echo "== $backend: door check-ins by $(wc -l <"$work/cards.txt") distinct members, wrk -t1 -c$conns -d$dur"
  r=$(wrk -t1 -c"$conns" -d"$dur" -s "$work/door.lua" "http://127.0.0.1:$port" | tee "$work/w" | rps)
  after=$(sql "SELECT COUNT(*) FROM station_visits")
  printf "%-52s %10s req/s   %s\n" "POST /stations/{code}/door (allow + visit + rollups)" "$r" "$(lat <"$work/w")"
  echo "   visits written: $((after - before)); rollup total: $(sql "SELECT SUM(visits) FROM station_visit_rollups WHERE station_id = (SELECT id FROM stations WHERE code = 'YZ610424-0001')")"
  kill "$spid"; wait "$spid" 2>/dev/null || true
  "$build/bench/bench_one_row" "$url" 3000
done
