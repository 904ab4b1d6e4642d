#!/usr/bin/env bash
# The member registry at scale (docs/PERFORMANCE.md, "Members at a million"):
#   bash bench/members.sh [BUILD_DIR]        (ROWS=1000000 DURATION=10s by default)
# For SQLite and PostgreSQL: import ROWS members from CSV and from .xlsx with `gonghui import
# members` (validation, encryption, blind index, history and audit included) against the raw
# insert rate of the same rows — the very rows the first import wrote, read back untimed and
# written straight into a fresh members table with all its indexes (bench_members_raw --same-rows:
# prepared INSERT on SQLite, COPY on PostgreSQL); for reference also generated rows whose keys
# nearly append to each index — then, with the first format's ROWS members in the database, wrk
# on a member search page, a name search and the county's stats.
# Figures are printed, never asserted. WARMUP=3s (default; 0 = none) runs wrk unmeasured first.
# BACKENDS="sqlite postgresql" (default) picks the databases;
# FORMATS="csv xlsx" (default) the imports (the reads use the CSV's database, so keep csv);
# RAW=0 skips the raw-insert limits; WORKERS (default 0: the server's default) the handler threads.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
rows=${ROWS:-1000000}
dur=${DURATION:-10s}
work=$(mktemp -d /tmp/gonghui-bench-members.XXXXXX)
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
wait_http() { for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$1$2" && return 0; sleep 0.1; done; echo "no answer on $1" >&2; return 1; }
now() { date +%s.%N; }
pct() { awk -v p="$1" '$1 == p"%" {print $2}'; }

echo "== machine: $(nproc) cores, $(uname -r), $(date -u +%F); $rows rows"
"$build/bench/bench_gen_roster" "$work/roster.csv" "$rows"
formats=${FORMATS:-csv xlsx}
[[ $formats == *xlsx* ]] && "$build/bench/bench_gen_roster" "$work/roster.xlsx" "$rows"
ls -l "$work"/roster.* | awk '{print "   " $5 " bytes  " $9}'

pg=$(scripts/pg-cluster.sh start "$pgdir")
for backend in ${BACKENDS:-sqlite postgresql}; do
  for format in $formats; do
    if [[ $backend == sqlite ]]; then url="sqlite://$work/$format.db"; else
      psql -q "$pg/postgres" -c "CREATE DATABASE m_$format" >/dev/null; url="$pg/m_$format"; fi
    "$build/gonghui" migrate --db "$url" >/dev/null
    t0=$(now)
    "$build/gonghui" import members "$work/roster.$format" --db "$url" --org 610424 \
      --mode good-rows --json --key-file "$work/key" >"$work/import.json"
    t1=$(now)
    awk -v a="$t0" -v b="$t1" -v n="$rows" -v w="$backend $format" \
      'BEGIN{printf "== import %-18s %8d rows  %7.1f s  %8.0f rows/s\n", w, n, b-a, n/(b-a)}'
    tail -n 1 "$work/import.json"
  done
  if [[ ${RAW:-1} != 0 ]]; then
    # The physical limit: the very rows the first import wrote (its ciphertexts, blind indexes,
    # names, in id order), read back untimed and written straight into a fresh members table.
    src=$([[ $backend == sqlite ]] && echo "sqlite://$work/${formats%% *}.db" || echo "$pg/m_${formats%% *}")
    echo "== raw insert of the import's own $rows rows into the members table, $backend"
    if [[ $backend == sqlite ]]; then raw="sqlite://$work/raw.db"; else
      psql -q "$pg/postgres" -c "CREATE DATABASE raw" >/dev/null; raw="$pg/raw"; fi
    "$build/bench/bench_members_raw" "$raw" --same-rows "$src"
    # For reference: generated rows whose keys nearly append to every index (the best case of
    # the same indexes; RAW_KEYS=random scatters them instead).
    echo "== raw insert of $rows generated rows, keys nearly appending, $backend"
    if [[ $backend == sqlite ]]; then raw="sqlite://$work/rawg.db"; else
      psql -q "$pg/postgres" -c "CREATE DATABASE rawg" >/dev/null; raw="$pg/rawg"; fi
    "$build/bench/bench_members_raw" "$raw" "$rows"
  fi

  # Reads at ROWS members: the CSV's database. On PostgreSQL, vacuumed and analysed first, so the
  # reads do not share the minute with autovacuum's pass over the rows just imported.
  if [[ $backend == sqlite ]]; then url="sqlite://$work/csv.db"; else url="$pg/m_csv";
    psql -q "$pg/m_csv" -c "VACUUM (ANALYZE) members" >/dev/null; fi
  token=$("$build/gonghui" service-account add --db "$url" --key-file "$work/key" --name "bench-$backend" \
    --org 610424 --permission member.read --permission org.read | awk '/bearer token/ {print $NF}')
  port=$(free_port)
  "$build/gonghui" serve --db "$url" --key-file "$work/key" --listen "127.0.0.1:$port" --threads 1 \
    --workers "${WORKERS:-0}" \
    >"$work/serve.log" 2>&1 & spid=$!
  pids+=($spid)
  wait_http "$port" /livez
  for path in "/api/v1/members?org=610424&limit=50" "/api/v1/members?org=610424&q=%E7%8E%8B&limit=20" \
              "/api/v1/orgs/610424/stats"; do
    curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$port$path" >/dev/null \
      || { echo "GET $path failed" >&2; exit 1; }
    # Warm-up, not measured: every worker's connection runs the query once cold (its first
    # executions read the index pages into the cache and plan it: 150-180 ms each on PostgreSQL at
    # a million rows), which would otherwise be the p99 of the measured run. WARMUP=0 keeps them.
    if [[ ${WARMUP:-3s} != 0 ]]; then
      wrk -t1 -c8 -d"${WARMUP:-3s}" -H "Authorization: Bearer $token" "http://127.0.0.1:$port$path" >/dev/null
    fi
    wrk -t1 -c8 -d"$dur" --latency -H "Authorization: Bearer $token" "http://127.0.0.1:$port$path" >"$work/w"
    printf "   %-48s %9s req/s   p50 %8s  p99 %8s\n" "GET $path" \
      "$(awk '/Requests\/sec/ {print $2}' "$work/w")" "$(pct 50 <"$work/w")" "$(pct 99 <"$work/w")"
  done
  kill "$spid"; wait "$spid" 2>/dev/null || true
done
