#!/usr/bin/env python3
"""Checks for deploy/check.sh: the Helm chart's rendered manifests and docker-compose.yml.

  check_deploy.py manifests NAME=RENDERED.yaml ...   every rendering, each checked on its own
  check_deploy.py canary RENDERED.yaml VALUE ...      no secret value shows up outside a Secret
  check_deploy.py compose [SCHEMA.json]               docker-compose.yml, structure and compose-spec

Needs PyYAML (Debian: python3-yaml); jsonschema is used for the compose-spec schema when present.
Prints one line per check and exits 1 when any failed.
"""
import json
import os
import pathlib
import re
import sys

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
SERVICES = {  # module -> port (docs/conventions.md)
    "api-gateway": 8080, "project-coordinator": 8081, "planning-system": 8082,
    "agent-orchestrator": 8083, "model-orchestration": 8084, "tool-integration": 8085,
    "service-integration": 8086, "web-dashboard": 8087,
}
BACKENDS = [m for m in SERVICES if m != "web-dashboard"]
SECRET_ENV = {"BERRYS_DB_PASSWORD", "BERRYS_REDIS_PASSWORD", "BERRYS_ADMIN_PASSWORD",
              "BERRYS_SERVICE_CLIENT_SECRET", "BERRYS_ENCRYPTION_KEY"}
SECRET_LOOKING = re.compile(r"PASSWORD|SECRET|KEY|TOKEN", re.I)
NOT_SECRET = {"BERRYS_TOKEN_ISSUER"}  # a name, not a credential (docs/conventions.md)


class Report:
    def __init__(self):
        self.failed = 0
        self.passed = 0

    def check(self, cond, what, detail=""):
        if cond:
            self.passed += 1
            print(f"  ok    {what}")
        else:
            self.failed += 1
            print(f"  FAIL  {what}{': ' + detail if detail else ''}")
        return cond

    def section(self, title):
        print(f"== {title}")


R = Report()


# ---------------------------------------------------------------------------------------------------
# the settings table of docs/conventions.md
def convention_vars():
    text = (ROOT / "docs" / "conventions.md").read_text()
    m = re.search(r"^## Configuration.*?(?=^## |\Z)", text, re.S | re.M)
    section = m.group(0) if m else ""
    return sorted(set(re.findall(r"`((?:BERRYS|SERVER)_[A-Z0-9_]+)`", section)))


def expected_env(module, all_vars):
    """Which of the table's variables a module gets (the table's 'used by' column)."""
    common = {"SERVER_PORT", "BERRYS_JWKS_URI", "BERRYS_ISSUER_URI", "BERRYS_TOKEN_ISSUER",
              "BERRYS_LOG_FORMAT", "BERRYS_GATEWAY_URL"}
    if module == "web-dashboard":
        want = common
    else:
        want = set(all_vars) - {"BERRYS_ADMIN_PASSWORD", "BERRYS_ENCRYPTION_KEY"}
        if module == "api-gateway":
            want.add("BERRYS_ADMIN_PASSWORD")
        if module in ("api-gateway", "model-orchestration", "tool-integration"):
            want.add("BERRYS_ENCRYPTION_KEY")
    return want & set(all_vars) | {"SERVER_PORT"}


# ---------------------------------------------------------------------------------------------------
# Helm renderings
def load_docs(path):
    return [d for d in yaml.safe_load_all(pathlib.Path(path).read_text()) if isinstance(d, dict)]


def labels_match(selector, labels):
    return bool(selector) and all(labels.get(k) == v for k, v in selector.items())


def module_of(obj):
    return (obj.get("metadata", {}).get("labels") or {}).get("app.kubernetes.io/component")


