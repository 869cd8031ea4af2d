#!/usr/bin/env bash
# Checks the service images as far as a machine without a container engine or registry can:
#
#  1. deploy/docker/Dockerfile: takes ${MODULE}/target/${MODULE}.jar, extracts it with Spring Boot's
#     jar tools, copies the layers least-changing first, runs as a non-root USER, launches JarLauncher
#     with container-aware memory flags.
#  2. Every service jar the Maven build made: built with layers (list-layers gives dependencies,
#     spring-boot-loader, snapshot-dependencies, application), and the Dockerfile's steps replayed on
#     it (extract, copy the layers into one tree) give a launchable tree with the code in the top layer.
#  3. Jib: the root pom's configuration (base, user, JVM flags, OCI labels) and, for real, an image
#     tarball built by jib:buildTar on a throwaway module with that configuration (base image
#     "scratch", since no registry is reachable), whose image config is inspected.
#  4. Each service pom declares Jib, exposing its port (deploy/README.md has the snippet).
#
# A jar or a Jib declaration that does not exist yet is SKIPPED with a message, unless STRICT=1.
# JIB_BUILD=0 skips step 3's build (it needs Maven Central for the Jib plugin the first time).
#
#   bash deploy/check-images.sh            STRICT=1 bash deploy/check-images.sh
set -uo pipefail

ROOT="${BERRYS_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
STRICT="${STRICT:-0}"
JIB_BUILD="${JIB_BUILD:-1}"
DOCKERFILE="$ROOT/deploy/docker/Dockerfile"

# module:port, docs/conventions.md
SERVICES="api-gateway:8080 project-coordinator:8081 planning-system:8082 agent-orchestrator:8083
model-orchestration:8084 tool-integration:8085 service-integration:8086 web-dashboard:8087"

pass=0 fail=0 skip=0
ok()   { pass=$((pass + 1)); echo "  ok    $*"; }
bad()  { fail=$((fail + 1)); echo "  FAIL  $*"; }
skip() {
  if [[ "$STRICT" == 1 ]]; then bad "$* (STRICT=1)"; else skip=$((skip + 1)); echo "  skip  $*"; fi
}

