#!/usr/bin/env node
// End-to-end check of the dashboard in Debian's Chromium, driven by playwright-core, against a
// running Berrys stack (the gateway serves the app and the API on one origin).
//
//   BERRYS_URL=http://127.0.0.1:8080 BERRYS_USER=admin BERRYS_PASSWORD=... node dashboard.e2e.mjs
//
// Walks the main flow as a person would: sign in, create a project without and one with plan
// approval, start them, watch the graph's nodes turn completed, open a task's execution, approve
// the pending plan, sign out. Screenshots go to e2e/artifacts/. Exits non-zero when a check fails
// and ends with the line "N passed, N failed".
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const BASE = (process.env.BERRYS_URL ?? 'http://127.0.0.1:8080').replace(/\/$/, '');
const USER = process.env.BERRYS_USER ?? 'admin';
const PASSWORD = process.env.BERRYS_PASSWORD ?? 'admin';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// how long a project may take to be planned and run to completion on the stack under test
const FLOW_TIMEOUT = Number(process.env.E2E_FLOW_TIMEOUT_MS ?? 240_000);
const STEP_TIMEOUT = Number(process.env.E2E_STEP_TIMEOUT_MS ?? 20_000);
const ARTIFACTS = process.env.E2E_ARTIFACTS ?? join(here, 'artifacts');
const HEADED = process.env.E2E_HEADED === '1';

const results = [];
const consoleErrors = [];
let shot = 0;

