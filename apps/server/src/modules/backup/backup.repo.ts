import { execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../db/client.ts';
import { MIGRATIONS_FOLDER } from '../../db/migrate.ts';

/**
 * The database side of backups: dumps and restores on both engines, migration levels and emptiness checks.
 * PostgreSQL goes through Debian's `pg_dump`/`pg_restore` (custom format); the embedded PGlite through its own
 * data-directory dump (`dumpDataDir` / `loadDataDir`).
 */
const run = promisify(execFile);

export class BackupToolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupToolError';
  }
}

export interface MigrationLevel {
  count: number;
  lastCreatedAt: number | null;
}

/** How many migrations this version of the code ships (drizzle's journal). */
export async function codeMigrationLevel(folder = MIGRATIONS_FOLDER): Promise<number> {
  const journal = JSON.parse(await readFile(join(folder, 'meta', '_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

type Query = <T>(text: string) => Promise<T[]>;

async function levelOf(query: Query): Promise<MigrationLevel> {
  const [exists] = await query<{ present: boolean }>(
    "select to_regclass('drizzle.__drizzle_migrations') is not null as present",
  );
  if (!exists?.present) return { count: 0, lastCreatedAt: null };
  const [row] = await query<{ count: number | string; last: number | string | null }>(
    'select count(*)::int as count, max(created_at)::bigint as last from drizzle.__drizzle_migrations',
  );
  return { count: Number(row?.count ?? 0), lastCreatedAt: row?.last == null ? null : Number(row.last) };
}

/** Tables outside PostgreSQL's own schemas: any means the database is not empty. */
const USER_TABLES = `select count(*)::int as count from pg_tables
  where schemaname not in ('pg_catalog', 'information_schema') and schemaname not like 'pg\\_%'`;

export async function migrationLevel(database: Database): Promise<MigrationLevel> {
  return levelOf((text) => queryRows(database.db, sql.raw(text)));
}

export async function engineVersion(database: Database): Promise<string> {
  const [row] = await queryRows<{ server_version: string }>(database.db, sql.raw('show server_version'));
  return row?.server_version ?? 'unknown';
}

const majorOf = (version: string) => Number(/(\d+)/.exec(version)?.[1] ?? 0);

/** The installed client tool's major version, or a clear error when it is missing. */
export async function toolMajor(tool: 'pg_dump' | 'pg_restore'): Promise<number> {
  try {
    const { stdout } = await run(tool, ['--version']);
    return majorOf(stdout.replace(/^[^\d]*/, ''));
  } catch {
    throw new BackupToolError(
      `${tool} was not found. Install PostgreSQL's client tools (Debian/Ubuntu: \`apt-get install postgresql-client\`) ` +
        'with a major version at least that of the server.',
    );
  }
}

/** The connection URL without its password, which goes through PGPASSWORD (a command line is visible in `ps`). */
function connection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return {
    dbname: parsed.toString(),
    env: password ? { ...process.env, PGPASSWORD: password } : process.env,
  };
}

function runTool(tool: string, url: string, args: string[], input?: Buffer): Promise<Buffer> {
  const { dbname, env } = connection(url);
  return new Promise((resolve, reject) => {
    const child = spawn(tool, [...args, `--dbname=${dbname}`], { stdio: ['pipe', 'pipe', 'pipe'], env });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => reject(new BackupToolError(`${tool} could not start: ${error.message}`)));
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else
        reject(new BackupToolError(`${tool} failed (exit ${code}): ${Buffer.concat(err).toString().trim()}`));
    });
    child.stdin.end(input);
  });
}

/** The whole database as bytes, and the dump tool's major version (null on PGlite). */
export async function dumpDatabase(database: Database): Promise<{ data: Buffer; toolMajor: number | null }> {
  if (database.kind === 'pglite') {
    // The dump is taken between two queries; a checkpoint first leaves little WAL to replay when it is loaded.
    await database.pglite!.query('checkpoint');
    const blob = await database.pglite!.dumpDataDir('gzip');
    return { data: Buffer.from(await blob.arrayBuffer()), toolMajor: null };
  }
  const major = await toolMajor('pg_dump');
  const server = majorOf(await engineVersion(database));
  if (major < server) {
    throw new BackupToolError(
      `pg_dump ${major} cannot dump a PostgreSQL ${server} server: install postgresql-client-${server} or newer.`,
    );
  }
  // Uncompressed custom format: the archive is gzipped as a whole.
  const data = await runTool('pg_dump', database.url!, ['--format=custom', '--compress=0', '--no-owner']);
  return { data, toolMajor: major };
}

/** The state of a restore target: is there anything in it, and at which migration level. */
export interface TargetState {
  empty: boolean;
  level: MigrationLevel;
}

export function pgliteDir(dataDir: string): string {
  return join(dataDir, 'pglite');
}

export async function inspectPglite(dataDir: string): Promise<TargetState> {
  const dir = pgliteDir(dataDir);
  if (!existsSync(dir) || readdirSync(dir).length === 0) {
    return { empty: true, level: { count: 0, lastCreatedAt: null } };
  }
  const db = new PGlite(dir);
  try {
    const query: Query = async <T>(text: string) => (await db.query<T>(text)).rows;
    const [tables] = await query<{ count: number }>(USER_TABLES);
    return { empty: Number(tables?.count ?? 0) === 0, level: await levelOf(query) };
  } finally {
    await db.close();
  }
}