# the build targets Java 25: use the Temurin 25 JDK when the default java is older
java_major() { "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}'; }
current_java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if [[ "$(java_major "$current_java" 2>/dev/null || echo 0)" -lt 25 && -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# ---- 1. the Dockerfile ----------------------------------------------------------------------------
echo "== Dockerfile ($DOCKERFILE)"
if [[ ! -f "$DOCKERFILE" ]]; then
  bad "missing"
else
  df="$(sed -e ':a' -e '/\\$/N; s/\\\n//; ta' "$DOCKERFILE")"   # continuation lines joined
  has() { grep -Eq -- "$1" <<<"$df"; }
  has '^ARG BASE_IMAGE=eclipse-temurin:25-jre$' && ok "JRE 25 base (ARG BASE_IMAGE)" || bad "base image is not eclipse-temurin:25-jre"
  has '^ARG MODULE$' && ok "ARG MODULE" || bad "no ARG MODULE"
  has '^COPY \$\{MODULE\}/target/\$\{MODULE\}\.jar app\.jar$' && ok 'copies ${MODULE}/target/${MODULE}.jar' \
    || bad 'does not COPY ${MODULE}/target/${MODULE}.jar'
  has 'java -Djarmode=tools -jar app\.jar extract --layers --launcher' && ok "extracts with jarmode=tools --layers --launcher" \
    || bad "no 'java -Djarmode=tools -jar app.jar extract --layers --launcher'"
  order="$(grep -Eo '^COPY --from=extract /build/extracted/[a-z-]+/' "$DOCKERFILE" | sed -E 's#.*/extracted/([a-z-]+)/#\1#' | paste -sd' ')"
  [[ "$order" == "dependencies spring-boot-loader snapshot-dependencies application" ]] \
    && ok "layers copied least-changing first: $order" || bad "layer COPY order is '$order'"
  user="$(grep -E '^USER ' "$DOCKERFILE" | tail -n1 | awk '{print $2}')"
  uid="${user%%:*}"
  if [[ -z "$user" ]]; then bad "no USER"
  elif [[ "$uid" =~ ^[0-9]+$ && "$uid" -ne 0 ]]; then ok "runs as non-root USER $user"
  else bad "USER '$user' is root or not numeric (runAsNonRoot needs a numeric uid)"; fi
  last_from="$(grep -nE '^FROM ' "$DOCKERFILE" | tail -n1 | cut -d: -f1)"
  user_line="$(grep -nE '^USER ' "$DOCKERFILE" | tail -n1 | cut -d: -f1)"
  [[ -n "$user_line" && "$user_line" -gt "$last_from" ]] && ok "USER set in the runtime stage" || bad "USER not in the runtime stage"
  has '^ENTRYPOINT .*org\.springframework\.boot\.loader\.launch\.JarLauncher' && ok "ENTRYPOINT runs JarLauncher" || bad "ENTRYPOINT does not run JarLauncher"
  has '^ENTRYPOINT .*-XX:MaxRAMPercentage=' && ok "JVM heap follows the container limit (MaxRAMPercentage)" || bad "no -XX:MaxRAMPercentage in ENTRYPOINT"
  has 'org\.opencontainers\.image\.revision' && has 'org\.opencontainers\.image\.version' && ok "OCI labels" || bad "OCI version/revision labels missing"
  has '^HEALTHCHECK .*' && has '/actuator/health/readiness' && ok "HEALTHCHECK on readiness" || bad "no HEALTHCHECK on /actuator/health/readiness"
  ign="$DOCKERFILE.dockerignore"
  if [[ -f "$ign" ]] && grep -qx '\*\*' "$ign" && grep -qx '!\*/target/\*\.jar' "$ign"; then
    ok "build context limited to */target/*.jar ($(basename "$ign"))"
  else
    bad "$(basename "$ign") should ignore everything but */target/*.jar"
  fi
fi

# ---- 2. the service jars ----------------------------------------------------------------------------
echo "== service jars (layers, and the Dockerfile's steps replayed)"
for entry in $SERVICES; do
  module="${entry%%:*}"
  jar="$ROOT/$module/target/$module.jar"
  if [[ ! -f "$jar" ]]; then
    skip "$module: $module/target/$module.jar not built yet (./mvnw -B package -DskipTests)"
    continue
  fi
  layers="$("$JAVA" -Djarmode=tools -jar "$jar" list-layers 2>&1 | paste -sd' ')"
  if [[ "$layers" != "dependencies spring-boot-loader snapshot-dependencies application" ]]; then
    bad "$module: list-layers gave '$layers' (want: dependencies spring-boot-loader snapshot-dependencies application)"
    continue
  fi
  ok "$module: layered jar ($layers)"
  dest="$WORK/$module"
  if ! "$JAVA" -Djarmode=tools -jar "$jar" extract --layers --launcher --destination "$dest/extracted" >"$WORK/$module.log" 2>&1; then
    bad "$module: extract failed: $(tail -n3 "$WORK/$module.log")"
    continue
  fi
  mkdir -p "$dest/app"
  for layer in dependencies spring-boot-loader snapshot-dependencies application; do
    [[ -d "$dest/extracted/$layer" ]] && cp -a "$dest/extracted/$layer/." "$dest/app/"
  done
  problems=()
  [[ -f "$dest/app/org/springframework/boot/loader/launch/JarLauncher.class" ]] || problems+=("no JarLauncher")
  [[ -d "$dest/app/BOOT-INF/classes" ]] || problems+=("no BOOT-INF/classes")
  ls "$dest/app/BOOT-INF/lib/"*.jar >/dev/null 2>&1 || problems+=("no BOOT-INF/lib/*.jar")
  [[ -d "$dest/extracted/application/BOOT-INF/classes" ]] || problems+=("code is not in the application layer")
  [[ -d "$dest/extracted/dependencies/BOOT-INF/classes" ]] && problems+=("code leaked into the dependencies layer")
  grep -q '^Start-Class: ' "$dest/app/META-INF/MANIFEST.MF" 2>/dev/null || problems+=("no Start-Class in the manifest")
  if ((${#problems[@]})); then
    bad "$module: extracted tree: ${problems[*]}"
  else
    libs=$(ls "$dest/extracted/dependencies/BOOT-INF/lib" 2>/dev/null | wc -l)
    ok "$module: extract + layer copy gives a launchable tree ($libs dependency jars below the code)"
  fi
  rm -rf "$dest"
done

# ---- 3. Jib -----------------------------------------------------------------------------------------
echo "== Jib configuration (root pom.xml pluginManagement)"
if python3 - "$ROOT/pom.xml" >"$WORK/jib-static.txt" 2>&1 <<'PY'
import sys, xml.etree.ElementTree as ET
ns = {"m": "http://maven.apache.org/POM/4.0.0"}
root = ET.parse(sys.argv[1]).getroot()
plugin = None
for p in root.findall("m:build/m:pluginManagement/m:plugins/m:plugin", ns):
    if p.findtext("m:artifactId", namespaces=ns) == "jib-maven-plugin":
        plugin = p
if plugin is None:
    sys.exit("no jib-maven-plugin in pluginManagement")
errors = []
if plugin.findtext("m:version", namespaces=ns) != "${jib.version}":
    errors.append("version is not ${jib.version}")
c = plugin.find("m:configuration", ns)
if c is None:
    sys.exit("jib-maven-plugin has no <configuration>")
t = lambda path: (c.findtext(path, namespaces=ns) or "").strip()
if t("m:from/m:image") != "eclipse-temurin:25-jre":
    errors.append("from.image is not eclipse-temurin:25-jre")
user = t("m:container/m:user").split(":")[0]
if not user.isdigit() or user == "0":
    errors.append(f"container.user '{user}' is not a numeric non-root uid")
flags = [e.text for e in c.findall("m:container/m:jvmFlags/m:jvmFlag", ns)]
if not any(f.startswith("-XX:MaxRAMPercentage=") for f in flags):
    errors.append("no -XX:MaxRAMPercentage jvmFlag")
labels = {e.tag.split("}")[1] for e in c.findall("m:container/m:labels/*", ns)}
for l in ("org.opencontainers.image.version", "org.opencontainers.image.revision",
          "org.opencontainers.image.source", "org.opencontainers.image.title"):
    if l not in labels:
        errors.append(f"no label {l}")
if errors:
    sys.exit("; ".join(errors))
print(f"base {t('m:from/m:image')}, user {t('m:container/m:user')}, flags {' '.join(flags)}, {len(labels)} OCI labels")
PY
then ok "$(cat "$WORK/jib-static.txt")"; else bad "$(cat "$WORK/jib-static.txt")"; fi

if [[ "$JIB_BUILD" != 1 ]]; then
  skip "jib:buildTar of a probe module (JIB_BUILD=0)"
else
  # A throwaway module whose parent is the root pom: what Jib builds from the shared configuration.
  probe="$WORK/jib-probe"
  mkdir -p "$probe/src/main/java/probe" "$probe/.mvn"
  # the root pom compiles with Error Prone, which needs the JVM options of the root's .mvn/jvm.config
  cp "$ROOT/.mvn/jvm.config" "$probe/.mvn/jvm.config"
  rel="$(python3 -c 'import os,sys; print(os.path.relpath(sys.argv[1], sys.argv[2]))' "$ROOT/pom.xml" "$probe")"
  cat >"$probe/pom.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <parent>
    <groupId>dev.berrys</groupId>
    <artifactId>berrys-parent</artifactId>
    <version>0.1.0-SNAPSHOT</version>
    <relativePath>$rel</relativePath>
  </parent>
  <artifactId>jib-probe</artifactId>
  <dependencies>
    <dependency>
      <groupId>org.jspecify</groupId>
      <artifactId>jspecify</artifactId>
    </dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin>
        <groupId>com.google.cloud.tools</groupId>
        <artifactId>jib-maven-plugin</artifactId>
        <configuration><container><ports><port>8089</port></ports></container></configuration>
      </plugin>
    </plugins>
  </build>
</project>
EOF
  echo 'package probe; public class Main { public static void main(String[] a) { } }' >"$probe/src/main/java/probe/Main.java"
  # like every package of ours, the probe's is @NullMarked (the root pom's RequireExplicitNullMarking check)
  echo '@org.jspecify.annotations.NullMarked package probe;' >"$probe/src/main/java/probe/package-info.java"
  mvn_cmd=("$ROOT/mvnw")
  [[ -x "$ROOT/mvnw" ]] || mvn_cmd=(mvn)
  if (cd "$probe" && "${mvn_cmd[@]}" -B -q -f "$probe/pom.xml" compile jib:buildTar \
        -Djib.from.image=scratch -Dberrys.revision=check -Dberrys.source=check \
        -Djib.container.creationTime=EPOCH -Dspotless.skip=true) >"$WORK/jib.log" 2>&1 \
     && [[ -f "$probe/target/jib-image.tar" ]]; then
    mkdir -p "$probe/image" && tar -xf "$probe/target/jib-image.tar" -C "$probe/image"
    if python3 - "$probe/image" >"$WORK/jib-image.txt" 2>&1 <<'PY'
import json, sys, os
d = sys.argv[1]
manifest = json.load(open(os.path.join(d, "manifest.json")))[0]
cfg = json.load(open(os.path.join(d, manifest["Config"])))["config"]
errors = []
user = (cfg.get("User") or "").split(":")[0]
if not user.isdigit() or user == "0":
    errors.append(f"User '{cfg.get('User')}'")
ep = cfg.get("Entrypoint") or []
if not any(a.startswith("-XX:MaxRAMPercentage=") for a in ep):
    errors.append("no MaxRAMPercentage in Entrypoint")
if "8089/tcp" not in (cfg.get("ExposedPorts") or {}):
    errors.append("module port not exposed")
labels = cfg.get("Labels") or {}
for k in ("org.opencontainers.image.version", "org.opencontainers.image.revision",
          "org.opencontainers.image.source", "org.opencontainers.image.title"):
    if not labels.get(k):
        errors.append(f"label {k} missing")
if labels.get("org.opencontainers.image.title") != "jib-probe":
    errors.append("title label is not the module")
if errors:
    sys.exit("; ".join(errors))
print(f"User {cfg['User']}, {len(manifest['Layers'])} layers, ports {list(cfg['ExposedPorts'])}, "
      f"entrypoint {' '.join(ep[:3])} ..., labels {sorted(k.rsplit('.', 1)[1] for k in labels)}")
PY
    then ok "jib:buildTar (base scratch) image config: $(cat "$WORK/jib-image.txt")"
    else bad "jib image config: $(cat "$WORK/jib-image.txt")"; fi
  else
    bad "jib:buildTar of the probe module failed: $(grep -E 'ERROR|BUILD' "$WORK/jib.log" | head -n5)"
  fi
fi

# ---- 4. Jib enabled in each service pom ---------------------------------------------------------------
# The plugin declared in <build><plugins> (configuration from the root) and the port as the property
# jib.container.ports (or <configuration><container><ports>).
echo "== Jib declared by each service pom (with its port)"
for entry in $SERVICES; do
  module="${entry%%:*}" port="${entry##*:}"
  pom="$ROOT/$module/pom.xml"
  result="$(python3 - "$pom" "$port" <<'PY'
import sys, xml.etree.ElementTree as ET
ns = {"m": "http://maven.apache.org/POM/4.0.0"}
try:
    root = ET.parse(sys.argv[1]).getroot()
except Exception as e:
    print(f"unreadable: {e}"); sys.exit(2)
props = {e.tag.split("}")[1]: (e.text or "").strip() for e in root.findall("m:properties/*", ns)}
for p in root.findall("m:build/m:plugins/m:plugin", ns):
    if p.findtext("m:artifactId", namespaces=ns) == "jib-maven-plugin":
        ports = [e.text.strip() for e in p.findall("m:configuration/m:container/m:ports/m:port", ns)]
        ports += [x.strip() for x in props.get("jib.container.ports", "").split(",") if x.strip()]
        if sys.argv[2] in ports:
            print("ok"); sys.exit(0)
        if ports:
            print(f"declares Jib with ports {ports}, not {sys.argv[2]}"); sys.exit(1)
        print(f"declares Jib but exposes no port: add <jib.container.ports>{sys.argv[2]}</jib.container.ports> to its <properties>")
        sys.exit(3)
print("missing"); sys.exit(2)
PY
)"
  case $? in
    0) ok "$module: jib-maven-plugin with port $port" ;;
    1) bad "$module: $result" ;;
    3) skip "$module: $result" ;;
    *) skip "$module: jib-maven-plugin not declared in $module/pom.xml yet ($result)" ;;
  esac
done

echo "check-images: $pass passed, $fail failed, $skip skipped"
((fail == 0))