async function screenshot(page, name) {
  const file = join(ARTIFACTS, `${String(++shot).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true }).catch(() => {});
  return file;
}

/** Runs one named check; a failure is recorded with a screenshot and the run goes on. */
async function check(page, name, fn) {
  const started = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`✔ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    return true;
  } catch (error) {
    const file = await screenshot(page, `FAILED-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`);
    results.push({ name, ok: false });
    console.log(`✘ ${name}: ${error.message.split('\n').slice(0, 8).join('\n    ')}\n  screenshot: ${file}`);
    return false;
  }
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

const unique = () => `${new Date().toISOString().slice(11, 19).replace(/:/g, '')}-${Math.random().toString(36).slice(2, 6)}`;

const nav = (page) => page.getByRole('navigation', { name: 'Main' });

async function createProject(page, { name, goal, budget, approval }) {
  await nav(page).getByRole('link', { name: 'Projects', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Projects' }).waitFor();
  await page.getByRole('button', { name: 'New project' }).click();
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Goal').fill(goal);
  if (budget) await page.getByLabel('Budget (USD, optional)').fill(budget);
  const approvalBox = page.getByLabel('Requires plan approval before agents start');
  if (approval) await approvalBox.check();
  else await approvalBox.uncheck();
  await page.getByLabel('Start right away').check();
  await page.getByRole('button', { name: 'Create and start' }).click();
  await page.waitForURL(/\/projects\/[0-9a-f-]{36}/, { timeout: STEP_TIMEOUT });
  await page.getByRole('heading', { level: 1, name }).waitFor({ timeout: STEP_TIMEOUT });
  return page.url().match(/\/projects\/([0-9a-f-]{36})/)[1];
}

/** The project's status as its page shows it (the badge beside the title). */
const projectStatus = (page) => page.locator('.project-summary .badge').first().getAttribute('data-status');

async function waitForStatus(page, statuses, timeout) {
  await page.waitForFunction(
    (wanted) => wanted.includes(document.querySelector('.project-summary .badge')?.getAttribute('data-status')),
    statuses,
    { timeout, polling: 250 },
  );
}

async function main() {
  await mkdir(ARTIFACTS, { recursive: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: !HEADED,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'].filter((a) => !HEADED || a !== '--headless'),
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(STEP_TIMEOUT);
  const page = await context.newPage();
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(`${msg.text()} (${msg.location().url ?? ''})`);
  });
  page.on('pageerror', (err) => consoleErrors.push(`page error: ${err.message}`));

  let plainProjectId;
  let approvalProjectId;
  let signedIn = false;

  signedIn = await check(page, 'sign in', async () => {
    await page.goto(`${BASE}/projects`);
    await page.waitForURL(/\/signin/);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await screenshot(page, 'sign-in');
    await page.getByLabel('User name').fill(USER);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Projects' }).waitFor();
    expect(new URL(page.url()).pathname === '/projects', `landed on ${page.url()}`);
  });
  if (!signedIn) return finish(browser);

  await check(page, 'new-project form explains what is wrong', async () => {
    await page.getByRole('button', { name: 'New project' }).click();
    await page.getByLabel('Budget (USD, optional)').fill('-1');
    await page.getByRole('button', { name: 'Create and start' }).click();
    await page.getByText('Give the project a name.').waitFor();
    await page.getByText('Describe the goal the agents should reach.').waitFor();
    await page.getByText('Enter the budget in dollars, e.g. 5 or 12.50.').waitFor();
    const focused = await page.evaluate(() => document.activeElement?.id);
    expect(focused === 'project-name', `focus is on ${focused}, not the first invalid field`);
    await screenshot(page, 'new-project-validation');
    await page.getByRole('button', { name: 'Cancel' }).click();
  });

  const created = await check(page, 'create and start a project without plan approval', async () => {
    plainProjectId = await createProject(page, {
      name: `E2E plain ${unique()}`,
      goal: 'Write a short comparison of three open-source vector databases with a recommendation.',
      budget: '5',
      approval: false,
    });
    const status = await projectStatus(page);
    expect(['PLANNING', 'RUNNING', 'COMPLETED'].includes(status), `status after start is ${status}`);
  });

  if (created) {
    await check(page, "the plan graph's nodes turn completed", async () => {
      await page.locator('.task-node').first().waitFor({ timeout: FLOW_TIMEOUT });
      await screenshot(page, 'project-running');
      await page.waitForFunction(
        () => {
          const nodes = [...document.querySelectorAll('.task-node')];
          return nodes.length > 0 && nodes.every((n) => n.getAttribute('data-status') === 'COMPLETED');
        },
        null,
        { timeout: FLOW_TIMEOUT, polling: 500 },
      );
      // the result is synthesised after the last task, so the project completes a little later
      await waitForStatus(page, ['COMPLETED'], FLOW_TIMEOUT);
      const events = await page.locator('.timeline li').count();
      expect(events > 0, 'the event timeline stayed empty: the live stream delivered nothing');
      await page.getByRole('heading', { name: 'Result', exact: true }).waitFor({ timeout: FLOW_TIMEOUT });
      await screenshot(page, 'project-completed');
    });

    await check(page, "open a task's execution and see its steps", async () => {
      await page.locator('.task-node .task-node-button').first().click();
      await page.waitForURL(/[?&]task=/);
      await page.getByRole('heading', { name: 'Executions' }).waitFor();
      const steps = page.locator('.execution .step');
      await steps.first().waitFor();
      const kinds = await steps.evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
      expect(kinds.length > 0 && kinds.every((k) => k === 'MODEL_CALL' || k === 'TOOL_CALL'), `step kinds ${kinds}`);
      expect(kinds.includes('MODEL_CALL'), 'no model call among the steps');
      await page.locator('.step-metrics').first().waitFor();
      await screenshot(page, 'task-execution');
    });

    await check(page, 'a task deep link loads directly', async () => {
      const url = page.url();
      await page.goto(url);
      await page.getByRole('heading', { name: 'Executions' }).waitFor();
      await page.locator('.execution .step').first().waitFor();
    });

    await check(page, 'the project page is readable at 390 px', async () => {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.locator('.task-node').first().waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow <= 1, `the page scrolls sideways by ${overflow} px`);
      await screenshot(page, 'project-390px');
      await page.getByRole('button', { name: 'Menu' }).click();
      await nav(page).getByRole('link', { name: /^Approvals/ }).waitFor();
      await page.getByRole('button', { name: 'Menu' }).click();
      await page.setViewportSize({ width: 1280, height: 900 });
    });
  }

  const approvalCreated = await check(page, 'create and start a project that needs plan approval', async () => {
    approvalProjectId = await createProject(page, {
      name: `E2E approval ${unique()}`,
      goal: 'Draft a one-page onboarding checklist for new backend engineers.',
      approval: true,
    });
    await waitForStatus(page, ['AWAITING_APPROVAL'], FLOW_TIMEOUT);
    await page.getByRole('link', { name: /Waiting for approval/ }).waitFor();
    await screenshot(page, 'awaiting-approval');
  });

  if (approvalCreated) {
    await check(page, 'approve the pending plan from the inbox', async () => {
      await nav(page).getByRole('link', { name: /^Approvals/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Approvals' }).waitFor();
      const card = page.locator('li.approval', { has: page.locator(`a[href="/projects/${approvalProjectId}"]`) });
      await card.waitFor({ timeout: FLOW_TIMEOUT });
      await card.getByLabel('Comment').fill('Looks good, go ahead.');
      await screenshot(page, 'approvals-inbox');
      await card.getByRole('button', { name: 'Approve' }).click();
      await card.waitFor({ state: 'detached' });
      await page.goto(`${BASE}/projects/${approvalProjectId}`);
      await waitForStatus(page, ['RUNNING', 'COMPLETED'], FLOW_TIMEOUT);
      await screenshot(page, 'approved-project');
    });
  }

  await check(page, 'models, tools and system pages load', async () => {
    for (const [link, heading] of [['Models', 'Models'], ['Tools', 'Tools'], ['System', 'System']]) {
      await nav(page).getByRole('link', { name: link, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await page.locator('.spinner').first().waitFor({ state: 'detached' }).catch(() => {});
      await screenshot(page, link.toLowerCase());
    }
    await page.locator('.health-card').first().waitFor();
  });

  await check(page, 'sign out', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.goto(`${BASE}/approvals`);
    await page.waitForURL(/\/signin\?next=%2Fapprovals/);
    const token = await page.evaluate(() => sessionStorage.getItem('berrys.token'));
    expect(token === null, 'the token is still in sessionStorage');
    await screenshot(page, 'signed-out');
  });

  await check(page, 'no errors in the browser console', async () => {
    expect(consoleErrors.length === 0, `${consoleErrors.length} console errors:\n${consoleErrors.join('\n')}`);
  });

  return finish(browser);
}

async function finish(browser) {
  await browser?.close().catch(() => {});
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  if (consoleErrors.length) console.log(`console errors:\n  ${consoleErrors.join('\n  ')}`);
  console.log(`screenshots in ${ARTIFACTS}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 || results.length === 0 ? 1 : 0;
}

main().catch(async (error) => {
  console.error(error);
  results.push({ name: 'run', ok: false });
  await finish();
});
