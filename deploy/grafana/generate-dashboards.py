#!/usr/bin/env python3
"""Generates the Berrys Grafana dashboards.

One source for two copies: deploy/grafana/dashboards/ (provisioned by docker-compose.yml) and
deploy/helm/berrys/dashboards/ (the chart's dashboards ConfigMap; Helm reads only files inside the
chart). Edit this file, then run it; `--check` (used by deploy/check.sh) fails when a copy is stale.

The metric names are the contract listed in deploy/README.md ("Metrics the dashboards read").
"""
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT_DIRS = [ROOT / "grafana" / "dashboards", ROOT / "helm" / "berrys" / "dashboards"]
DS = {"type": "prometheus", "uid": "${datasource}"}
SVC = 'service=~"$service"'


def target(expr, legend, ref="A"):
    return {"datasource": DS, "expr": expr, "legendFormat": legend, "refId": ref, "range": True}


class Layout:
    def __init__(self):
        self.y = 0
        self.x = 0
        self.next_id = 1
        self.panels = []

    def row(self, title):
        if self.x:
            self.y += 8
            self.x = 0
        self.panels.append({"type": "row", "title": title, "id": self._id(), "collapsed": False,
                            "gridPos": {"h": 1, "w": 24, "x": 0, "y": self.y}, "panels": []})
        self.y += 1

    def _id(self):
        i = self.next_id
        self.next_id += 1
        return i

    def add(self, panel, w=12, h=8):
        if self.x + w > 24:
            self.x = 0
            self.y += h
        panel["id"] = self._id()
        panel["gridPos"] = {"h": h, "w": w, "x": self.x, "y": self.y}
        self.panels.append(panel)
        self.x += w
        if self.x >= 24:
            self.x = 0
            self.y += h


def timeseries(title, targets, unit="short", stack=False, description=""):
    return {
        "type": "timeseries", "title": title, "description": description, "datasource": DS,
        "targets": [target(e, l, chr(ord("A") + i)) for i, (e, l) in enumerate(targets)],
        "fieldConfig": {"defaults": {"unit": unit, "custom": {
            "drawStyle": "line", "lineWidth": 1, "fillOpacity": 20 if stack else 0,
            "stacking": {"mode": "normal" if stack else "none", "group": "A"}}}, "overrides": []},
        "options": {"legend": {"displayMode": "table", "placement": "bottom", "calcs": ["lastNotNull", "max"]},
                    "tooltip": {"mode": "multi", "sort": "desc"}},
    }


def stat(title, expr, unit="short", legend="", description=""):
    return {
        "type": "stat", "title": title, "description": description, "datasource": DS,
        "targets": [target(expr, legend)],
        "fieldConfig": {"defaults": {"unit": unit}, "overrides": []},
        "options": {"reduceOptions": {"calcs": ["lastNotNull"], "fields": "", "values": False},
                    "colorMode": "value", "graphMode": "area", "textMode": "auto"},
    }


def bargauge(title, expr, legend, unit="short"):
    return {
        "type": "bargauge", "title": title, "datasource": DS, "targets": [target(expr, legend)],
        "fieldConfig": {"defaults": {"unit": unit, "min": 0}, "overrides": []},
        "options": {"orientation": "horizontal", "displayMode": "gradient",
                    "reduceOptions": {"calcs": ["lastNotNull"], "fields": "", "values": False}},
    }


def variables(extra=()):
    v = [
        {"name": "datasource", "label": "Data source", "type": "datasource", "query": "prometheus",
         "current": {}, "hide": 0, "refresh": 1, "regex": "", "options": []},
        {"name": "service", "label": "Service", "type": "query", "datasource": DS,
         "query": {"query": "label_values(http_server_requests_seconds_count, service)", "refId": "service"},
         "definition": "label_values(http_server_requests_seconds_count, service)",
         "includeAll": True, "multi": True, "allValue": ".*", "current": {"text": "All", "value": "$__all"},
         "refresh": 2, "sort": 1, "hide": 0, "options": [], "regex": ""},
    ]
    v.extend(extra)
    return {"list": v}


