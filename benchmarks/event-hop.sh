#!/usr/bin/env bash
# One event hop between two JVMs (issue 13): a publisher JVM commits one event per transaction at a steady rate,
# its outbox relay moves it to Redis, a consumer in another JVM handles it; latency from the event's time (inside
# the committing transaction) to the handler.
#   benchmarks/event-hop.sh [events] [events/s] [warm-up events]
# Uses the local PostgreSQL (database 'test', or BERRYS_TEST_DB_URL) and Redis, in a Redis namespace of its own.
set -euo pipefail
cd "$(dirname "$0")/.."
for c in "${JAVA_HOME:-}" /usr/lib/jvm/*25*; do [ -x "$c/bin/java" ] && "$c/bin/java" -version 2>&1 | grep -q '"25' && export JAVA_HOME="$c" && break; done
./mvnw -B -pl berrys-starter -am test -Dtest=EventHopBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Dspotless.check.skip=true -Dbench.events="${1:-3000}" -Dbench.rate="${2:-100}" -Dbench.warmup="${3:-300}" \
  | grep -A2 'EVENT HOP'
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
