#!/usr/bin/env node
// A stand-in for the Berrys gateway, for developing the dashboard and its end-to-end script while
// the real services are being built. It serves the built app (frontend/dist) and fakes the public
// API with the shapes the services answer (PageResponse lists, RFC 9457 problems, SSE events): a
// started project is planned, runs its tasks and completes over a few seconds.
//
//   node mock-api.mjs            # http://127.0.0.1:5180, user admin / admin
//   MOCK_PORT=8080 MOCK_TICK_MS=300 node mock-api.mjs
//
// A project with a 200-task plan is always there (id BENCH_PROJECT_ID) for bench.mjs.
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const PORT = Number(process.env.MOCK_PORT ?? 5180);
const HOST = process.env.MOCK_HOST ?? '127.0.0.1';
const DIST = process.env.MOCK_DIST ?? join(here, '..', 'frontend', 'dist');
const USER = process.env.BERRYS_USER ?? 'admin';
const PASSWORD = process.env.BERRYS_PASSWORD ?? 'admin';
const TICK_MS = Number(process.env.MOCK_TICK_MS ?? 500);
export const BENCH_PROJECT_ID = '00000000-0000-4000-8000-000000000200';

// ---------------------------------------------------------------- state

const projects = new Map();
const plans = new Map();
const executions = new Map();
const approvals = new Map();
const agents = new Map();
const usage = [];
const events = new Map(); // projectId -> [entry]
const listeners = new Map(); // projectId -> Set<(entry) => void>
const providers = [
  { id: randomUUID(), name: 'simulated', type: 'SIMULATED', baseUrl: null, enabled: true, hasApiKey: false, apiKeySource: 'NONE' },
];
const models = [
  { id: randomUUID(), providerId: providers[0].id, providerName: 'simulated', name: 'simulated-large', contextWindow: 128000, capabilities: ['chat', 'tools', 'json'], inputPricePerMillion: 3, outputPricePerMillion: 15, enabled: true },
  { id: randomUUID(), providerId: providers[0].id, providerName: 'simulated', name: 'simulated-small', contextWindow: 32000, capabilities: ['chat'], inputPricePerMillion: 0.5, outputPricePerMillion: 1.5, enabled: true },
];
const mcpServers = [
  { id: randomUUID(), name: 'filesystem', transport: 'STDIO', command: 'mcp-server-filesystem', args: ['/workspace'], url: null, enabled: true, status: 'CONNECTED', statusMessage: null, statusAt: now(), tools: [{ name: 'filesystem.read_file', remoteName: 'read_file', enabled: true, status: 'AVAILABLE' }] },
  { id: randomUUID(), name: 'search', transport: 'STREAMABLE_HTTP', command: null, args: [], url: 'http://127.0.0.1:9300/mcp', enabled: true, status: 'ERROR', statusMessage: 'Connection refused', statusAt: now(), tools: [] },
];
const tools = [
  { id: randomUUID(), name: 'http_get', description: 'Fetch a page and return its text', source: 'BUILTIN', mcpServerId: null, status: 'AVAILABLE', enabled: true },
  { id: randomUUID(), name: 'calculator', description: 'Evaluate an arithmetic expression', source: 'BUILTIN', mcpServerId: null, status: 'AVAILABLE', enabled: true },
  { id: randomUUID(), name: 'filesystem.read_file', description: 'Read a file from the workspace', source: 'MCP', mcpServerId: mcpServers[0].id, status: 'AVAILABLE', enabled: true },
];

function now() {
  return new Date().toISOString();
}

function view(p) {
  const plan = p.planId ? plans.get(p.planId) : undefined;
  const done = plan ? plan.tasks.filter((t) => t.status === 'COMPLETED').length : 0;
  const cost = usage.filter((u) => u.projectId === p.id).reduce((s, u) => s + u.costUsd, 0);
  const { timer, ...rest } = p;
  return { ...rest, progress: { done, total: plan ? plan.tasks.length : 0 }, planVersion: plan?.version ?? null, costUsd: Number(cost.toFixed(6)) };
}

