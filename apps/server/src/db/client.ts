import { EventEmitter } from 'node:events';
import { closeSync, existsSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { ensurePrivateDir } from '../lib/private-dir.ts';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql, type SQL } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
/** The database handle every repository receives; the same type on PGlite and on PostgreSQL. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle or the database itself: repositories accept either. */
export type DbOrTx = Parameters<Parameters<Db['transaction']>[0]>[0] | Db;
/** An open transaction handle: what a unit of work hands to the repository calls inside it. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/**
 * The unit of work a repository offers its service instead of its raw `db`: the service decides where a transaction
 * starts and ends, the repositories do every query inside it.
 */
export type UnitOfWork = <T>(work: (tx: Tx) => Promise<T>) => Promise<T>;

/** The unit of work over one database handle (each repository exposes it as `transaction`). */
export function unitOfWork(db: Db): UnitOfWork {
  return (work) => db.transaction(work);
}

/**
 * Channels on which this process hears its own connections' changes at once (`Database.listen`); migration 0008's
 * triggers raise them. Other processes' changes arrive through the event bus's LISTEN connection.
 */
export const OWN_CHANGE_CHANNELS = ['cv_auth'] as const;
export type OwnChangeChannel = (typeof OWN_CHANGE_CHANNELS)[number];

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** The connection URL (PostgreSQL only), e.g. for pg-boss's own pool. */
  url?: string;
  /** The raw PGlite instance (embedded mode only), e.g. for pg-boss. */
  pglite?: PGlite;
  pool?: pg.Pool;
  ping(): Promise<void>;
  /**
   * Hears the changes this process's own connections make on one of `OWN_CHANGE_CHANNELS`, before the query that made
   * each one resolves. PGlite: its NOTIFY, at commit. PostgreSQL: the trigger's NOTICE (message = channel, detail =
   * payload), which the server sends only to the connection that made the change, while the statement runs — so it
   * may come for a change later rolled back, and costs no other backend anything (a LISTEN on every pooled connection
   * would wake all of them on every NOTIFY of the database). Returns the unsubscribe.
   */
  listen(channel: OwnChangeChannel, listener: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  databaseUrl?: string;
  dataDir?: string;
  poolMax?: number;
  /** In-memory PGlite for tests (no data dir, no lock). */
  memory?: boolean;
  /** In-memory only: start from this dump (`dumpDataDir`) instead of an empty cluster — skips initdb. */
  loadDataDir?: Blob;
  /** Errors of idle pooled connections (server restart, dropped connection); they must not crash the process. */
  onPoolError?: (error: Error) => void;
}

/**
 * How long a pooled PostgreSQL connection may sit idle before it is closed (pg-pool's default is 10 s). A burst after
 * a quiet spell (200 customers pressing "stop" at once) otherwise opens dozens of connections at the worst moment:
 * each a new server process with cold caches (measured in `bench:load`'s burst: ~50 ms of the platform's CPU spent
 * connecting, and the backends' own start-up on the same cores).
 */
export const POOL_IDLE_MS = 60_000;

// PostgreSQL returns int8 (bigint) as strings by default; our bigints are Contabo ids that fit in a JS number.
pg.types.setTypeParser(20, (v) => Number(v));

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const heard = new EventEmitter();
    heard.setMaxListeners(0);
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolMax ?? 20,
      idleTimeoutMillis: POOL_IDLE_MS,
    });
    pool.on('error', (error) => options.onPoolError?.(error));
    pool.on('connect', (client) => {
      client.on('notice', (notice) => {
        if ((OWN_CHANGE_CHANNELS as readonly string[]).includes(notice.message ?? ''))
          heard.emit(notice.message!, notice.detail ?? '');
      });
    });
    const db = drizzleNodePg(pool, { schema }) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      url: options.databaseUrl,
      pool,
      ping: async () => {
        await db.execute(sql`select 1`);
      },
      listen: async (channel, listener) => {
        heard.on(channel, listener);
        return async () => void heard.off(channel, listener);
      },
      close: async () => {
        await pool.end();
      },
    };
  }

  let releaseLock = () => {};
  let client: PGlite;
  // pg_trgm backs the substring search of the ticket queue (its GIN indexes are created by a migration); PostgreSQL
  // ships it in contrib, PGlite loads it here.
  const extensions = { pg_trgm };
  if (options.memory) {
    client = new PGlite({ extensions, ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}) });
  } else {
    const dir = resolve(options.dataDir ?? './data');
    ensurePrivateDir(dir);
    releaseLock = acquireDataDirLock(dir);
    client = new PGlite(join(dir, 'pglite'), { extensions });
  }
  await client.waitReady;
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    pglite: client,
    ping: async () => {
      await client.query('select 1');
    },
    listen: (channel, listener) => client.listen(channel, listener),
    close: async () => {
      await client.close();
      releaseLock();
    },
  };
}

export class DataDirLockedError extends Error {
  constructor(dir: string, pid: number) {
    super(
      `The embedded database in ${dir} is in use by another process (pid ${pid}). PGlite allows one process per ` +
        'data directory: stop the other process, use another DATA_DIR, or set DATABASE_URL to use PostgreSQL.',
    );
    this.name = 'DataDirLockedError';
  }
}

/** PGlite has no cross-process locking: a pid lock file makes a second process refuse to open the same directory. */
export function acquireDataDirLock(dir: string): () => void {
  const lockFile = join(dir, 'pglite.lock');
  if (existsSync(lockFile)) {
    const pid = Number(readFileSync(lockFile, 'utf8').trim());
    if (pid && pid !== process.pid && isAlive(pid)) throw new DataDirLockedError(dir, pid);
    rmSync(lockFile, { force: true });
  }
  const fd = openSync(lockFile, 'wx', 0o600);
  writeSync(fd, String(process.pid));
  closeSync(fd);
  return () => rmSync(lockFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Raw SQL for the few queries the query builder cannot express; both drivers return `{ rows }`. */
export async function queryRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** True when a database error (possibly wrapped by the driver or the ORM) is a unique-constraint violation. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (
    let e = error as { code?: string; constraint?: string; cause?: unknown } | undefined;
    e;
    e = e.cause as typeof e
  ) {
    if (e.code === '23505')
      return constraint === undefined || e.constraint === constraint || String(e).includes(constraint);
  }
  return false;
}