def label_var(name, label, metric):
    q = f"label_values({metric}, {name})"
    return {"name": name, "label": label, "type": "query", "datasource": DS,
            "query": {"query": q, "refId": name}, "definition": q, "includeAll": True, "multi": True,
            "allValue": ".*", "current": {"text": "All", "value": "$__all"}, "refresh": 2, "sort": 1,
            "hide": 0, "options": [], "regex": ""}


def dashboard(uid, title, description, layout, templating, tags=()):
    return {
        "uid": uid, "title": title, "description": description, "tags": ["berrys", *tags],
        "editable": False, "graphTooltip": 1, "schemaVersion": 39, "version": 1, "refresh": "30s",
        "time": {"from": "now-1h", "to": "now"}, "timezone": "utc", "panels": layout.panels,
        "templating": templating, "annotations": {"list": []},
        "links": [{"title": "Berrys", "type": "dashboards", "tags": ["berrys"], "asDropdown": True}],
    }


def overview():
    L = Layout()
    http = f'http_server_requests_seconds_count{{{SVC}, uri!~"/actuator.*"}}'
    L.row("Services")
    L.add(stat("Services up", f'sum(up{{{SVC}}})', description="Targets answering /actuator/prometheus"), w=6, h=4)
    L.add(stat("Requests / s", f"sum(rate({http}[$__rate_interval]))", "reqps"), w=6, h=4)
    L.add(stat("5xx ratio", f'sum(rate(http_server_requests_seconds_count{{{SVC}, uri!~"/actuator.*", status=~"5.."}}[$__rate_interval])) / clamp_min(sum(rate({http}[$__rate_interval])), 1e-9)', "percentunit"), w=6, h=4)
    L.add(stat("p95 latency", f'histogram_quantile(0.95, sum by (le) (rate(http_server_requests_seconds_bucket{{{SVC}, uri!~"/actuator.*"}}[$__rate_interval])))', "s"), w=6, h=4)
    L.row("Requests, errors and latency per service")
    L.add(timeseries("Request rate by service", [(f"sum by (service) (rate({http}[$__rate_interval]))", "{{service}}")], "reqps"))
    L.add(timeseries("Errors by service (4xx, 5xx)", [
        (f'sum by (service) (rate(http_server_requests_seconds_count{{{SVC}, uri!~"/actuator.*", status=~"5.."}}[$__rate_interval]))', "{{service}} 5xx"),
        (f'sum by (service) (rate(http_server_requests_seconds_count{{{SVC}, uri!~"/actuator.*", status=~"4.."}}[$__rate_interval]))', "{{service}} 4xx"),
    ], "reqps"))
    L.add(timeseries("Error ratio (5xx) by service", [
        (f'sum by (service) (rate(http_server_requests_seconds_count{{{SVC}, uri!~"/actuator.*", status=~"5.."}}[$__rate_interval])) / clamp_min(sum by (service) (rate({http}[$__rate_interval])), 1e-9)', "{{service}}")], "percentunit"))
    L.add(timeseries("Latency p50 / p95 / p99 by service", [
        (f'histogram_quantile(0.5, sum by (le, service) (rate(http_server_requests_seconds_bucket{{{SVC}, uri!~"/actuator.*"}}[$__rate_interval])))', "{{service}} p50"),
        (f'histogram_quantile(0.95, sum by (le, service) (rate(http_server_requests_seconds_bucket{{{SVC}, uri!~"/actuator.*"}}[$__rate_interval])))', "{{service}} p95"),
        (f'histogram_quantile(0.99, sum by (le, service) (rate(http_server_requests_seconds_bucket{{{SVC}, uri!~"/actuator.*"}}[$__rate_interval])))', "{{service}} p99"),
    ], "s", description="Needs management.metrics.distribution.percentiles-histogram.http.server.requests=true"))
    L.add(timeseries("Mean latency by service", [
        (f'sum by (service) (rate(http_server_requests_seconds_sum{{{SVC}, uri!~"/actuator.*"}}[$__rate_interval])) / clamp_min(sum by (service) (rate({http}[$__rate_interval])), 1e-9)', "{{service}}")], "s"))
    L.add(timeseries("Slowest endpoints (mean)", [
        (f'topk(10, sum by (service, method, uri) (rate(http_server_requests_seconds_sum{{{SVC}, uri!~"/actuator.*"}}[$__rate_interval])) / clamp_min(sum by (service, method, uri) (rate({http}[$__rate_interval])), 1e-9))', "{{service}} {{method}} {{uri}}")], "s"))
    L.row("JVM")
    L.add(timeseries("Heap used by service", [(f'sum by (service) (jvm_memory_used_bytes{{{SVC}, area="heap"}})', "{{service}}")], "bytes"))
    L.add(timeseries("CPU by service", [(f"max by (service) (process_cpu_usage{{{SVC}}})", "{{service}}")], "percentunit"))
    return dashboard("berrys-overview", "Berrys / Services", "Request rate, errors and latency per service", L, variables())


