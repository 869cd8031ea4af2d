#!/usr/bin/env bash
# Event bus throughput and latency (outbox commit -> consumer handling) on the local PostgreSQL and Redis.
#   benchmarks/event-bus.sh [events] [eventsPerTx] [publisherThreads] [offered events/s, 0 = saturate]
set -euo pipefail
cd "$(dirname "$0")/.."
for c in "${JAVA_HOME:-}" /usr/lib/jvm/*25*; do [ -x "$c/bin/java" ] && "$c/bin/java" -version 2>&1 | grep -q '"25' && export JAVA_HOME="$c" && break; done
# builds what it needs in the reactor (-am): nothing is installed into ~/.m2
./mvnw -B -pl berrys-starter -am test -Dtest=EventBusBench -Dsurefire.failIfNoSpecifiedTests=false -Dspotless.check.skip=true \
  -Dbench.events="${1:-50000}" -Dbench.eventsPerTx="${2:-10}" -Dbench.publishers="${3:-8}" -Dbench.rate="${4:-0}" \
  | grep -A3 'EVENT BUS'
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
