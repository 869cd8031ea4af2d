#!/usr/bin/env bash
# Start-up time (process start -> readiness 200) and resident memory of each service, one at a time, so the
# two cores are not shared between eight JVMs starting together.  benchmarks/startup.sh [extra JVM flags]
# AOT=1 starts from the Java 25 AOT caches that './berrys aot' records.
set -euo pipefail
cd "$(dirname "$0")/.."
./berrys down >/dev/null 2>&1 || true
. "${BERRYS_SECRETS:-${XDG_CONFIG_HOME:-$HOME/.config}/berrys/secrets.env}"
export BERRYS_ADMIN_PASSWORD BERRYS_SERVICE_CLIENT_SECRET BERRYS_ENCRYPTION_KEY BERRYS_LOG_FORMAT=plain
for c in "${JAVA_HOME:-}" /usr/lib/jvm/*25*; do [ -x "$c/bin/java" ] && "$c/bin/java" -version 2>&1 | grep -q '"25' && JAVA="$c/bin/java" && break; done
declare -A port=([api-gateway]=8080 [project-coordinator]=8081 [planning-system]=8082 [agent-orchestrator]=8083 [model-orchestration]=8084 [tool-integration]=8085 [service-integration]=8086 [web-dashboard]=8087)
printf '%-22s %10s %12s %12s\n' service ready_ms rss_mb rss_after_10s
for s in api-gateway project-coordinator planning-system agent-orchestrator model-orchestration tool-integration service-integration web-dashboard; do
  start=$(date +%s%N)
  # shellcheck disable=SC2086
  launch=(-jar "$s/target/$s.jar")
  if [ "${AOT:-0}" = 1 ]; then launch=(-XX:AOTCache="$PWD/.berrys/apps/$s/app.aot" -jar "$PWD/.berrys/apps/$s/$s.jar"); fi
  "$JAVA" -XX:+UseSerialGC -Xss512k -XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=200m -Xmx512m ${1:-} "${launch[@]}" > "/tmp/startup-$s.log" 2>&1 &
  pid=$!
  until curl -fsS -m 1 "http://127.0.0.1:${port[$s]}/actuator/health/readiness" >/dev/null 2>&1; do sleep 0.05; done
  ready=$(( ($(date +%s%N) - start) / 1000000 ))
  rss=$(awk '/VmRSS/ {printf "%.0f", $2/1024}' /proc/$pid/status)
  sleep 10
  rss30=$(awk '/VmRSS/ {printf "%.0f", $2/1024}' /proc/$pid/status)
  printf '%-22s %10s %12s %12s\n' "$s" "$ready" "$rss" "$rss30"
  kill $pid; wait $pid 2>/dev/null || true
done
