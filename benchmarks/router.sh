#!/usr/bin/env bash
# Model router overhead: the same chat completion straight to a local fake OpenAI server and through
# model-orchestration's /v1, then many streamed calls at once (RouterOverheadBench, not part of the suite).
#   benchmarks/router.sh [calls] [warmup] [concurrent streams]
# Needs the local PostgreSQL (database `test`, or BERRYS_TEST_DB_URL) and Redis, like any module IT.
# Builds the modules it needs in the reactor (-am): nothing is installed into ~/.m2.
set -euo pipefail
cd "$(dirname "$0")/.."
for c in "${JAVA_HOME:-}" /usr/lib/jvm/*25*; do [ -x "$c/bin/java" ] && "$c/bin/java" -version 2>&1 | grep -q '"25' && export JAVA_HOME="$c" && break; done
log=$(mktemp /tmp/berrys-router-bench.XXXXXX.log)
if ./mvnw -B -pl model-orchestration -am test -Dtest=RouterOverheadBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.calls="${1:-1000}" -Dbench.warmup="${2:-500}" -Dbench.streams="${3:-1000}" >"$log" 2>&1; then
  grep '^BENCH' "$log"
  rm -f "$log"
else
  grep '^BENCH' "$log" || true
  tail -40 "$log"
  echo "router benchmark failed; whole log: $log" >&2
  exit 1
fi
