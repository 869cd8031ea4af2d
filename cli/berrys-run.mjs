#!/usr/bin/env node
// ./berrys run "<goal>": submits a goal through the gateway, follows it live, prints the result.
// Options: --approval (the plan waits for a person's approval), --budget <usd>, --name <name>.
const base = process.env.BERRYS_URL ?? 'http://127.0.0.1:8080';
const args = process.argv.slice(2);
const opt = (flag) => { const i = args.indexOf(flag); if (i < 0) return undefined; const v = args[i + 1]; args.splice(i, 2); return v; };
const flag = (f) => { const i = args.indexOf(f); if (i < 0) return false; args.splice(i, 1); return true; };
const requireApproval = flag('--approval');
const budget = opt('--budget');
const name = opt('--name');
const goal = args.join(' ').trim();
const tty = process.stdout.isTTY;

function fail(msg) { console.error(`\x1b[31merror:\x1b[0m ${msg}`); process.exit(2); }

async function call(method, path, body, token) {
  const res = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const json = text ? JSON.parse(text) : null;
  if (!res.ok) {
    const detail = json?.detail ?? text;
    const err = new Error(`${method} ${path} → ${res.status}: ${detail}`);
    err.status = res.status;
    throw err;
  }
  return json;
}

const { access_token: token } = await call('POST', '/api/auth/token', {
  username: process.env.BERRYS_USER ?? 'admin', password: process.env.BERRYS_PASSWORD,
}).catch((e) => fail(`sign-in failed: ${e.message}`));

let project;
try {
  project = await call('POST', '/api/projects', {
    name: name ?? goal.slice(0, 80), goal, requirePlanApproval: requireApproval,
    ...(budget ? { budgetUsd: Number(budget) } : {}),
  }, token);
  await call('POST', `/api/projects/${project.id}/start`, undefined, token);
} catch (e) { fail(e.message); }
const dashboard = `${base}/projects/${project.id}`;
console.log(`Project ${project.id} started. Watch it at ${dashboard}`);

const icon = { PENDING: '·', READY: '○', ASSIGNED: '◔', RUNNING: '◑', COMPLETED: '●', FAILED: '✗', CANCELLED: '⊘', SKIPPED: '↷' };
let lastLines = 0;
let lastPrinted = '';
function render(p, tasks) {
  const done = tasks.filter((t) => t.status === 'COMPLETED' || t.status === 'SKIPPED').length;
  const total = tasks.length || p.progress?.total || 0;
  const width = 30;
  const filled = total ? Math.round((done / total) * width) : 0;
  const bar = `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${total} tasks  ${p.status}${p.statusReason ? ` (${p.statusReason})` : ''}`;
  const lines = [bar, ...tasks.slice(0, 30).map((t) => `  ${icon[t.status] ?? '?'} ${t.title} — ${t.role} — ${t.status}`)];
  if (tasks.length > 30) lines.push(`  … and ${tasks.length - 30} more`);
  if (tty) {
    if (lastLines) process.stdout.write(`\x1b[${lastLines}A\x1b[0J`);
    process.stdout.write(lines.join('\n') + '\n');
    lastLines = lines.length;
  } else if (bar !== lastPrinted) {
    console.log(bar);
    lastPrinted = bar;
  }
}

const finalStates = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);
async function snapshot() {
  const p = await call('GET', `/api/projects/${project.id}`, undefined, token);
  const page = await call('GET', `/api/tasks?projectId=${project.id}&size=500`, undefined, token).catch(() => ({ content: [] }));
  render(p, page.content ?? []);
  return p;
}

// Follow the project's Server-Sent Events; refresh the view on each, and poll as a safety net.
const controller = new AbortController();
let wake;
(async () => {
  try {
    const res = await fetch(`${base}/api/projects/${project.id}/events`, {
      headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, signal: controller.signal,
    });
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let idx;
      while ((idx = buffer.indexOf('\n\n')) >= 0) { buffer = buffer.slice(idx + 2); wake?.(); }
    }
  } catch { /* aborted or unsupported: polling continues */ }
})();

let p = await snapshot();
let approvalShown = false;
while (!finalStates.has(p.status)) {
  await new Promise((r) => { wake = r; setTimeout(r, 1000); });
  p = await snapshot();
  if (p.status === 'AWAITING_APPROVAL' && !approvalShown) {
    console.log(`The plan waits for approval: ${base}/approvals (or POST /api/approvals/{id}/approve)`);
    approvalShown = true;
  }
}
controller.abort();

if (p.status !== 'COMPLETED') {
  console.log(`\nProject ${p.status.toLowerCase()}${p.statusReason ? `: ${p.statusReason}` : ''}. Details: ${dashboard}`);
  process.exit(1);
}
const result = await call('GET', `/api/projects/${project.id}/result`, undefined, token);
console.log(`\n\x1b[1mResult${result.simulated ? ' (answered by the built-in simulated model — not a real AI model)' : ''}\x1b[0m\n`);
console.log(result.summary);
if (result.artifacts?.length) {
  console.log(`\nArtifacts (${result.artifacts.length}):`);
  for (const a of result.artifacts) console.log(`  - ${a.title} (${a.role})`);
}
console.log(`\nOpen it in the dashboard: ${dashboard}`);
process.exit(0);
