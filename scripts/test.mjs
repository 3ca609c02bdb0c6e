#!/usr/bin/env node
/**
 * `npm test`: lint, format check, type-check, unit + integration tests on PGlite, the same server suite on PostgreSQL
 * (when reachable; required under CI), then the browser tests. Ends with one line `Summary: N passed, N failed`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tmp = join(root, '.tmp');
rmSync(tmp, { recursive: true, force: true });
mkdirSync(tmp, { recursive: true });
const bin = (name) => join(root, 'node_modules', '.bin', name);
const onlyFast = process.argv.includes('--no-e2e');

const stageTimes = [];
const started = performance.now();
let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];

function run(label, command, args, env = {}) {
  process.stdout.write(`\n▶ ${label}\n`);
  const start = performance.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = (performance.now() - start) / 1000;
  stageTimes.push([label, seconds]);
  process.stdout.write(`⏱ ${label}: ${seconds.toFixed(1)} s\n`);
  return result.status === 0;
}

function check(label, command, args) {
  if (run(label, command, args)) return;
  failed++;
  failures.push(label);
}

function vitest(label, args, env = {}) {
  const base = join(tmp, label.replace(/\W+/g, '-'));
  const out = `${base}.json`;
  const ok = run(
    label,
    bin('vitest'),
    [
      'run',
      ...args,
      '--reporter=default',
      '--reporter=json',
      `--reporter=${join(root, 'scripts', 'vitest-file-times.mjs')}`,
      `--outputFile.json=${out}`,
    ],
    { ...env, VITEST_FILE_TIMES: `${base}.files.json` },
  );
  if (existsSync(out)) {
    const report = JSON.parse(readFileSync(out, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + report.numTodoTests;
    if (!ok && report.numFailedTests === 0) {
      failed++;
      failures.push(`${label} (suite error)`);
    } else if (report.numFailedTests) failures.push(label);
  } else {
    failed++;
    failures.push(`${label} (did not run)`);
  }
}

function reachable(url) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname || '127.0.0.1', port: Number(port || 5432) });
    socket.setTimeout(2000);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

check('lint (eslint, zero warnings)', bin('eslint'), ['.', '--max-warnings=0']);
check('lint (import boundaries: dependency-cruiser)', bin('depcruise'), [
  '--config',
  '.dependency-cruiser.cjs',
  'apps/server/src',
  'packages/contabo/src',
  'apps/web/src',
]);
check('format (prettier --check)', bin('prettier'), ['--check', '.', '--log-level=warn']);
check('API types up to date (npm run api:types)', process.execPath, [
  '--import',
  'tsx',
  'apps/server/src/scripts/api-types.ts',
  '--check',
]);
check('types: packages/contabo', bin('tsc'), ['-p', 'packages/contabo', '--noEmit']);
check('types: apps/server', bin('tsc'), ['-p', 'apps/server', '--noEmit']);
check('types: apps/web', bin('tsc'), ['-p', 'apps/web', '--noEmit']);

vitest('web unit', ['--project', 'web-unit']);
vitest('server unit', ['--project', 'server-unit']);
vitest('contabo + server integration (PGlite)', ['--project', 'contabo', '--project', 'server'], {
  TEST_DB: 'pglite',
});

const pgUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
if (await reachable(pgUrl)) {
  vitest('server integration (PostgreSQL)', ['--project', 'server'], {
    TEST_DB: 'postgres',
    TEST_DATABASE_URL: pgUrl,
  });
} else if (process.env.CI) {
  process.stdout.write(`\n✖ PostgreSQL is not reachable at ${new URL(pgUrl).host} (required in CI)\n`);
  failed++;
  failures.push('PostgreSQL not reachable');
} else {
  process.stdout.write(
    `\n⚠ PostgreSQL not reachable at ${new URL(pgUrl).host}: the PostgreSQL run is left out locally.\n`,
  );
}

if (!onlyFast) {
  if (run('build web app', 'npm', ['run', 'build', '-w', 'apps/web', '--silent'])) {
    vitest('browser tests (chromium)', ['--project', 'e2e']);
  } else {
    failed++;
    failures.push('web build');
  }
}

process.stdout.write('\nStage times (wall):\n');
for (const [label, seconds] of stageTimes)
  process.stdout.write(`${seconds.toFixed(1).padStart(8)} s  ${label}\n`);
process.stdout.write(`${((performance.now() - started) / 1000).toFixed(1).padStart(8)} s  total\n`);
process.stdout.write('Slowest test files per stage: node scripts/test-times.mjs\n');

if (failures.length) process.stdout.write(`\nFailed: ${failures.join('; ')}\n`);
process.stdout.write(
  `\nSummary: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`,
);
process.exit(failed ? 1 : 0);
