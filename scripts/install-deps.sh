#!/usr/bin/env bash
# Installs what Gonghui needs to build, test and run on Debian 12. Idempotent: a second run
# installs nothing and takes a second. Usage: scripts/install-deps.sh [--bench]
#   --bench  also installs the load-test tools (wrk, nginx-light) used by bench/.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config git curl ca-certificates
  libboost1.81-dev libboost-url1.81-dev
  nlohmann-json3-dev libsqlite3-dev sqlite3 libpq-dev postgresql
  libsodium-dev libcurl4-openssl-dev libqrencode-dev libxlsxwriter-dev libzip-dev libexpat1-dev libspdlog-dev libfmt-dev libcli11-dev libtomlplusplus-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  nodejs npm chromium fonts-wqy-microhei
)
if [[ "${1:-}" == "--bench" ]]; then
  APT_PACKAGES+=(wrk nginx-light)
fi

missing=()
for p in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
# node and npm may come from elsewhere on a developer's machine; only ask apt when absent.
if command -v node >/dev/null && command -v npm >/dev/null; then
  filtered=()
  for p in "${missing[@]}"; do [[ "$p" == nodejs || "$p" == npm ]] || filtered+=("$p"); done
  missing=("${filtered[@]}")
fi

if ((${#missing[@]})); then
  echo "install-deps: apt-get install ${missing[*]}"
  SUDO=""
  [[ $(id -u) -eq 0 ]] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Debian starts a "main" cluster on package install; the project never uses it (tests start
# their own throwaway server), so leave it be.

# Front-end and data-generation packages from the npm registry (locked in package-lock.json).
for dir in tools/datagen web; do
  if [[ -f "$dir/package-lock.json" ]]; then
    stamp="$dir/node_modules/.install-stamp"
    if [[ ! -f "$stamp" || "$dir/package-lock.json" -nt "$stamp" ]]; then
      echo "install-deps: npm ci in $dir"
      (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
      touch "$stamp"
    fi
  fi
done
echo "install-deps: ok"
