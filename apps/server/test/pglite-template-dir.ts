/**
 * A migrated embedded database on disk (a DATA_DIR holding only `pglite/`, with pg-boss's schema) for tests that start
 * the real server process: the browser tests copy its `pglite/` into each fresh DATA_DIR, so a start skips initdb and
 * the migrations (the server still runs them: a no-op on an up-to-date copy). Built once per migration set and
 * pg-boss version under `.tmp/`, like the in-memory template of `db.ts`.
 * Run as a script it prints the folder: `node --import tsx apps/server/test/pglite-template-dir.ts`.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src/db/client.ts';
import { fillTemplate, templateHash } from './db.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export async function pgliteTemplateDir(): Promise<string> {
  const dir = join(root, '.tmp', `pglite-datadir-${templateHash()}`);
  if (existsSync(dir)) return dir;
  const building = `${dir}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await fillTemplate(await openDatabase({ dataDir: building }));
  // The rename keeps other readers from a half-built folder; if another process finished first, keep theirs.
  try {
    renameSync(building, dir);
  } catch (error) {
    rmSync(building, { recursive: true, force: true });
    if (!existsSync(dir)) throw error;
  }
  return dir;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${await pgliteTemplateDir()}\n`);
}