// Stored like the coordinator's timeline entries (id, type, stream, time, data); streamed as
// CloudEvents (see stream()).
function emit(projectId, type, data, stream = 'berrys.project') {
  const entry = { id: randomUUID(), type, stream, time: now(), data: { projectId, ...data } };
  if (!events.has(projectId)) events.set(projectId, []);
  events.get(projectId).push(entry);
  for (const l of listeners.get(projectId) ?? []) l(entry);
}

// ---------------------------------------------------------------- simulation

const ROLES = ['researcher', 'analyst', 'writer', 'reviewer'];

function makePlan(project, size) {
  const planId = randomUUID();
  const ids = Array.from({ length: size }, () => randomUUID());
  let tasks;
  if (size <= 8) {
    const shape = [[], [0], [0], [1, 2], [3], [3, 4]].slice(0, size);
    const titles = ['Research the topic', 'Collect sources', 'Analyse the numbers', 'Draft the report', 'Review the draft', 'Assemble the final answer'];
    tasks = shape.map((deps, i) => ({ title: titles[i], deps }));
  } else {
    // 20 stages of 10: each task needs one or two tasks of the stage before, sometimes one two back
    tasks = Array.from({ length: size }, (_, i) => {
      const stage = Math.floor(i / 10);
      const deps = stage === 0 ? [] : [(stage - 1) * 10 + (i % 10), (stage - 1) * 10 + ((i * 7 + 3) % 10)];
      if (stage >= 2 && i % 4 === 0) deps.push((stage - 2) * 10 + ((i * 3) % 10));
      return { title: `Stage ${stage + 1} · task ${(i % 10) + 1}`, deps: [...new Set(deps)] };
    });
  }
  const plan = {
    id: planId,
    projectId: project.id,
    version: 1,
    status: 'ACTIVE',
    createdAt: now(),
    tasks: tasks.map((t, i) => ({
      id: ids[i],
      projectId: project.id,
      planId,
      title: t.title,
      description: `${t.title} for: ${project.goal}`,
      role: ROLES[i % ROLES.length],
      status: 'PENDING',
      dependsOn: t.deps.map((d) => ids[d]),
      agentId: null,
      attempts: 0,
      startedAt: null,
      completedAt: null,
      output: null,
      lastError: null,
      key: `t${i + 1}`,
    })),
  };
  plan.criticalPath = criticalPath(plan.tasks);
  const onPath = new Set(plan.criticalPath);
  plan.tasks.forEach((t) => (t.onCriticalPath = onPath.has(t.id)));
  plans.set(planId, plan);
  return plan;
}

function criticalPath(tasks) {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const memo = new Map();
  const longest = (t) => {
    if (memo.has(t.id)) return memo.get(t.id);
    let best = [];
    for (const d of t.dependsOn) {
      const path = longest(byId.get(d));
      if (path.length > best.length) best = path;
    }
    const result = [...best, t.id];
    memo.set(t.id, result);
    return result;
  };
  return tasks.reduce((best, t) => (longest(t).length > best.length ? longest(t) : best), []);
}

function assemble(project, plan) {
  for (const role of new Set(plan.tasks.map((t) => t.role))) {
    const agent = { id: randomUUID(), projectId: project.id, templateId: randomUUID(), role, name: `${role[0].toUpperCase()}${role.slice(1)} 1`, status: 'IDLE', currentTaskId: null, createdAt: now() };
    agents.set(agent.id, agent);
  }
  emit(project.id, 'team.assembled', { agents: [...agents.values()].filter((a) => a.projectId === project.id).length }, 'berrys.agent');
}