export async function inspectPostgres(url: string): Promise<TargetState & { serverVersion: string }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const query: Query = async <T>(text: string) => (await client.query(text)).rows as T[];
    const [tables] = await query<{ count: number }>(USER_TABLES);
    const [version] = await query<{ server_version: string }>('show server_version');
    return {
      empty: Number(tables?.count ?? 0) === 0,
      level: await levelOf(query),
      serverVersion: version?.server_version ?? 'unknown',
    };
  } finally {
    await client.end();
  }
}

/**
 * Moves every non-system schema of a PostgreSQL database aside (renamed with `suffix`) and leaves an empty `public`,
 * so that a failed restore can put them back (`undoMoveAside`) and a successful one drops them (`dropMovedAside`).
 */
export async function moveAsidePostgres(url: string, suffix: string): Promise<string[]> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ nspname: string }>(
      `select nspname from pg_namespace
        where nspname not in ('pg_catalog', 'information_schema') and nspname not like 'pg\\_%'`,
    );
    await client.query('begin');
    for (const { nspname } of rows) {
      const aside = `${nspname}${suffix}`.slice(0, 63);
      await client.query(
        `alter schema ${pg.escapeIdentifier(nspname)} rename to ${pg.escapeIdentifier(aside)}`,
      );
    }
    await client.query('create schema public');
    // Extensions (pg_trgm for the ticket search) moved aside with their schema; the dump's `create extension if not
    // exists` would then skip them and its indexes would not find their operator classes. Bring them to the new
    // public: the tables set aside keep using the same objects until they are dropped.
    const moved = await client.query<{ extname: string }>(
      `select e.extname from pg_extension e join pg_namespace n on n.oid = e.extnamespace
        where n.nspname = any($1::text[])`,
      [rows.map(({ nspname }) => `${nspname}${suffix}`.slice(0, 63))],
    );
    for (const { extname } of moved.rows) {
      await client.query(`alter extension ${pg.escapeIdentifier(extname)} set schema public`);
    }
    await client.query('commit');
    return rows.map((r) => r.nspname);
  });
}

export async function undoMoveAside(url: string, schemas: string[], suffix: string): Promise<void> {
  await withClient(url, async (client) => {
    await client.query('begin');
    for (const name of schemas) {
      // Extensions brought into the new schema go back with the old one first, so the drop cannot take them (and the
      // old tables' indexes that depend on them) away.
      const aside = `${name}${suffix}`.slice(0, 63);
      const extensions = await client.query<{ extname: string }>(
        `select e.extname from pg_extension e join pg_namespace n on n.oid = e.extnamespace where n.nspname = $1`,
        [name],
      );
      for (const { extname } of extensions.rows) {
        const exists = await client.query('select 1 from pg_namespace where nspname = $1', [aside]);
        if (exists.rowCount) {
          await client.query(
            `alter extension ${pg.escapeIdentifier(extname)} set schema ${pg.escapeIdentifier(aside)}`,
          );
        }
      }
      await client.query(`drop schema if exists ${pg.escapeIdentifier(name)} cascade`);
      await client.query(`alter schema ${pg.escapeIdentifier(aside)} rename to ${pg.escapeIdentifier(name)}`);
    }
    await client.query('commit');
  });
}

export async function dropMovedAside(url: string, schemas: string[], suffix: string): Promise<void> {
  await withClient(url, async (client) => {
    for (const name of schemas) {
      await client.query(
        `drop schema if exists ${pg.escapeIdentifier(`${name}${suffix}`.slice(0, 63))} cascade`,
      );
    }
  });
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

export async function restorePostgres(
  url: string,
  dump: Buffer,
  dumpToolMajor: number | null,
): Promise<void> {
  const major = await toolMajor('pg_restore');
  if (dumpToolMajor !== null && major < dumpToolMajor) {
    throw new BackupToolError(
      `pg_restore ${major} cannot read a dump made by pg_dump ${dumpToolMajor}: install postgresql-client-${dumpToolMajor} or newer.`,
    );
  }
  await runTool(
    'pg_restore',
    url,
    ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction'],
    dump,
  );
}

/** Writes the embedded database's data directory from its dump (the directory must not exist or be empty). */
export async function restorePglite(dataDir: string, dump: Buffer): Promise<void> {
  // PGlite reports a broken tarball as an unhandled stream error: check it is a gzipped tar before handing it over.
  let tar: Buffer;
  try {
    tar = gunzipSync(dump);
  } catch {
    throw new BackupToolError('The embedded database dump in the archive is not a gzip file.');
  }
  if (tar.subarray(257, 262).toString('latin1') !== 'ustar') {
    throw new BackupToolError('The embedded database dump in the archive is not a tar file.');
  }
  const db = new PGlite(pgliteDir(dataDir), { loadDataDir: new Blob([dump]) });
  await db.waitReady;
  await db.query('select 1');
  await db.close();
}