def check_workload(kind, w):
    name = w["metadata"]["name"]
    pod = w["spec"]["template"]["spec"]
    psc = pod.get("securityContext") or {}
    R.check(pod.get("automountServiceAccountToken") is False, f"{kind} {name}: no service-account token mounted")
    for c in pod.get("containers", []) + pod.get("initContainers", []):
        cn = f"{kind} {name}/{c['name']}"
        R.check(bool(c.get("livenessProbe")), f"{cn}: liveness probe")
        R.check(bool(c.get("readinessProbe")), f"{cn}: readiness probe")
        res = c.get("resources") or {}
        req, lim = res.get("requests") or {}, res.get("limits") or {}
        R.check(all(k in req for k in ("cpu", "memory")) and all(k in lim for k in ("cpu", "memory")),
                f"{cn}: cpu and memory requests and limits", json.dumps(res))
        sc = c.get("securityContext") or {}
        non_root = sc.get("runAsNonRoot", psc.get("runAsNonRoot")) is True
        uid = sc.get("runAsUser", psc.get("runAsUser"))
        R.check(non_root and uid not in (0, None), f"{cn}: runAsNonRoot with a non-zero runAsUser")
        R.check(sc.get("readOnlyRootFilesystem") is True, f"{cn}: readOnlyRootFilesystem")
        R.check(sc.get("allowPrivilegeEscalation") is False, f"{cn}: allowPrivilegeEscalation false")
        R.check("ALL" in ((sc.get("capabilities") or {}).get("drop") or []), f"{cn}: capabilities drop ALL")
        seccomp = (sc.get("seccompProfile") or psc.get("seccompProfile") or {}).get("type")
        R.check(seccomp == "RuntimeDefault", f"{cn}: seccomp RuntimeDefault")
        mounts = {m["mountPath"] for m in (c.get("volumeMounts") or [])}
        R.check("/tmp" in mounts, f"{cn}: writable /tmp mounted (read-only root filesystem)")
        for e in (c.get("env") or []):
            if e.get("name") in SECRET_ENV or (SECRET_LOOKING.search(e.get("name", "")) and e.get("name") not in NOT_SECRET):
                R.check("value" not in e or e["value"] == "", f"{cn}: {e['name']} comes from a Secret, not a literal")