function runExecution(project, task, agent) {
  const execution = { id: randomUUID(), taskId: task.id, projectId: project.id, planId: task.planId, agentId: agent.id, role: task.role, title: task.title, attempt: 1, status: 'RUNNING', model: 'simulated-large', createdAt: now(), startedAt: now(), completedAt: null, output: null, error: null, inputTokens: 0, outputTokens: 0, steps: [] };
  executions.set(execution.id, execution);
  const base = Date.now();
  const model = 'simulated-large';
  execution.steps.push({ index: 0, kind: 'MODEL_CALL', startedAt: new Date(base).toISOString(), durationMs: 420, inputTokens: 812, outputTokens: 96, model, tool: null, arguments: null, summary: 'Asked for `http_get` to fetch **current** figures.', result: null, error: null });
  execution.steps.push({ index: 1, kind: 'TOOL_CALL', startedAt: new Date(base + 430).toISOString(), durationMs: 180, inputTokens: 0, outputTokens: 0, model: null, tool: 'http_get', arguments: { url: 'https://example.org/figures' }, summary: 'http_get returned 18 KB', result: '```json\n{"pages": 3, "bytes": 18432}\n```', error: null });
  execution.steps.push({ index: 2, kind: 'MODEL_CALL', startedAt: new Date(base + 620).toISOString(), durationMs: 650, inputTokens: 2310, outputTokens: 402, model, tool: null, arguments: null, summary: 'Final answer (402 tokens)', result: null, error: null });
  execution.inputTokens = 812 + 2310;
  execution.outputTokens = 96 + 402;
  for (const s of execution.steps.filter((x) => x.kind === 'MODEL_CALL')) {
    usage.push({ id: randomUUID(), projectId: project.id, taskId: task.id, agentId: agent.id, purpose: 'agent', requestedModel: model, provider: 'simulated', model, inputTokens: s.inputTokens, outputTokens: s.outputTokens, costUsd: (s.inputTokens * 3 + s.outputTokens * 15) / 1e6, latencyMs: s.durationMs, outcome: 'OK', streamed: false, createdAt: now() });
    emit(project.id, 'model.call-recorded', { taskId: task.id, model, inputTokens: s.inputTokens, outputTokens: s.outputTokens }, 'berrys.model');
  }
  return execution;
}

function tick(project) {
  if (project.status !== 'RUNNING') return;
  const plan = plans.get(project.planId);
  const byId = new Map(plan.tasks.map((t) => [t.id, t]));
  const team = [...agents.values()].filter((a) => a.projectId === project.id);
  let changed = false;
  for (const task of plan.tasks) {
    if (changed && task.status !== 'RUNNING') continue;
    if (task.status === 'RUNNING') {
      task.status = 'COMPLETED';
      task.completedAt = now();
      task.output = `## ${task.title}\n\nDone. Key points:\n\n- first finding\n- second finding`;
      const execution = [...executions.values()].find((e) => e.taskId === task.id && e.status === 'RUNNING');
      if (execution) {
        execution.status = 'COMPLETED';
        execution.completedAt = now();
        execution.output = task.output;
        emit(project.id, 'execution.completed', { executionId: execution.id, taskId: task.id }, 'berrys.agent');
      }
      const agent = agents.get(task.agentId);
      if (agent) Object.assign(agent, { status: 'IDLE', currentTaskId: null });
      emit(project.id, 'task.completed', { taskId: task.id, title: task.title, status: 'COMPLETED' }, 'berrys.planning');
      changed = true;
    } else if (task.status === 'PENDING' && task.dependsOn.every((d) => byId.get(d).status === 'COMPLETED')) {
      const agent = team.find((a) => a.role === task.role && a.status === 'IDLE');
      if (!agent) continue;
      Object.assign(task, { status: 'RUNNING', agentId: agent.id, attempts: 1, startedAt: now() });
      Object.assign(agent, { status: 'WORKING', currentTaskId: task.id });
      runExecution(project, task, agent);
      emit(project.id, 'task.assigned', { taskId: task.id, title: task.title, agentId: agent.id, status: 'RUNNING' }, 'berrys.planning');
      changed = true;
    }
  }
  if (plan.tasks.every((t) => t.status === 'COMPLETED')) {
    project.status = 'COMPLETED';
    project.completedAt = now();
    clearInterval(project.timer);
    emit(project.id, 'project.completed', { status: 'COMPLETED' });
  }
}

function startRunning(project) {
  project.status = 'RUNNING';
  emit(project.id, 'project.running', { status: 'RUNNING' });
  clearInterval(project.timer);
  project.timer = setInterval(() => tick(project), TICK_MS);
}

