#!/usr/bin/env node
/**
 * The slowest test files of each vitest stage of the last `npm test` (from `.tmp/*.files.json`, written by
 * `scripts/vitest-file-times.mjs`). Usage: `node scripts/test-times.mjs [count=25]`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const tmp = join(dirname(fileURLToPath(import.meta.url)), '..', '.tmp');
const count = Number(process.argv[2] ?? 25);
for (const name of readdirSync(tmp).filter((n) => n.endsWith('.files.json'))) {
  const files = JSON.parse(readFileSync(join(tmp, name), 'utf8'));
  const total = files.reduce((sum, f) => sum + f.ms, 0);
  process.stdout.write(
    `\n${name.replace('.files.json', '')}: ${files.length} files, ${(total / 1000).toFixed(0)} s summed\n`,
  );
  for (const f of files.slice(0, count)) {
    const s = (ms) => (ms / 1000).toFixed(1).padStart(6);
    process.stdout.write(`${s(f.ms)} s (import ${s(f.collectMs)} s)  ${f.project}  ${f.file}\n`);
  }
}