def check_rendering(label, path, trial):
    R.section(f"helm template: {label}")
    docs = load_docs(path)
    by_kind = {}
    for d in docs:
        by_kind.setdefault(d["kind"], []).append(d)
    deployments = by_kind.get("Deployment", [])
    mods = {module_of(d): d for d in deployments}
    R.check(set(mods) == set(SERVICES), "a Deployment per service", f"got {sorted(map(str, mods))}")

    secrets = {s["metadata"]["name"]: s for s in by_kind.get("Secret", [])}
    configmaps = {c["metadata"]["name"]: c for c in by_kind.get("ConfigMap", [])}
    services = by_kind.get("Service", [])
    accounts = {s["metadata"]["name"] for s in by_kind.get("ServiceAccount", [])}
    policies = by_kind.get("NetworkPolicy", [])
    all_vars = convention_vars()

    for kind in ("Deployment", "StatefulSet"):
        for w in by_kind.get(kind, []):
            check_workload(kind, w)

    for module, d in sorted(mods.items()):
        if module is None:
            continue
        pod = d["spec"]["template"]["spec"]
        labels = d["spec"]["template"]["metadata"]["labels"]
        c = pod["containers"][0]
        port = SERVICES[module]
        R.check(c["livenessProbe"].get("httpGet", {}).get("path") == "/actuator/health/liveness"
                and c["readinessProbe"].get("httpGet", {}).get("path") == "/actuator/health/readiness",
                f"{module}: probes on /actuator/health/liveness and /readiness")
        R.check(pod.get("serviceAccountName") in accounts, f"{module}: its own ServiceAccount")
        R.check(any(labels_match(s["spec"].get("selector"), labels) and any(p["port"] == port for p in s["spec"]["ports"])
                    for s in services), f"{module}: a Service on port {port}")
        # environment: ConfigMap keys + env names
        names = {e["name"] for e in (c.get("env") or [])}
        cm_names = [r["configMapRef"]["name"] for r in (c.get("envFrom") or []) if "configMapRef" in r]
        for cm in cm_names:
            R.check(cm in configmaps, f"{module}: ConfigMap {cm} exists")
            names |= set((configmaps.get(cm, {}).get("data") or {}))
        cm_data = {}
        for cm in cm_names:
            cm_data.update(configmaps.get(cm, {}).get("data") or {})
        R.check(cm_data.get("SERVER_PORT") == str(port), f"{module}: SERVER_PORT={port}")
        missing = expected_env(module, all_vars) - names
        R.check(not missing, f"{module}: every conventions.md setting it uses is set", f"missing {sorted(missing)}")
        for e in (c.get("env") or []):
            ref = (e.get("valueFrom") or {}).get("secretKeyRef")
            if ref and ref["name"] in secrets:
                R.check(ref["key"] in (secrets[ref["name"]].get("data") or {}),
                        f"{module}: {e['name']} -> Secret {ref['name']} key {ref['key']} exists")
        # a NetworkPolicy for it; only the gateway's admits peers outside the release
        mine = [p for p in policies if labels_match(p["spec"]["podSelector"].get("matchLabels"), labels)]
        if R.check(bool(mine), f"{module}: a NetworkPolicy selects it"):
            types = set(mine[0]["spec"].get("policyTypes", []))
            R.check({"Ingress", "Egress"} <= types, f"{module}: NetworkPolicy restricts ingress and egress")
            rules = [r for p in mine for r in p["spec"].get("ingress", [])]
            open_rules = [r for r in rules if not r.get("from")]

            def admits(other):
                pod_labels = mods[other]["spec"]["template"]["metadata"]["labels"]
                return bool(open_rules) or any(
                    labels_match((f.get("podSelector") or {}).get("matchLabels"), pod_labels)
                    and not f.get("namespaceSelector") for r in rules for f in r.get("from", []))
            if module != "api-gateway":
                R.check(not open_rules, f"{module}: takes traffic only from listed peers (not from outside)")
                R.check("api-gateway" in mods and admits("api-gateway"), f"{module}: accepts the gateway")
            others = [m for m in mods if m not in (module, None, "web-dashboard")]
            R.check(all(admits(m) for m in others), f"{module}: accepts the other services")

    # secrets are not in ConfigMaps
    for name, cm in configmaps.items():
        for k, v in (cm.get("data") or {}).items():
            if SECRET_LOOKING.search(k) and k not in NOT_SECRET and not k.endswith((".json", ".sql")):
                R.check(False, f"ConfigMap {name}: secret-looking key {k} holds a value", repr(v)[:40])
    R.check(True, "no secret-looking key (PASSWORD, SECRET, KEY, TOKEN) in any ConfigMap")
    cred = [s for s in secrets.values() if s["metadata"]["name"].endswith("-credentials")]
    if R.check(len(cred) == 1, "credentials Secret rendered"):
        keys = set(cred[0].get("data") or {})
        want = {"db-password", "redis-password", "admin-password", "service-client-secret", "encryption-key"}
        R.check(want <= keys, "credentials Secret has every key", f"missing {sorted(want - keys)}")
        import base64
        key = base64.b64decode(base64.b64decode(cred[0]["data"]["encryption-key"]))
        R.check(len(key) == 32, "generated encryption key is base64 of 32 bytes", f"{len(key)} bytes")

    # scaling
    hpas = by_kind.get("HorizontalPodAutoscaler", [])
    for h in hpas:
        tgt = h["spec"]["scaleTargetRef"]["name"]
        R.check(any(d["metadata"]["name"] == tgt for d in deployments), f"HPA {h['metadata']['name']} targets a Deployment")
        R.check("replicas" not in next((d["spec"] for d in deployments if d["metadata"]["name"] == tgt), {}),
                f"HPA {h['metadata']['name']}: its Deployment leaves replicas to the HPA")
    for p in by_kind.get("PodDisruptionBudget", []):
        R.check(any(labels_match(p["spec"]["selector"]["matchLabels"], d["spec"]["template"]["metadata"]["labels"])
                    for d in deployments), f"PDB {p['metadata']['name']} selects a Deployment")
    if trial:
        R.check(not hpas, "trial: no HPA")
        stores = {module_of(s) for s in by_kind.get("StatefulSet", [])}
        R.check(stores == {"postgresql", "redis"}, "trial: bundled PostgreSQL and Redis StatefulSets", f"{stores}")
        for store in ("postgresql", "redis"):
            sts = [s for s in by_kind.get("StatefulSet", []) if module_of(s) == store]
            if sts:
                lab = sts[0]["spec"]["template"]["metadata"]["labels"]
                R.check(any(labels_match(p["spec"]["podSelector"].get("matchLabels"), lab) for p in policies),
                        f"trial: NetworkPolicy for the bundled {store}")
        url = next((c["data"].get("BERRYS_DB_URL") for c in configmaps.values()
                    if module_of(c) == "project-coordinator"), "")
        R.check("-postgresql:5432/" in url, "trial: services use the bundled PostgreSQL", url)
    else:
        R.check(not by_kind.get("StatefulSet"), "default: no bundled data stores (external PostgreSQL and Redis)")
        R.check(len(hpas) >= 1, "default: HPAs for the services that scale", f"{len(hpas)}")
        R.check(len(by_kind.get("PodDisruptionBudget", [])) >= 1, "default: PDBs for the services that scale")

    ing = by_kind.get("Ingress", [])
    if ing:
        backends = {p["backend"]["service"]["name"] for r in ing[0]["spec"]["rules"] for p in r["http"]["paths"]}
        gw_svc = [s["metadata"]["name"] for s in services if module_of(s) == "api-gateway"]
        R.check(backends == set(gw_svc), "Ingress routes to the gateway only", f"{backends}")
    R.check(len(ing) <= 1, "at most one Ingress (the gateway's)")
    dash = [c for c in configmaps.values() if (c["metadata"].get("labels") or {}).get("grafana_dashboard")]
    if dash:
        files = dash[0].get("data") or {}
        ok = all(json.loads(v).get("uid") for v in files.values())
        R.check(len(files) >= 4 and ok, f"Grafana dashboards ConfigMap ({len(files)} dashboards, valid JSON)")
    for sm in by_kind.get("ServiceMonitor", []):
        eps = sm["spec"]["endpoints"]
        R.check(all(e.get("path") == "/actuator/prometheus" for e in eps), "ServiceMonitor scrapes /actuator/prometheus")
        sel = sm["spec"]["selector"]["matchLabels"]
        R.check(sum(1 for s in services if labels_match(sel, s["metadata"]["labels"])) == len(SERVICES),
                "ServiceMonitor selects the eight services")