def events():
    L = Layout()
    L.row("Event bus")
    L.add(stat("Published / s", f"sum(rate(berrys_events_published_total{{{SVC}}}[$__rate_interval]))", "ops"), w=6, h=4)
    L.add(stat("Consumed / s", f"sum(rate(berrys_events_consumed_total{{{SVC}}}[$__rate_interval]))", "ops"), w=6, h=4)
    L.add(stat("Dead letters (range)", f"sum(increase(berrys_events_dead_lettered_total{{{SVC}}}[$__range]))"), w=6, h=4)
    L.add(stat("Outbox pending", f"sum(berrys_outbox_pending{{{SVC}}})"), w=6, h=4)
    L.add(timeseries("Events published by service", [(f"sum by (service) (rate(berrys_events_published_total{{{SVC}}}[$__rate_interval]))", "{{service}}")], "ops"))
    L.add(timeseries("Events consumed by service", [(f"sum by (service) (rate(berrys_events_consumed_total{{{SVC}}}[$__rate_interval]))", "{{service}}")], "ops"))
    L.add(timeseries("Consumer lag by service", [(f"max by (service) (berrys_consumer_lag_seconds{{{SVC}}})", "{{service}}")], "s",
                     description="Age of the oldest event a consumer group has not yet processed"))
    L.add(timeseries("Outbox pending by service", [(f"sum by (service) (berrys_outbox_pending{{{SVC}}})", "{{service}}")]))
    L.add(timeseries("Dead-lettered events by service", [(f"sum by (service) (increase(berrys_events_dead_lettered_total{{{SVC}}}[$__rate_interval]))", "{{service}}")], stack=True))
    L.add(timeseries("Events published by type", [(f"sum by (type) (rate(berrys_events_published_total{{{SVC}}}[$__rate_interval]))", "{{type}}")], "ops", stack=True))
    return dashboard("berrys-events", "Berrys / Event bus", "Published and consumed events, consumer lag, outbox and dead letters", L, variables(), ["events"])


def work():
    L = Layout()
    L.row("Projects")
    L.add(bargauge("Projects by status", "sum by (status) (max without (instance, pod, namespace, endpoint, container) (berrys_projects))", "{{status}}"), w=8)
    L.add(timeseries("Projects by status", [("sum by (status) (max without (instance, pod, namespace, endpoint, container) (berrys_projects))", "{{status}}")], stack=True), w=16)
    L.row("Tasks")
    L.add(bargauge("Tasks by status", "sum by (status) (max without (instance, pod, namespace, endpoint, container) (berrys_tasks))", "{{status}}"), w=8)
    L.add(timeseries("Tasks by status", [("sum by (status) (max without (instance, pod, namespace, endpoint, container) (berrys_tasks))", "{{status}}")], stack=True), w=16)
    return dashboard("berrys-work", "Berrys / Projects and tasks", "Projects and tasks by status", L, {"list": variables()["list"][:1]}, ["projects"])


