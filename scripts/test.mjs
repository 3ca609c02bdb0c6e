#!/usr/bin/env node
/**
 * `npm test`: lint, format check, type-check, unit + integration tests on PGlite, the same server suite on PostgreSQL
 * (when reachable; required under CI), then the browser tests. Ends with each stage's wall time and one line
 * `Summary: N passed, N failed`; `node scripts/test-times.mjs` then lists the slowest test files of each vitest stage.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tmp = join(root, '.tmp');
rmSync(tmp, { recursive: true, force: true });
mkdirSync(tmp, { recursive: true });
const bin = (name) => join(root, 'node_modules', '.bin', name);
const onlyFast = process.argv.includes('--no-e2e');

const stageTimes = [];
/** Test files and static checks run this many at once (vitest's own default is one fewer than the cores). */
const cores = Math.max(2, availableParallelism());
const started = performance.now();
let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];
/** Each failed test's stage, file, title and first message line: printed again last, where a CI log's tail shows it. */
const failedTests = [];

function run(label, command, args, env = {}) {
  process.stdout.write(`\n▶ ${label}\n`);
  const start = performance.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = (performance.now() - start) / 1000;
  stageTimes.push([label, seconds]);
  process.stdout.write(`⏱ ${label}: ${seconds.toFixed(1)} s\n`);
  return result.status === 0;
}

/** Runs `checks` ([label, command, args]) `cores` at a time; a failing one counts as one failure. */
async function checkAll(checks) {
  const start = performance.now();
  const queue = [...checks];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [label, command, args] = next;
      const t0 = performance.now();
      const { code, output } = await new Promise((resolve) => {
        const child = spawn(command, args, {
          cwd: root,
          env: process.env,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        const chunks = [];
        child.stdout.on('data', (c) => chunks.push(c));
        child.stderr.on('data', (c) => chunks.push(c));
        child.on('error', (error) => chunks.push(Buffer.from(String(error))));
        child.on('close', (exit) => resolve({ code: exit, output: Buffer.concat(chunks).toString() }));
      });
      const seconds = (performance.now() - t0) / 1000;
      stageTimes.push([`  ${label}`, seconds]);
      process.stdout.write(
        `\n▶ ${label}\n${output}${code === 0 ? '✔' : '✖'} ${label}: ${seconds.toFixed(1)} s\n`,
      );
      if (code !== 0) {
        failed++;
        failures.push(label);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(cores, checks.length) }, worker));
  stageTimes.push(['static checks (side by side)', (performance.now() - start) / 1000]);
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
      `--maxWorkers=${cores}`,
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
    for (const file of report.testResults ?? []) {
      const where = file.name.startsWith(root) ? file.name.slice(root.length + 1) : file.name;
      if (file.status === 'failed' && !file.assertionResults?.some((t) => t.status === 'failed'))
        failedTests.push(`${label}: ${where}: ${firstLine(file.message)}`);
      for (const test of file.assertionResults ?? []) {
        if (test.status === 'failed')
          failedTests.push(`${label}: ${where} > ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`);
      }
    }
  } else {
    failed++;
    failures.push(`${label} (did not run)`);
  }
}

function firstLine(text) {
  const line =
    String(text ?? '')
      .split('\n')
      .find((l) => l.trim()) ?? '';
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
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

// The static checks are independent single-threaded processes: they run side by side, as many at once as there are
// cores, longest first; each one's output is printed whole when it ends.
await checkAll([
  ['types: apps/web', bin('tsc'), ['-p', 'apps/web', '--noEmit']],
  ['format (prettier --check)', bin('prettier'), ['--check', '.', '--log-level=warn']],
  ['lint (eslint, zero warnings)', bin('eslint'), ['.', '--max-warnings=0']],
  ['types: apps/server', bin('tsc'), ['-p', 'apps/server', '--noEmit']],
  [
    'API types up to date (npm run api:types)',
    process.execPath,
    ['--import', 'tsx', 'apps/server/src/scripts/api-types.ts', '--check'],
  ],
  [
    'lint (import boundaries: dependency-cruiser)',
    bin('depcruise'),
    ['--config', '.dependency-cruiser.cjs', 'apps/server/src', 'packages/contabo/src', 'apps/web/src'],
  ],
  ['types: packages/contabo', bin('tsc'), ['-p', 'packages/contabo', '--noEmit']],
]);

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

if (failedTests.length)
  process.stdout.write(`\nFailed tests:\n${failedTests.map((t) => `  ${t}\n`).join('')}`);
if (failures.length) process.stdout.write(`\nFailed: ${failures.join('; ')}\n`);
process.stdout.write(
  `\nSummary: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`,
);
process.exit(failed ? 1 : 0);
