#!/usr/bin/env bash
# Issue 3's and 13's benchmarks on a local stack started by ./berrys (which builds what changed with
# `./mvnw package` in the reactor first, nothing installed into ~/.m2):
#   1. overhead: a plan of N independent tasks with zero simulated latency
#   2. concurrency: 200 tasks in flight with 1 s simulated latency each, and the agent-orchestrator's memory
#   3. the README's goal on the default simulated model (50 ms latency): start → result
# Restarts the stack with the latency each part needs.  benchmarks/orchestration.sh [tasks] [runs] [parts]
# parts: any of overhead,concurrency,goal (all three by default).
# Beside a stack already running, give this one its own ports, state, database and streams, e.g.
#   BERRYS_PORT=23000 BERRYS_HOME=/tmp/bench-berrys BERRYS_DB_URL=jdbc:postgresql://127.0.0.1:5432/bench \
#   BERRYS_EVENTS_NAMESPACE=bench: BERRYS_SECRETS=/tmp/bench-berrys.env benchmarks/orchestration.sh
set -euo pipefail
cd "$(dirname "$0")/.."
tasks="${1:-200}"; runs="${2:-3}"; parts="${3:-overhead,concurrency,goal}"
GOAL="Research the market for electric cargo bikes, compare three competitors and estimate the cost of a launch, then write a launch plan"
export BERRYS_RATE_LIMIT_RPS=5000 BERRYS_RATE_LIMIT_BURST=10000
export BERRYS_URL="http://127.0.0.1:${BERRYS_PORT:-8080}"
secrets="${BERRYS_SECRETS:-${XDG_CONFIG_HOME:-$HOME/.config}/berrys/secrets.env}"
load() { cut -d' ' -f1-3 /proc/loadavg; }

restart() { # latency in ms
  ./berrys down >/dev/null
  BERRYS_SIMULATED_LATENCY_MS="$1" ./berrys up
  . "$secrets"
  export BERRYS_PASSWORD="$BERRYS_ADMIN_PASSWORD" BERRYS_SIMULATED_LATENCY_MS="$1"
  BENCH_PIDS=$(cat "${BERRYS_HOME:-.berrys}"/pids/*.pid | tr '\n' ' '); export BENCH_PIDS
}

if [[ ",$parts," == *,overhead,* ]]; then
  restart 0
  echo "== overhead: $tasks independent tasks, 0 ms simulated latency (load before: $(load))"
  node benchmarks/orchestration.mjs "$tasks" "$runs"
  echo "load after: $(load)"
fi
if [[ ",$parts," == *,concurrency,* ]]; then
  restart 1000
  echo "== concurrency: 200 tasks of 1 s simulated latency (load before: $(load))"
  node benchmarks/orchestration.mjs 200 "$runs"
  echo "load after: $(load)"
  pid=$(cat "${BERRYS_HOME:-.berrys}/pids/agent-orchestrator.pid")
  echo "agent-orchestrator resident memory: $(awk '/VmRSS/ {print $2/1024 " MB"}' /proc/$pid/status), peak $(awk '/VmHWM/ {print $2/1024 " MB"}' /proc/$pid/status)"
fi
if [[ ",$parts," == *,goal,* ]]; then
  restart 50
  echo "== the README's goal, 50 ms simulated latency (load before: $(load))"
  BENCH_GOAL="$GOAL" node benchmarks/orchestration.mjs 0 "$runs"
  echo "load after: $(load)"
fi
./berrys down >/dev/null
