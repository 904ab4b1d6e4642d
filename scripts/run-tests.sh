#!/usr/bin/env bash
# Runs the whole suite through CTest: unit tests, and database/API tests on SQLite and on a real
# PostgreSQL server that this script starts and always stops, even when tests fail.
# Usage: scripts/run-tests.sh [BUILD_DIR] [extra ctest args…]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}; shift || true

pgdir=$(mktemp -d /tmp/gonghui-pg.XXXXXX)
cleanup() { scripts/pg-cluster.sh stop "$pgdir"; }
trap cleanup EXIT INT TERM
GONGHUI_TEST_PG=$(scripts/pg-cluster.sh start "$pgdir")
export GONGHUI_TEST_PG
echo "run-tests: PostgreSQL test server at $GONGHUI_TEST_PG"

jobs=$(nproc 2>/dev/null || echo 2)
ctest --test-dir "$build" --output-on-failure -j "$jobs" "$@"
