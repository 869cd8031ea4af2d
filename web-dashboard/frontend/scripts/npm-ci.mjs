#!/usr/bin/env node
// `npm ci`, skipped when node_modules was installed by it from this very package-lock.json.
// Every reactor build runs this step; in a checkout shared by several builds (and on every local
// rebuild) reinstalling unchanged dependencies costs a minute and races other builds' installs.
// BERRYS_FORCE_NPM_CI=1 always reinstalls. A fresh clone (CI) has no stamp and installs.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const STAMP = 'node_modules/.berrys-npm-ci';
const hash = createHash('sha256').update(readFileSync('package.json')).update(readFileSync('package-lock.json')).digest('hex');

if (process.env.BERRYS_FORCE_NPM_CI !== '1' && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === hash) {
  console.log('node_modules already installed from this package-lock.json: npm ci skipped');
  process.exit(0);
}
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);
writeFileSync(STAMP, hash);
