#!/usr/bin/env bash
# A throwaway PostgreSQL server for tests, in a temporary directory, on 127.0.0.1 and a free port.
#   scripts/pg-cluster.sh start DIR   → initdb + start; prints the base URL (postgresql://postgres@127.0.0.1:PORT)
#   scripts/pg-cluster.sh stop DIR    → stop and remove DIR
# initdb refuses to run as root, so as root it runs as the `postgres` user (runuser).
set -euo pipefail
cmd=${1:-}; dir=${2:-}
[[ -n "$cmd" && -n "$dir" ]] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }

pgbin=""
for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do pgbin=$d; break; done
[[ -x "$pgbin/initdb" ]] || { echo "pg-cluster: PostgreSQL server not installed (run scripts/install-deps.sh)" >&2; exit 1; }

as_pg() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

case "$cmd" in
  start)
    mkdir -p "$dir"
    [[ $(id -u) -eq 0 ]] && chown postgres "$dir"
    chmod 700 "$dir"
    user=$([[ $(id -u) -eq 0 ]] && echo postgres || id -un)
    as_pg "$pgbin/initdb" -D "$dir/data" -U "$user" -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    for _ in $(seq 1 50); do
      port=$((20000 + RANDOM % 40000))
      port_free "$port" || continue
      # Durability is pointless for a throwaway test server: turn it off for speed.
      if as_pg "$pgbin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
          -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
          >/dev/null 2>&1; then
        echo "$port" >"$dir/port"
        echo "postgresql://$user@127.0.0.1:$port"
        exit 0
      fi
    done
    echo "pg-cluster: could not start PostgreSQL; see $dir/server.log" >&2
    cat "$dir/server.log" >&2 || true
    exit 1
    ;;
  stop)
    if [[ -d "$dir/data" ]]; then
      as_pg "$pgbin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
