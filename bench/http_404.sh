#!/usr/bin/env bash
# The 404 envelope path against nginx, like for like (issue #13, item 8): gonghui with N io
# threads against nginx with N workers (the same body and headers; nginx logs nothing),
# for N = 1 and N = 2, measured side by side in one run and alternated ROUNDS times, so a busy
# moment of the machine hits both. Prints each round and the median ratio; asserts nothing.
#   bash bench/http_404.sh [BUILD_DIR]      env: DURATION (5s), ROUNDS (3), CONNECTIONS (32)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
dur=${DURATION:-5s}
rounds=${ROUNDS:-3}
conns=${CONNECTIONS:-32}
work=$(mktemp -d /tmp/gonghui-404.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { while :; do p=$((20000 + RANDOM % 40000)); (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }; done; }
wait_http() { for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$1$2" && return 0; sleep 0.1; done; echo "no answer on $1" >&2; return 1; }
rps() { awk '/Requests\/sec/ {print $2}'; }

echo "== machine: $(nproc) cores, $(uname -r), $(date -u +%F); wrk -t1 -c$conns -d$dur, $rounds rounds"
"$build/gonghui" migrate --db "sqlite://$work/bench.db" >/dev/null
for n in 1 2; do
  nport=$(free_port)
  sed "s|@DIR@|$work|g; s|@PORT@|$nport|g; s|@WORKERS@|$n|g" bench/load/nginx-like.conf.in \
    >"$work/nginx-$n.conf"
  nginx -c "$work/nginx-$n.conf" -p "$work" & npid=$!; pids+=($npid)
  wait_http "$nport" /
  gport=$(free_port)
  "$build/gonghui" serve --db "sqlite://$work/bench.db" --listen "127.0.0.1:$gport" \
    --threads "$n" >"$work/serve-$n.log" 2>&1 & gpid=$!; pids+=($gpid)
  wait_http "$gport" /livez
  ratios=()
  for r in $(seq 1 "$rounds"); do
    a=$(wrk -t1 -c"$conns" -d"$dur" "http://127.0.0.1:$nport/api/v1/nope" | rps)
    b=$(wrk -t1 -c"$conns" -d"$dur" "http://127.0.0.1:$gport/api/v1/nope" | rps)
    ratio=$(awk -v a="$b" -v b="$a" 'BEGIN{printf "%.2f", a/b}')
    ratios+=("$ratio")
    printf "N=%d round %d: nginx %10s req/s   gonghui %10s req/s   %sx\n" "$n" "$r" "$a" "$b" "$ratio"
  done
  median=$(printf "%s\n" "${ratios[@]}" | sort -n | awk '{v[NR]=$1} END{print v[int((NR+1)/2)]}')
  echo "== N=$n: median gonghui/nginx = ${median}x"
  kill "$gpid" "$npid"; wait "$gpid" 2>/dev/null || true; wait "$npid" 2>/dev/null || true
done
