import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../src/db/client.ts';
import { runMigrations } from '../src/db/migrate.ts';

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
    const database = await openDatabase({ memory: true });
    await runMigrations(database);
    return { ...database, destroy: () => database.close() };
  }
  const name = `cv_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolMax: 10 });
  await runMigrations(database);
  return {
    ...database,
    destroy: async () => {
      await database.close();
      const dropper = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}