function start(project) {
  project.status = 'PLANNING';
  project.startedAt = now();
  emit(project.id, 'project.started', { status: 'PLANNING' });
  setTimeout(() => {
    if (project.status !== 'PLANNING') return;
    const plan = makePlan(project, 6);
    project.planId = plan.id;
    emit(project.id, 'plan.created', { planId: plan.id, version: 1, tasks: plan.tasks.length }, 'berrys.planning');
    assemble(project, plan);
    if (project.requirePlanApproval) {
      project.status = 'AWAITING_APPROVAL';
      const approval = { id: randomUUID(), projectId: project.id, planId: plan.id, planVersion: 1, status: 'PENDING', summary: `Plan v1 for “${project.name}”: ${plan.tasks.length} tasks, critical path of ${plan.criticalPath.length}.`, comment: null, createdAt: now(), decidedAt: null, decidedBy: null };
      approvals.set(approval.id, approval);
      emit(project.id, 'approval.requested', { approvalId: approval.id, status: 'AWAITING_APPROVAL' });
    } else {
      startRunning(project);
    }
  }, TICK_MS * 2);
}

function seedBenchProject() {
  const project = { id: BENCH_PROJECT_ID, name: 'Benchmark: 200-task plan', goal: 'A frozen project whose plan has 200 tasks, for measuring how fast the graph is drawn.', status: 'RUNNING', statusReason: null, budgetUsd: 50, budgetTokens: null, requirePlanApproval: false, createdAt: now(), updatedAt: now(), startedAt: now(), completedAt: null, planId: null };
  const plan = makePlan(project, 200);
  project.planId = plan.id;
  const statuses = ['COMPLETED', 'COMPLETED', 'RUNNING', 'READY', 'PENDING'];
  plan.tasks.forEach((t, i) => (t.status = statuses[Math.min(4, Math.floor((i / 200) * 5))]));
  projects.set(project.id, project);
  assemble(project, plan);
}
seedBenchProject();

// ---------------------------------------------------------------- http helpers

function send(res, status, body, headers = {}) {
  const json = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers });
  res.end(json);
}

function problem(res, status, slug, detail, extra = {}) {
  const titles = { 400: 'Bad Request', 401: 'Unauthorized', 404: 'Not Found', 409: 'Conflict' };
  res.writeHead(status, { 'Content-Type': 'application/problem+json' });
  res.end(JSON.stringify({ type: `https://berrys.dev/problems/${slug}`, title: titles[status] ?? 'Error', status, detail, ...extra }));
}

function pageOf(list, url, defaultSize = 20) {
  const page = Number(url.searchParams.get('page') ?? 0);
  const size = Number(url.searchParams.get('size') ?? defaultSize);
  if (page < 0 || !(size >= 1 && size <= 500)) throw Object.assign(new Error('bad page'), { status: 400 });
  return { content: list.slice(page * size, page * size + size), page, size, totalElements: list.length, totalPages: Math.max(1, Math.ceil(list.length / size)) };
}

async function bodyOf(req) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
const tokens = new Set();

function authorized(req) {
  const h = req.headers.authorization ?? '';
  return h.startsWith('Bearer ') && tokens.has(h.slice(7));
}

// ---------------------------------------------------------------- routes

