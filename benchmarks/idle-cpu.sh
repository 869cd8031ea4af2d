#!/usr/bin/env bash
# CPU the running local stack uses while idle (issue 13): CPU seconds (user + system) each service spends over a
# window with no goal running, as a share of one core.  benchmarks/idle-cpu.sh [seconds]   (after ./berrys up)
set -euo pipefail
cd "$(dirname "$0")/.."
WINDOW="${1:-60}"
SERVICES=(api-gateway project-coordinator planning-system agent-orchestrator model-orchestration tool-integration service-integration web-dashboard)
hz=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15}' "/proc/$(cat "${BERRYS_HOME:-.berrys}/pids/$1.pid")/stat"; }
declare -A before
for s in "${SERVICES[@]}"; do before[$s]=$(ticks "$s"); done
load0=$(cut -d' ' -f1-3 /proc/loadavg)
sleep "$WINDOW"
total=0
printf '%-22s %10s\n' service "% of a core"
for s in "${SERVICES[@]}"; do
  d=$(( $(ticks "$s") - before[$s] )); total=$((total + d))
  awk -v d="$d" -v hz="$hz" -v w="$WINDOW" -v s="$s" 'BEGIN {printf "%-22s %10.1f\n", s, 100 * d / hz / w}'
done
awk -v d="$total" -v hz="$hz" -v w="$WINDOW" 'BEGIN {printf "%-22s %10.1f\n", "stack", 100 * d / hz / w}'
echo "window ${WINDOW} s; load average before: $load0, after: $(cut -d' ' -f1-3 /proc/loadavg)"