def models():
    L = Layout()
    sel = 'provider=~"$provider", model=~"$model"'
    L.row("Model calls")
    L.add(stat("Calls / s", f"sum(rate(berrys_model_calls_total{{{sel}}}[$__rate_interval]))", "ops"), w=6, h=4)
    L.add(stat("Failed calls (range)", f'sum(increase(berrys_model_calls_total{{{sel}, outcome!="success"}}[$__range]))'), w=6, h=4)
    L.add(stat("Tokens (range)", f"sum(increase(berrys_model_tokens_total{{{sel}}}[$__range]))"), w=6, h=4)
    L.add(stat("Cost (range)", f"sum(increase(berrys_model_cost_usd_total{{{sel}}}[$__range]))", "currencyUSD"), w=6, h=4)
    L.add(timeseries("Calls by provider and model", [(f"sum by (provider, model) (rate(berrys_model_calls_total{{{sel}}}[$__rate_interval]))", "{{provider}} / {{model}}")], "ops"))
    L.add(timeseries("Calls by outcome", [(f"sum by (provider, outcome) (rate(berrys_model_calls_total{{{sel}}}[$__rate_interval]))", "{{provider}} {{outcome}}")], "ops", stack=True))
    L.row("Tokens and cost")
    L.add(timeseries("Tokens by model and direction", [(f"sum by (provider, model, direction) (rate(berrys_model_tokens_total{{{sel}}}[$__rate_interval]))", "{{model}} {{direction}}")], "short", stack=True))
    L.add(timeseries("Cost rate by provider and model (USD / hour)", [(f"sum by (provider, model) (rate(berrys_model_cost_usd_total{{{sel}}}[$__rate_interval])) * 3600", "{{provider}} / {{model}}")], "currencyUSD"))
    L.add(bargauge("Cost in range by model", f"sum by (provider, model) (increase(berrys_model_cost_usd_total{{{sel}}}[$__range]))", "{{provider}} / {{model}}", "currencyUSD"), w=12)
    L.add(bargauge("Tokens in range by model", f"sum by (provider, model) (increase(berrys_model_tokens_total{{{sel}}}[$__range]))", "{{provider}} / {{model}}"), w=12)
    tmpl = {"list": [variables()["list"][0], label_var("provider", "Provider", "berrys_model_calls_total"),
                     label_var("model", "Model", "berrys_model_calls_total")]}
    return dashboard("berrys-models", "Berrys / Models", "Model calls, tokens and cost by provider and model", L, tmpl, ["models"])


def render():
    return {f"{d['uid']}.json": json.dumps(d, indent=2, sort_keys=True) + "\n"
            for d in (overview(), events(), work(), models())}


def main():
    check = "--check" in sys.argv[1:]
    files = render()
    stale = []
    for out in OUT_DIRS:
        out.mkdir(parents=True, exist_ok=True)
        present = {p.name for p in out.glob("*.json")}
        for name, text in files.items():
            path = out / name
            if check:
                if not path.exists() or path.read_text() != text:
                    stale.append(str(path))
            else:
                path.write_text(text)
        for extra in sorted(present - files.keys()):
            if check:
                stale.append(f"{out / extra} (not generated)")
            else:
                (out / extra).unlink()
    if stale:
        print("dashboards out of date, run deploy/grafana/generate-dashboards.py:\n  " + "\n  ".join(stale))
        return 1
    print(("dashboards up to date: " if check else "wrote: ") + ", ".join(sorted(files)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