def canary(path, values):
    R.section("helm template: credentials stay in Secrets")
    docs = load_docs(path)
    for d in docs:
        if d["kind"] == "Secret":
            continue
        text = yaml.safe_dump(d)
        for v in values:
            R.check(v not in text, f"{d['kind']} {d['metadata']['name']}: no credential value in it") if v in text else None
    R.check(True, f"none of {len(values)} credential values appears outside a Secret ({len(docs)} objects)")


# ---------------------------------------------------------------------------------------------------
# docker-compose.yml
INTERP = re.compile(r"\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])((?:[^{}]|\{[^{}]*\})*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)")


def interpolate(value, env):
    """Compose interpolation: $$, ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?err}, $VAR."""
    if isinstance(value, dict):
        return {k: interpolate(v, env) for k, v in value.items()}
    if isinstance(value, list):
        return [interpolate(v, env) for v in value]
    if not isinstance(value, str):
        return value

    def sub(m):
        if m.group(0) == "$$":
            return "$"
        name = m.group(1) or m.group(4)
        op, arg = m.group(2), m.group(3) or ""
        val = env.get(name)
        if op in (":-", "-"):
            return val if (val if op == ":-" else val is not None) else interpolate(arg, env)
        if op in (":?", "?"):
            if not val:
                raise ValueError(f"required variable {name}: {arg}")
            return val
        if op in (":+", "+"):
            return interpolate(arg, env) if val else ""
        return val or ""
    return INTERP.sub(sub, value)


