#!/usr/bin/env bash
# Reproduces every figure of docs/PERFORMANCE.md's foundation section:
#   make bench            (or: bash bench/run.sh BUILD_DIR)
# HTTP: wrk -t1 -c32 against nginx (one worker) and gonghui side by side, in one run.
# DB:   raw SQLite insert and PostgreSQL COPY rates vs. the same rows through gh::db.
# Figures are printed, never asserted. Env: DURATION (default 10s), ROWS (default 1000000).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
dur=${DURATION:-10s}
rows=${ROWS:-1000000}
work=$(mktemp -d /tmp/gonghui-bench.XXXXXX)
chmod 755 "$work"  # the postgres user must reach its data directory inside
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
rps() { awk '/Requests\/sec/ {print $2}'; }
lat() { awk '/Latency/ {print $2" avg, "$3" stdev, "$4" max"}'; }

echo "== machine: $(nproc) cores, $(uname -r), $(date -u +%F)"

nginx_port=$(free_port)
sed "s|@DIR@|$work|g; s|@PORT@|$nginx_port|g" bench/load/nginx.conf.in >"$work/nginx.conf"
nginx -c "$work/nginx.conf" -p "$work" & pids+=($!)
wait_http "$nginx_port" /

pg=$(scripts/pg-cluster.sh start "$pgdir")
for backend in sqlite postgresql; do
  if [[ $backend == sqlite ]]; then url="sqlite://$work/bench.db"; else
    psql -q "$pg/postgres" -c "CREATE DATABASE bench" >/dev/null; url="$pg/bench"; fi
  "$build/gonghui" migrate --db "$url" >/dev/null
  for threads in 1 2; do
    port=$(free_port)
    "$build/gonghui" serve --db "$url" --listen "127.0.0.1:$port" --threads "$threads" >"$work/serve-$backend.log" 2>&1 & spid=$!
    pids+=($spid)
    wait_http "$port" /livez
    echo "== HTTP, wrk -t1 -c32 -d$dur, gonghui on $backend with $threads io thread(s)"
    n=$(wrk -t1 -c32 -d"$dur" "http://127.0.0.1:$nginx_port/api/v1/nope" | tee "$work/w1" | rps)
    g=$(wrk -t1 -c32 -d"$dur" "http://127.0.0.1:$port/api/v1/nope" | tee "$work/w2" | rps)
    printf "%-46s %12s req/s   %s\n" "nginx 1 worker, static 404 JSON" "$n" "$(lat <"$work/w1")"
    printf "%-46s %12s req/s   %s   (%.2fx nginx)\n" "gonghui 404 envelope" "$g" "$(lat <"$work/w2")" "$(awk -v a="$g" -v b="$n" 'BEGIN{print a/b}')"
    p=$(wrk -t1 -c32 -d"$dur" "http://127.0.0.1:$port/livez" | tee "$work/w3" | rps)
    printf "%-46s %12s req/s   %s\n" "gonghui GET /livez (plaintext)" "$p" "$(lat <"$work/w3")"
    s=$(wrk -t1 -c32 -d"$dur" "http://127.0.0.1:$port/api/v1/system/info" | tee "$work/w4" | rps)
    printf "%-46s %12s req/s   %s\n" "gonghui GET /api/v1/system/info (1-row SELECT)" "$s" "$(lat <"$work/w4")"
    kill "$spid"; wait "$spid" 2>/dev/null || true
  done
  echo "== DB rows, $rows rows, $backend"
  "$build/bench/bench_db_raw" "$url" "$rows"
done

# The 404 envelope against nginx like for like, N io threads against N workers (issue #13).
bash bench/http_404.sh "$build"