async function api(req, res, url) {
  const path = url.pathname;
  const method = req.method;

  if (path === '/api/auth/token' && method === 'POST') {
    const body = await bodyOf(req);
    if (!body || body.username !== USER || body.password !== PASSWORD) return problem(res, 401, 'bad-credentials', 'The user name or password is wrong.');
    const exp = Math.floor(Date.now() / 1000) + 3600;
    const token = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: USER, iss: 'berrys', roles: ['ADMIN'], tenant: 'default', exp, jti: randomUUID() })}.mock`;
    tokens.add(token);
    return send(res, 200, { access_token: token, token_type: 'Bearer', expires_in: 3600 });
  }
  if (!authorized(req)) return problem(res, 401, 'unauthorized', 'A valid bearer token is required.');

  let m;
  if (path === '/api/projects' && method === 'POST') {
    const body = await bodyOf(req);
    if (!body) return problem(res, 400, 'malformed-json', 'The request body is not well-formed JSON.');
    const errors = [];
    if (!body.name?.trim()) errors.push({ field: 'name', message: 'must not be blank' });
    if (!body.goal?.trim()) errors.push({ field: 'goal', message: 'must not be blank' });
    if (body.budgetUsd != null && !(body.budgetUsd >= 0)) errors.push({ field: 'budgetUsd', message: 'must be greater than or equal to 0' });
    if (errors.length) return problem(res, 400, 'validation', 'The request has invalid fields.', { errors });
    const project = { id: randomUUID(), name: body.name.trim(), goal: body.goal.trim(), status: 'DRAFT', statusReason: null, budgetUsd: body.budgetUsd ?? null, budgetTokens: null, requirePlanApproval: !!body.requirePlanApproval, createdAt: now(), updatedAt: now(), startedAt: null, completedAt: null, planId: null };
    projects.set(project.id, project);
    emit(project.id, 'project.created', { status: 'DRAFT' });
    return send(res, 201, view(project), { Location: `/api/projects/${project.id}` });
  }
  if (path === '/api/projects' && method === 'GET') {
    const status = url.searchParams.get('status');
    const list = [...projects.values()].filter((p) => !status || p.status === status).sort((a, b) => b.createdAt.localeCompare(a.createdAt)).map(view);
    return send(res, 200, pageOf(list, url));
  }
  if ((m = path.match(/^\/api\/projects\/([^/]+)(?:\/([a-z]+))?$/))) {
    const project = projects.get(m[1]);
    if (!project) return problem(res, 404, 'not-found', `No project ${m[1]}.`);
    const action = m[2];
    if (!action && method === 'GET') return send(res, 200, view(project));
    if (action === 'events' && method === 'GET') return stream(req, res, project);
    if (action === 'timeline' && method === 'GET') return send(res, 200, pageOf(events.get(project.id) ?? [], url, 100));
    if (action === 'result' && method === 'GET') {
      if (project.status !== 'COMPLETED') return problem(res, 404, 'no-result', 'The project has no result yet.');
      const plan = plans.get(project.planId);
      return send(res, 200, {
        projectId: project.id,
        status: 'COMPLETED',
        summary: `# ${project.name}\n\n**Goal:** ${project.goal}\n\nThe team completed ${plan.tasks.length} tasks. Highlights:\n\n1. Sources collected and analysed\n2. A reviewed report\n\n> Produced by the simulated model.`,
        simulated: true,
        model: 'simulated-large',
        completedAt: project.completedAt,
        artifacts: plan.tasks.map((t) => ({ id: randomUUID(), projectId: project.id, planId: plan.id, taskId: t.id, title: t.title, role: t.role, content: t.output, createdAt: t.completedAt })),
      });
    }
    if (method !== 'POST') return problem(res, 404, 'not-found', 'No such resource.');
    const illegal = () => problem(res, 409, 'illegal-transition', `A ${project.status} project cannot be ${action === 'start' ? 'started' : action === 'pause' ? 'paused' : action === 'resume' ? 'resumed' : 'cancelled'}.`);
    if (action === 'start') {
      if (project.status !== 'DRAFT') return illegal();
      start(project);
    } else if (action === 'pause') {
      if (!['RUNNING', 'PLANNING'].includes(project.status)) return illegal();
      project.status = 'PAUSED';
      project.statusReason = 'Paused by a user';
      emit(project.id, 'project.paused', { status: 'PAUSED' });
    } else if (action === 'resume') {
      if (project.status !== 'PAUSED') return illegal();
      project.statusReason = null;
      startRunning(project);
    } else if (action === 'cancel') {
      if (['COMPLETED', 'FAILED', 'CANCELLED', 'DRAFT'].includes(project.status)) return illegal();
      project.status = 'CANCELLED';
      project.statusReason = 'Cancelled by a user';
      clearInterval(project.timer);
      emit(project.id, 'project.cancelled', { status: 'CANCELLED' });
    } else return problem(res, 404, 'not-found', 'No such action.');
    return send(res, 200, view(project));
  }
  if (path === '/api/plans' && method === 'GET') {
    const projectId = url.searchParams.get('projectId');
    const list = [...plans.values()].filter((p) => p.projectId === projectId).map(({ tasks, criticalPath, ...summary }) => ({ ...summary, taskCount: tasks.length, completedTasks: tasks.filter((t) => t.status === 'COMPLETED').length, feedback: null }));
    return send(res, 200, pageOf(list, url));
  }
  if ((m = path.match(/^\/api\/plans\/([^/]+)$/))) {
    const plan = plans.get(m[1]);
    return plan ? send(res, 200, { ...plan, taskCount: plan.tasks.length, completedTasks: plan.tasks.filter((t) => t.status === 'COMPLETED').length }) : problem(res, 404, 'not-found', `No plan ${m[1]}.`);
  }
  if (path === '/api/agents') {
    const projectId = url.searchParams.get('projectId');
    return send(res, 200, pageOf([...agents.values()].filter((a) => a.projectId === projectId), url));
  }
  if (path === '/api/executions') {
    const taskId = url.searchParams.get('taskId');
    const list = [...executions.values()].filter((e) => e.taskId === taskId).map((e) => ({ ...e, stepCount: e.steps.length, steps: [] }));
    return send(res, 200, pageOf(list, url));
  }
  if ((m = path.match(/^\/api\/executions\/([^/]+)$/))) {
    const e = executions.get(m[1]);
    return e ? send(res, 200, { ...e, stepCount: e.steps.length }) : problem(res, 404, 'not-found', `No execution ${m[1]}.`);
  }
  if (path === '/api/model-usage') {
    const projectId = url.searchParams.get('projectId');
    const calls = usage.filter((u) => !projectId || u.projectId === projectId);
    const totals = (list, key) => ({ key, calls: list.length, failed: 0, inputTokens: list.reduce((s, u) => s + u.inputTokens, 0), outputTokens: list.reduce((s, u) => s + u.outputTokens, 0), costUsd: Number(list.reduce((s, u) => s + u.costUsd, 0).toFixed(6)) });
    const group = (field) => [...new Set(calls.map((u) => u[field]))].map((k) => totals(calls.filter((u) => u[field] === k), k));
    const t = totals(calls, null);
    const project = projectId ? projects.get(projectId) : undefined;
    return send(res, 200, { projectId, calls: t.calls, failedCalls: 0, inputTokens: t.inputTokens, outputTokens: t.outputTokens, totalTokens: t.inputTokens + t.outputTokens, costUsd: t.costUsd, budget: project?.budgetUsd != null ? { projectId, budgetUsd: project.budgetUsd } : null, byModel: group('model'), byAgent: group('agentId'), byTask: group('taskId') });
  }
  if (path === '/api/model-calls') {
    const projectId = url.searchParams.get('projectId');
    return send(res, 200, pageOf(usage.filter((u) => !projectId || u.projectId === projectId).reverse(), url, 50));
  }
  if (path === '/api/approvals' && method === 'GET') {
    const status = url.searchParams.get('status');
    return send(res, 200, pageOf([...approvals.values()].filter((a) => !status || a.status === status), url));
  }
  if ((m = path.match(/^\/api\/approvals\/([^/]+)\/(approve|reject)$/)) && method === 'POST') {
    const approval = approvals.get(m[1]);
    if (!approval) return problem(res, 404, 'not-found', `No approval ${m[1]}.`);
    if (approval.status !== 'PENDING') return problem(res, 409, 'already-decided', `The approval is already ${approval.status}.`);
    const body = (await bodyOf(req)) ?? {};
    if (m[2] === 'reject' && !body.comment?.trim()) return problem(res, 400, 'invalid-request', "Field 'comment' is required to reject: say what the next plan should change.", { field: 'comment' });
    Object.assign(approval, { status: m[2] === 'approve' ? 'APPROVED' : 'REJECTED', comment: body.comment ?? null, decidedAt: now(), decidedBy: USER });
    const project = projects.get(approval.projectId);
    emit(project.id, `approval.${approval.status.toLowerCase()}`, { approvalId: approval.id, comment: approval.comment });
    if (approval.status === 'APPROVED') startRunning(project);
    else {
      project.status = 'CANCELLED';
      project.statusReason = 'Plan rejected';
      emit(project.id, 'project.cancelled', { status: 'CANCELLED' });
    }
    return send(res, 200, approval);
  }
  if (path === '/api/providers' && method === 'GET') return send(res, 200, pageOf(providers, url));
  if (path === '/api/providers' && method === 'POST') {
    const body = (await bodyOf(req)) ?? {};
    if (providers.some((p) => p.name === body.name)) return problem(res, 409, 'duplicate', `A provider named ${body.name} exists.`, { errors: [{ field: 'name', message: 'is already taken' }] });
    const { apiKey, ...rest } = body;
    const provider = { id: randomUUID(), ...rest, enabled: body.enabled !== false, hasApiKey: !!apiKey };
    providers.push(provider);
    return send(res, 201, provider);
  }
  if (path === '/api/models') return send(res, 200, pageOf(models, url));
  if (path === '/api/tools') return send(res, 200, pageOf(tools, url));
  if (path === '/api/mcp-servers') return send(res, 200, pageOf(mcpServers, url));
  if (path === '/api/system/health') {
    const names = ['api-gateway', 'project-coordinator', 'planning-system', 'agent-orchestrator', 'model-orchestration', 'tool-integration', 'service-integration', 'web-dashboard'];
    return send(res, 200, names.map((service, i) => ({ service, status: 'UP', latencyMs: 3 + i })));
  }
  return problem(res, 404, 'not-found', `No route for ${method} ${path}.`);
}

