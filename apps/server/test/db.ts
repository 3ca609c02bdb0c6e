import { createHash, randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase, type Database } from '../src/db/client.ts';
import { MIGRATIONS_FOLDER, runMigrations } from '../src/db/migrate.ts';
import { createJobQueue } from '../src/jobs/queue.ts';
import { createLogger } from '../src/lib/logger.ts';

/** Which engine the integration tests run on: `TEST_DB=postgres` (scripts/test.mjs runs the suite on both). */
export const TEST_ENGINE: 'pglite' | 'postgres' = process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite';
export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase extends Database {
  /** Drops the per-file database (PostgreSQL) or closes the in-memory one (PGlite). */
  destroy(): Promise<void>;
}

/** A fresh, migrated database for one test file: in-memory PGlite, or a throwaway database on the local server. */
export async function createTestDatabase(engine: 'pglite' | 'postgres' = TEST_ENGINE): Promise<TestDatabase> {
  if (engine === 'pglite') {
    const database = await openDatabase({ memory: true, loadDataDir: await pgliteTemplate() });
    await runMigrations(database); // a no-op on the template; kept so a stale template can never pass a test
    return { ...database, destroy: () => database.close() };
  }
  const name = `cv_test_${randomBytes(6).toString('hex')}`;
  await createPostgresDatabase(name, await postgresTemplate());
  const database = await openDatabase({ databaseUrl: databaseUrl(name), poolMax: 10 });
  await runMigrations(database); // a no-op on the template; kept so a stale template can never pass a test
  return droppedOnDestroy(database, () => adminQuery(`drop database if exists ${name} with (force)`));
}

/**
 * An empty database (no migration applied) of the engine under test — in-memory PGlite, or a throwaway database named
 * `<prefix>_…` on the local server — for tests that migrate it themselves (e.g. to just before one migration).
 */
export async function createEmptyDatabase(prefix: string): Promise<TestDatabase> {
  if (TEST_ENGINE === 'pglite') {
    const database = await openDatabase({ memory: true });
    return { ...database, destroy: () => database.close() };
  }
  const scratch = await createScratchPostgresDatabase(prefix);
  return droppedOnDestroy(await openDatabase({ databaseUrl: scratch.url, poolMax: 2 }), scratch.drop);
}

/** A new, empty database `<prefix>_…` on the local PostgreSQL server: its URL, and how to drop it. */
export async function createScratchPostgresDatabase(prefix: string) {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await createPostgresDatabase(name, null);
  return { url: databaseUrl(name), drop: () => adminQuery(`drop database if exists ${name} with (force)`) };
}

function droppedOnDestroy(database: Database, drop: () => Promise<void>): TestDatabase {
  return {
    ...database,
    destroy: async () => {
      await database.close();
      await drop();
    },
  };
}

/**
 * A copy of the migrations folder (in `folder`) whose journal keeps only the first `count` migrations: a database
 * migrated from it stops just before migration `count`.
 */
export function copyFirstMigrations(folder: string, count: number): string {
  cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalFile = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: unknown[] };
  writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.slice(0, count) }));
  return folder;
}

/** The migrations' tags (file names without `.sql`), in the order they run. */
export function migrationTags(): string[] {
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as {
    entries: Array<{ tag: string }>;
  };
  return journal.entries.map((e) => e.tag);
}

function databaseUrl(name: string): string {
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function adminQuery(query: string): Promise<void> {
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(query);
  } finally {
    await admin.end();
  }
}

/** `create database … template …`; PostgreSQL refuses while another session copies the same template, so retry. */
async function createPostgresDatabase(name: string, template: string | null): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await adminQuery(`create database ${name}${template ? ` template ${template}` : ''}`);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== '55006' || attempt >= 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 100));
    }
  }
}

/** The PostgreSQL twin of `pgliteTemplate`: a migrated database per migration set, copied by `create database`. */
/** What a template database holds: every migration and pg-boss's schema. Closes the database. */
export async function fillTemplate(database: Database): Promise<void> {
  await runMigrations(database);
  const jobs = createJobQueue({ database, logger: createLogger('silent') });
  await jobs.start({ work: false });
  await jobs.stop();
  await database.close();
}

async function postgresTemplate(): Promise<string> {
  const name = `cv_tpl_${templateHash()}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
  await admin.end();
  if (exists.rowCount) return name;
  const building = `${name}_${randomBytes(4).toString('hex')}`;
  await createPostgresDatabase(building, null);
  await fillTemplate(await openDatabase({ databaseUrl: databaseUrl(building), poolMax: 2 }));
  try {
    await adminQuery(`alter database ${building} rename to ${name}`);
  } catch (error) {
    // Another worker finished first (42P04 duplicate_database): keep theirs.
    await adminQuery(`drop database if exists ${building} with (force)`);
    if ((error as { code?: string }).code !== '42P04') throw error;
  }
  return name;
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Changes whenever a migration or pg-boss (whose schema the templates hold) changes. */
export function templateHash(): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(MIGRATIONS_FOLDER, { recursive: true }).map(String).sort()) {
    if (name.endsWith('.sql') || name.endsWith('.json'))
      hash.update(name).update(readFileSync(join(MIGRATIONS_FOLDER, name)));
  }
  hash.update(readFileSync(join(root, 'node_modules', 'pg-boss', 'package.json')));
  return hash.digest('hex').slice(0, 16);
}

/**
 * A migrated PGlite cluster (with pg-boss's schema) dumped once per migration set and loaded by every test file.
 * Creating a cluster from scratch runs initdb inside WebAssembly, the slowest step of an app's start in tests; loading
 * a dump skips it. The file is keyed by a hash of the migrations and pg-boss's version, so a changed schema builds a
 * new one; `npm test` empties `.tmp` first anyway.
 */
async function pgliteTemplate(): Promise<Blob> {
  const file = join(root, '.tmp', `pglite-template-${templateHash()}.tar`);
  try {
    return new Blob([readFileSync(file)]);
  } catch {
    // Not built yet (or being built by another worker): build it; the rename keeps readers from a half-written file.
  }
  const database = await openDatabase({ memory: true });
  await runMigrations(database);
  const jobs = createJobQueue({ database, logger: createLogger('silent') });
  await jobs.start({ work: false });
  const dump = await database.pglite!.dumpDataDir('none');
  await jobs.stop();
  await database.close().catch(() => {});
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, file);
  return dump;
}
