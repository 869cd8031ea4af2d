#!/usr/bin/env bash
# Issue 3's benchmarks on a local stack started by ./berrys:
#   1. overhead: a plan of N independent tasks with zero simulated latency
#   2. concurrency: 200 tasks in flight with 1 s simulated latency each, and the agent-orchestrator's memory
# Restarts the stack with the latency each part needs.  benchmarks/orchestration.sh [tasks] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
tasks="${1:-200}"; runs="${2:-3}"
. "${BERRYS_SECRETS:-${XDG_CONFIG_HOME:-$HOME/.config}/berrys/secrets.env}" 2>/dev/null || true
export BERRYS_RATE_LIMIT_RPS=5000 BERRYS_RATE_LIMIT_BURST=10000

./berrys down >/dev/null
BERRYS_SIMULATED_LATENCY_MS=0 ./berrys up
. "${BERRYS_SECRETS:-${XDG_CONFIG_HOME:-$HOME/.config}/berrys/secrets.env}"
echo "== overhead: $tasks independent tasks, 0 ms simulated latency"
BERRYS_SIMULATED_LATENCY_MS=0 BERRYS_PASSWORD="$BERRYS_ADMIN_PASSWORD" node benchmarks/orchestration.mjs "$tasks" "$runs"

./berrys down >/dev/null
BERRYS_SIMULATED_LATENCY_MS=1000 ./berrys up
echo "== concurrency: 200 tasks of 1 s simulated latency"
BERRYS_SIMULATED_LATENCY_MS=1000 BERRYS_PASSWORD="$BERRYS_ADMIN_PASSWORD" node benchmarks/orchestration.mjs 200 "$runs"
pid=$(cat .berrys/pids/agent-orchestrator.pid)
echo "agent-orchestrator resident memory: $(awk '/VmRSS/ {print $2/1024 " MB"}' /proc/$pid/status), peak $(awk '/VmHWM/ {print $2/1024 " MB"}' /proc/$pid/status)"
./berrys down >/dev/null