function stream(req, res, project) {
  // like the coordinator: a snapshot of the project first, then each new event as a CloudEvent
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
  res.write(`event: snapshot\ndata: ${JSON.stringify(view(project))}\n\n`);
  const write = (e) => {
    const cloudEvent = { specversion: '1.0', id: e.id, source: `/${e.stream}`, type: e.type, time: e.time, subject: project.id, datacontenttype: 'application/json', data: e.data };
    res.write(`id: ${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify(cloudEvent)}\n\n`);
  };
  const history = events.get(project.id) ?? [];
  const last = req.headers['last-event-id'];
  if (last) history.slice(history.findIndex((e) => e.id === last) + 1).forEach(write);
  if (!listeners.has(project.id)) listeners.set(project.id, new Set());
  listeners.get(project.id).add(write);
  const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15000);
  req.on('close', () => {
    clearInterval(keepAlive);
    listeners.get(project.id)?.delete(write);
  });
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json', '.png': 'image/png', '.ico': 'image/x-icon', '.woff2': 'font/woff2' };

async function staticFile(req, res, url) {
  const rel = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, '');
  let file = join(DIST, rel);
  let isFile = false;
  try {
    isFile = (await stat(file)).isFile();
  } catch {
    isFile = false;
  }
  if (!isFile) {
    // like the dashboard service: unknown paths with an extension are 404, routes get index.html
    if (extname(rel)) return problem(res, 404, 'not-found', 'No such file.');
    file = join(DIST, 'index.html');
  }
  try {
    const body = await readFile(file);
    const hashed = url.pathname.startsWith('/assets/');
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache' });
    res.end(body);
  } catch {
    res.writeHead(503, { 'Content-Type': 'text/plain' });
    res.end(`The app is not built: run npm run build in frontend/ (looked in ${DIST}).`);
  }
}

export function startMock(port = PORT, host = HOST) {
  const server = createServer((req, res) => {
    const url = new URL(req.url, `http://${req.headers.host ?? 'localhost'}`);
    if (url.pathname === '/actuator/health') return send(res, 200, { status: 'UP' });
    const handler = url.pathname.startsWith('/api/') ? api(req, res, url) : staticFile(req, res, url);
    handler.catch((err) => {
      if (err.status === 400) return problem(res, 400, 'invalid-request', 'page must be 0 or more and size between 1 and 500.');
      console.error(err);
      if (!res.headersSent) problem(res, 500, 'internal-error', 'An unexpected error occurred.');
    });
  });
  return new Promise((resolve) => server.listen(port, host, () => resolve(server)));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const server = await startMock();
  const { port } = server.address();
  console.log(`mock Berrys API on http://${HOST}:${port} (user ${USER}); bench project ${BENCH_PROJECT_ID}`);
  const stop = () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