def compose(schema_path=None):
    R.section("docker-compose.yml")
    path = ROOT / "docker-compose.yml"
    raw = yaml.safe_load(path.read_text())
    all_vars = convention_vars()
    R.check(len(all_vars) >= 20, f"read {len(all_vars)} settings from docs/conventions.md")
    # credentials have no default: compose must refuse to start without them
    required = {"BERRYS_DB_PASSWORD", "BERRYS_SERVICE_CLIENT_SECRET", "BERRYS_ENCRYPTION_KEY"}
    for name in sorted(required):
        try:
            interpolate(raw, {n: "set" for n in required - {name}})
            R.check(False, f"compose refuses to start without {name}")
        except ValueError:
            R.check(True, f"compose refuses to start without {name}")
    env = {n: "set" for n in required}  # with those set, the defaults must make a complete file
    data = interpolate(raw, env)
    svcs = data.get("services", {})
    rsvcs = raw.get("services", {})

    want = set(SERVICES) | {"postgres", "redis", "prometheus", "grafana"}
    R.check(want <= set(svcs), "PostgreSQL, Redis, the eight services, Prometheus and Grafana", f"missing {sorted(want - set(svcs))}")
    for name, s in svcs.items():
        hc = s.get("healthcheck") or {}
        R.check(bool(hc.get("test")) and not hc.get("disable"), f"{name}: healthcheck")
        for dep, cond in (s.get("depends_on") or {}).items() if isinstance(s.get("depends_on"), dict) else []:
            R.check(dep in svcs, f"{name}: depends on existing service {dep}")
            R.check(cond.get("condition") == "service_healthy" and (svcs.get(dep) or {}).get("healthcheck"),
                    f"{name}: waits for {dep} to be healthy")
        if isinstance(s.get("depends_on"), list):
            R.check(False, f"{name}: depends_on without conditions")
        published = s.get("ports") or []
        if name in ("api-gateway", "grafana", "prometheus"):
            R.check(bool(published), f"{name}: published to the host")
        else:
            R.check(not published, f"{name}: not published to the host", f"{published}")
    # cycles
    graph = {n: set((s.get("depends_on") or {})) for n, s in svcs.items()}
    seen, stack = set(), set()

    def cyclic(n):
        if n in stack:
            return True
        if n in seen:
            return False
        seen.add(n)
        stack.add(n)
        r = any(cyclic(m) for m in graph.get(n, ()))
        stack.discard(n)
        return r
    R.check(not any(cyclic(n) for n in graph), "depends_on has no cycle")
    R.check(graph.get("api-gateway", set()) >= {"postgres", "redis"}, "gateway starts after PostgreSQL and Redis")

    for module, port in SERVICES.items():
        s, r = svcs.get(module) or {}, rsvcs.get(module) or {}
        R.check(r.get("image") == f"berrys/{module}:${{BERRYS_VERSION:-latest}}",
                f"{module}: image berrys/{module}:${{BERRYS_VERSION:-latest}}", r.get("image"))
        b = s.get("build") or {}
        args = b.get("args") or {}
        R.check(b.get("dockerfile") == "deploy/docker/Dockerfile" and b.get("context") == "."
                and args.get("MODULE") == module and str(args.get("PORT")) == str(port),
                f"{module}: built from deploy/docker/Dockerfile with MODULE={module} PORT={port}")
        renv = r.get("environment") or {}
        R.check(isinstance(renv, dict), f"{module}: environment is a map")
        R.check(str((s.get("environment") or {}).get("SERVER_PORT")) == str(port), f"{module}: SERVER_PORT={port}")
        missing = expected_env(module, all_vars) - set(renv)
        R.check(not missing, f"{module}: every conventions.md setting it uses is passed", f"missing {sorted(missing)}")
        wrong = [k for k, v in renv.items() if k.startswith("BERRYS_")
                 and not re.fullmatch(r"\$\{" + re.escape(k) + r"(:-[^}]*|:\?[^}]*)?\}", str(v))]
        R.check(not wrong, f"{module}: each BERRYS_* is passed through as ${{VAR:-default}} or ${{VAR:?why}}",
                f"{wrong}")
        test = " ".join(map(str, (s.get("healthcheck") or {}).get("test", [])))
        R.check("/actuator/health/readiness" in test, f"{module}: healthcheck on /actuator/health/readiness")
        deps = s.get("depends_on") or {}
        if module in BACKENDS:
            R.check({"postgres", "redis"} <= set(deps), f"{module}: waits for PostgreSQL and Redis")
    # every table setting appears somewhere
    everywhere = set()
    for s in rsvcs.values():
        if isinstance(s.get("environment"), dict):
            everywhere |= set(s["environment"])
    missing = set(all_vars) - everywhere
    R.check(not missing, "every setting of docs/conventions.md is passed to some service", f"missing {sorted(missing)}")

    # mounted files exist, Prometheus scrapes every service
    for name, s in svcs.items():
        for v in s.get("volumes") or []:
            src = v.split(":")[0] if isinstance(v, str) else v.get("source", "")
            if src.startswith("./"):
                R.check((ROOT / src).exists(), f"{name}: mounted {src} exists")
    prom = yaml.safe_load((ROOT / "deploy/prometheus/prometheus.yml").read_text())
    targets = {}
    for job in prom.get("scrape_configs", []):
        for sc in job.get("static_configs", []):
            for t in sc.get("targets", []):
                targets[t] = (job.get("metrics_path", "/metrics"), (sc.get("labels") or {}).get("service"))
    for module, port in SERVICES.items():
        R.check(targets.get(f"{module}:{port}") == ("/actuator/prometheus", module),
                f"prometheus scrapes {module}:{port}/actuator/prometheus with service={module}")
    for f in (ROOT / "deploy/prometheus/rules").glob("*.yml"):
        rules = yaml.safe_load(f.read_text())
        R.check(all(r.get("expr") for g in rules["groups"] for r in g["rules"]), f"prometheus rules {f.name} parse")
    ds = yaml.safe_load((ROOT / "deploy/grafana/provisioning/datasources/prometheus.yml").read_text())
    R.check(ds["datasources"][0]["url"] == "http://prometheus:9090", "grafana datasource points at prometheus")
    dashboards = sorted((ROOT / "deploy/grafana/dashboards").glob("*.json"))
    text = "".join(p.read_text() for p in dashboards)
    R.check(len(dashboards) >= 4 and all(json.loads(p.read_text()).get("uid") for p in dashboards),
            f"{len(dashboards)} Grafana dashboards (valid JSON)")
    readme = (ROOT / "deploy/README.md").read_text() if (ROOT / "deploy/README.md").exists() else ""
    for metric in ("http_server_requests_seconds", "berrys_events_published_total", "berrys_events_consumed_total",
                   "berrys_events_dead_lettered_total", "berrys_outbox_pending", "berrys_consumer_lag_seconds",
                   "berrys_projects", "berrys_tasks", "berrys_model_calls_total", "berrys_model_tokens_total",
                   "berrys_model_cost_usd_total"):
        R.check(metric in text and metric in readme, f"metric {metric}: on a dashboard and listed in deploy/README.md")

    # the compose-spec JSON schema, when it and jsonschema are at hand
    if schema_path and os.path.exists(schema_path):
        try:
            import jsonschema
        except ImportError:
            print("  skip  compose-spec schema: python jsonschema not installed")
            return
        schema = json.loads(pathlib.Path(schema_path).read_text())
        doc = dict(data)
        doc.pop("name", None)  # newer than the schema's compose-spec version
        for s in doc.get("services", {}).values():  # port numbers and durations as compose normalises them
            if isinstance(s.get("healthcheck"), dict):
                s["healthcheck"] = {k: v for k, v in s["healthcheck"].items()}
        errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(doc), key=lambda e: list(e.path))
        R.check(not errors, "docker-compose.yml validates against the compose-spec JSON schema",
                "; ".join(f"{'/'.join(map(str, e.path))}: {e.message[:120]}" for e in errors[:5]))
    else:
        print("  skip  compose-spec schema: not available")


def main(argv):
    cmd = argv[1] if len(argv) > 1 else ""
    if cmd == "manifests":
        for arg in argv[2:]:
            label, path = arg.split("=", 1)
            check_rendering(label, path, trial="trial" in label)
    elif cmd == "canary":
        canary(argv[2], argv[3:])
    elif cmd == "compose":
        compose(argv[2] if len(argv) > 2 else None)
    else:
        sys.exit(__doc__)
    print(f"{cmd}: {R.passed} passed, {R.failed} failed")
    return 1 if R.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
