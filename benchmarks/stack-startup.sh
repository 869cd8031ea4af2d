#!/usr/bin/env bash
# The local stack as a user starts it: the eight services together on this machine, from './berrys up' to all
# eight ready, cold (the operating system's file cache dropped where we may, as after a reboot) and then on
# the next start; then a goal is run and each service's resident memory is read.
#   benchmarks/stack-startup.sh [goal]      (builds first if a source changed, like ./berrys up)
set -euo pipefail
cd "$(dirname "$0")/.."
GOAL="${1:-Research the market for electric cargo bikes, compare three competitors and estimate the cost of a launch, then write a launch plan}"
SERVICES=(api-gateway project-coordinator planning-system agent-orchestrator model-orchestration tool-integration service-integration web-dashboard)

./berrys up >/dev/null               # builds the jars and their start-up caches where a source changed, as a user's first 'up' does
./berrys down >/dev/null

timed_up() {
  local t0 t1; t0=$(date +%s%N)
  BERRYS_NO_BUILD=1 ./berrys up >/dev/null
  t1=$(date +%s%N)
  echo $(( (t1 - t0) / 1000000 ))
}

# CPU seconds (user + system) each service has spent since it started: read right after all eight are ready,
# this is robust to other load on the machine, unlike the wall time
cpu_seconds() {
  local s line=""
  for s in "${SERVICES[@]}"; do
    line="$line $s=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15) / hz}' "/proc/$(cat "${BERRYS_HOME:-.berrys}/pids/$s.pid")/stat")"
  done
  echo "${line# }"
}
load() { cut -d' ' -f1-3 /proc/loadavg; }

sync; if echo 3 > /proc/sys/vm/drop_caches 2>/dev/null; then cache="dropped"; else cache="kept (not root)"; fi
load_cold=$(load); cold=$(timed_up); cpu_cold=$(cpu_seconds)
./berrys down >/dev/null
load_warm=$(load); warm=$(timed_up); cpu_warm=$(cpu_seconds)

BERRYS_NO_BUILD=1 ./berrys run "$GOAL" >/dev/null
sleep 10
# resident = private (anonymous: heap, metaspace, code, the AOT cache's written pages, C heap) + file-backed
# (the jar's and the JDK's mapped files and the AOT cache's clean pages, which the kernel may drop and read back)
total=0; total_anon=0; total_file=0
printf '%-22s %8s %8s %8s\n' service rss_mb anon_mb file_mb
for s in "${SERVICES[@]}"; do
  read -r rss anon file < <(awk '/^VmRSS/ {r=$2} /^RssAnon/ {a=$2} /^RssFile/ {f=$2} END {printf "%.0f %.0f %.0f\n", r/1024, a/1024, f/1024}' "/proc/$(cat "${BERRYS_HOME:-.berrys}/pids/$s.pid")/status")
  total=$((total + rss)); total_anon=$((total_anon + anon)); total_file=$((total_file + file))
  printf '%-22s %8s %8s %8s\n' "$s" "$rss" "$anon" "$file"
done
printf '%-22s %8s %8s %8s\n' total "$total" "$total_anon" "$total_file"
echo "cold start (file cache $cache): $cold ms (load before: $load_cold); next start: $warm ms (load before: $load_warm); cores: $(nproc)"
echo "CPU seconds to all ready, cold: $cpu_cold"
echo "CPU seconds to all ready, next: $cpu_warm"
echo "load after the goal: $(load)"
