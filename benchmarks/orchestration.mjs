#!/usr/bin/env node
// Orchestration overhead and concurrency against a running stack (see benchmarks/README.md).
//   node benchmarks/orchestration.mjs <tasks> [runs]   (BERRYS_URL, BERRYS_USER, BERRYS_PASSWORD)
//   BENCH_GOAL="<goal>" node benchmarks/orchestration.mjs 0 [runs]   (that goal, as the planner plans it)
// Submits a goal whose simulated plan has <tasks> independent tasks and reports, per run: total wall time
// (start → COMPLETED), the execution window (first task started → last task completed) and the platform
// time per task (window minus the simulated latency, divided by the task count).
const base = process.env.BERRYS_URL ?? 'http://127.0.0.1:8080';
const tasks = Number(process.argv[2] ?? 200);
const runs = Number(process.argv[3] ?? 3);
const latencyMs = Number(process.env.BERRYS_SIMULATED_LATENCY_MS ?? 0);
const goal = process.env.BENCH_GOAL;
// CPU the services spend per run (robust to other load on the machine, unlike the wall time): their pids
import { readFileSync } from 'node:fs';
const pids = (process.env.BENCH_PIDS ?? '').split(/\s+/).filter(Boolean);
const ticksPerSecond = 100; // CLK_TCK on Linux
function cpuMs() {
  let ticks = 0;
  for (const pid of pids) {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    ticks += Number(f[11]) + Number(f[12]); // utime, stime (fields 14 and 15)
  }
  return ticks * 1000 / ticksPerSecond;
}

async function call(method, path, body, token) {
  const res = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

const { access_token: token } = await call('POST', '/api/auth/token', {
  username: process.env.BERRYS_USER ?? 'admin', password: process.env.BERRYS_PASSWORD,
});

const results = [];
for (let run = 0; run < runs; run++) {
  const p = await call('POST', '/api/projects', { name: `bench ${tasks}`, goal: goal ?? `Benchmark run ${run} [tasks=${tasks}]` }, token);
  const t0 = Date.now();
  const cpu0 = cpuMs();
  await call('POST', `/api/projects/${p.id}/start`, undefined, token);
  let project;
  for (;;) {
    project = await call('GET', `/api/projects/${p.id}`, undefined, token);
    if (['COMPLETED', 'FAILED', 'CANCELLED'].includes(project.status)) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const wall = Date.now() - t0;
  const cpu = cpuMs() - cpu0;
  if (project.status !== 'COMPLETED') throw new Error(`run ${run} ended ${project.status}: ${project.statusReason}`);
  const page = await call('GET', `/api/tasks?projectId=${p.id}&size=500`, undefined, token);
  const ts = page.content;
  const first = Math.min(...ts.map((t) => Date.parse(t.startedAt)));
  const last = Math.max(...ts.map((t) => Date.parse(t.completedAt)));
  const window = last - first;
  const perTask = Math.max(0, window - latencyMs) / ts.length;
  results.push({ run, project: p.id, tasks: ts.length, wallMs: wall, windowMs: window, platformMsPerTask: +perTask.toFixed(3),
    ...(pids.length ? { serviceCpuMsPerTask: +(cpu / ts.length).toFixed(1) } : {}) });
  console.log(JSON.stringify(results.at(-1)));
}
const best = results.reduce((a, b) => (a.wallMs <= b.wallMs ? a : b));
console.log(`best of ${runs}: ${best.tasks} tasks, execution window ${best.windowMs} ms, wall ${best.wallMs} ms, `
  + `platform time ${best.platformMsPerTask} ms/task (simulated latency ${latencyMs} ms)`
  + (pids.length ? `, services' CPU ${best.serviceCpuMsPerTask} ms/task` : ''));
