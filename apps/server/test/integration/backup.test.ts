import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../src/config.ts';
import { openDatabase, queryRows, type Database } from '../../src/db/client.ts';
import { runMigrations } from '../../src/db/migrate.ts';
import { sql } from 'drizzle-orm';
import { createLocalFileStorage } from '../../src/integrations/storage/local.ts';
import { ManualClock } from '../../src/lib/clock.ts';
import { createLogger } from '../../src/lib/logger.ts';
import { BackupArchiveError, openArchive, sealArchive } from '../../src/modules/backup/backup.archive.ts';
import { BackupRestoreError, restoreBackup } from '../../src/modules/backup/backup.restore.ts';
import { toolMajor } from '../../src/modules/backup/backup.repo.ts';
import { createBackupService, DATABASE_ENTRY } from '../../src/modules/backup/backup.service.ts';
import { seedCatalog } from '../../src/modules/catalog/catalog.seed.ts';
import { TEST_ENV, TEST_SECRETS } from '../app.ts';
import {
  copyFirstMigrations,
  createEmptyDatabase,
  createScratchPostgresDatabase,
  createTestDatabase,
  migrationTags,
  TEST_ENGINE,
  type TestDatabase,
} from '../db.ts';
import * as f from '../factories.ts';

/** Every migration this code ships (the level of a freshly migrated database). */
const MIGRATION_COUNT = migrationTags().length;

const KEY = randomBytes(32);
const tmp = (name: string) => mkdtempSync(join(tmpdir(), `cv-backup-${name}-`));

function configFor(dataDir: string, databaseUrl?: string): Config {
  return loadConfig({
    ...TEST_ENV,
    DATA_DIR: dataDir,
    ENCRYPTION_KEY: TEST_SECRETS.encryptionKey,
    JWT_SECRET: TEST_SECRETS.jwtSecret,
    BACKUP_KEY: KEY.toString('hex'),
    BACKUP_KEEP_DAILY: '2',
    BACKUP_KEEP_WEEKLY: '2',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });
}

/** A restore target of the engine under test: an empty DATA_DIR, or an empty PostgreSQL database. */
async function emptyTarget(): Promise<{ config: Config; open(): Promise<Database>; drop(): Promise<void> }> {
  const dataDir = tmp('target');
  if (TEST_ENGINE === 'pglite') {
    return {
      config: configFor(dataDir),
      open: () => openDatabase({ dataDir }),
      drop: async () => undefined,
    };
  }
  const scratch = await createScratchPostgresDatabase('cv_restore');
  return {
    config: configFor(dataDir, scratch.url),
    open: () => openDatabase({ databaseUrl: scratch.url, poolMax: 2 }),
    drop: scratch.drop,
  };
}

/** Every table of our schemas, each as its rows' text form in a stable order. */
async function snapshotTables(database: Database): Promise<Record<string, string[]>> {
  const tables = await queryRows<{ name: string }>(
    database.db,
    sql.raw(`select quote_ident(schemaname) || '.' || quote_ident(tablename) as name from pg_tables
      where schemaname in ('public', 'drizzle') order by 1`),
  );
  const out: Record<string, string[]> = {};
  for (const { name } of tables) {
    const rows = await queryRows<{ row: string }>(
      database.db,
      sql.raw(`select t::text as row from ${name} t`),
    );
    out[name] = rows.map((r) => r.row).sort();
  }
  return out;
}

/** The target's tables (see `snapshotTables`), read through a connection of its own. */
async function snapshotOf(target: { open(): Promise<Database> }): Promise<Record<string, string[]>> {
  const database = await target.open();
  try {
    return await snapshotTables(database);
  } finally {
    await database.close();
  }
}

function serviceFor(database: Database, dataDir: string, clock = new ManualClock('2026-03-02T03:15:00Z')) {
  const config = configFor(dataDir, database.url);
  return createBackupService({
    config,
    database,
    encryptionKey: TEST_SECRETS.encryptionKey,
    files: createLocalFileStorage(join(dataDir, 'files')),
    destination: { storage: createLocalFileStorage(join(dataDir, 'backups')), prefix: '' },
    clock,
    logger: createLogger('silent'),
  });
}

// Each restore opens a data directory or a database of its own: slower than the usual test on a loaded machine.
describe(`backup and restore (${TEST_ENGINE})`, { timeout: 180_000 }, () => {
  let source: TestDatabase;
  let sourceDir: string;
  let archive: Buffer;
  const targets: Array<{ drop(): Promise<void> }> = [];

  beforeAll(async () => {
    source = await createTestDatabase();
    await seedCatalog(source.db);
    // One row in every table, through every factory (each creates the parents it needs).
    for (const [name, factory] of Object.entries(f)) {
      if (name.startsWith('create') && typeof factory === 'function') {
        await (factory as (db: Database['db']) => Promise<unknown>)(source.db);
      }
    }
    sourceDir = tmp('source');
    const files = createLocalFileStorage(join(sourceDir, 'files'));
    await files.put('tickets/t1/a.png', Buffer.from('png bytes'), 'image/png');
    await files.put('tickets/t2/b.txt', randomBytes(5000), 'text/plain');
    archive = (await serviceFor(source, sourceDir).createArchive(KEY)).archive;
  }, 180_000);

  afterAll(async () => {
    for (const target of targets) await target.drop();
    await source.destroy();
  });

  it('restores into an empty database every table row by row, and the uploaded files', async () => {
    const target = await emptyTarget();
    targets.push(target);
    const files = createLocalFileStorage(join(target.config.DATA_DIR, 'files'));
    const result = await restoreBackup(archive, {
      config: target.config,
      key: KEY,
      force: false,
      files,
      now: new Date(),
    });
    expect(result.manifest).toMatchObject({
      engine: TEST_ENGINE,
      migration: { count: MIGRATION_COUNT },
      files: { storage: 'local', count: 2 },
    });
    expect(result.manifest.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(result.files).toBe(2);
    expect((await files.get('tickets/t1/a.png')).toString()).toBe('png bytes');

    const expected = await snapshotTables(source);
    expect(Object.keys(expected).length).toBeGreaterThan(40);
    expect(expected['public.users']!.length).toBeGreaterThan(0);
    expect(await snapshotOf(target)).toEqual(expected);
  });

  it('refuses a wrong key and a tampered archive clearly, writing nothing', async () => {
    const target = await emptyTarget();
    targets.push(target);
    const files = createLocalFileStorage(join(target.config.DATA_DIR, 'files'));
    const options = { config: target.config, force: false, files, now: new Date() };
    await expect(restoreBackup(archive, { ...options, key: randomBytes(32) })).rejects.toMatchObject({
      code: 'wrong_key',
      message: expect.stringContaining('different BACKUP_KEY'),
    });
    const tampered = Buffer.from(archive);
    tampered[Math.floor(tampered.length / 2)]! ^= 0x01;
    const error = await restoreBackup(tampered, { ...options, key: KEY }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackupArchiveError);
    expect(error).toMatchObject({ code: 'tampered', message: expect.stringContaining('tampered') });
    await expect(restoreBackup(Buffer.from('not a backup'), { ...options, key: KEY })).rejects.toMatchObject({
      code: 'not_an_archive',
    });
    expect(await files.list('')).toEqual([]);
    expect(Object.keys(await snapshotOf(target))).toEqual([]);
  });

  it('refuses a non-empty database unless forced, then replaces it', async () => {
    const target = await emptyTarget();
    targets.push(target);
    const occupied = await target.open();
    await runMigrations(occupied);
    await f.createUser(occupied.db, { email: 'someone-else@example.com' });
    await occupied.close();
    const files = createLocalFileStorage(join(target.config.DATA_DIR, 'files'));
    const options = { config: target.config, key: KEY, files, now: new Date() };
    await expect(restoreBackup(archive, { ...options, force: false })).rejects.toMatchObject({
      code: 'not_empty',
      message: expect.stringContaining('--force'),
    });
    const result = await restoreBackup(archive, { ...options, force: true });
    if (TEST_ENGINE === 'pglite') expect(result.movedAside).toHaveLength(1);
    expect(await snapshotOf(target)).toEqual(await snapshotTables(source));
  });

  it('puts the previous database back when a forced restore fails', async () => {
    const target = await emptyTarget();
    targets.push(target);
    const occupied = await target.open();
    await runMigrations(occupied);
    await f.createUser(occupied.db, { email: 'keep-me@example.com' });
    const before = await snapshotTables(occupied);
    await occupied.close();
    // A well-formed, correctly encrypted archive whose database dump is not one.
    const { manifest } = openArchive(archive, KEY);
    const broken = sealArchive(
      { ...manifest, files: { storage: 'local', count: 0 } },
      [{ name: DATABASE_ENTRY[TEST_ENGINE], data: randomBytes(4096) }],
      KEY,
    ).archive;
    const error = await restoreBackup(broken, {
      config: target.config,
      key: KEY,
      force: true,
      files: createLocalFileStorage(join(target.config.DATA_DIR, 'files')),
      now: new Date(),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(await snapshotOf(target)).toEqual(before);
  });

  it('refuses to restore an older archive into a database at a newer migration level, even with --force', async () => {
    // The archive of a database at migration level 2 (the third migration not yet applied).
    const older = await createEmptyDatabase('cv_older');
    await runMigrations(older, copyFirstMigrations(tmp('migrations'), 2));
    const oldArchive = (await serviceFor(older, tmp('older')).createArchive(KEY)).archive;
    await older.destroy();

    const target = await emptyTarget();
    targets.push(target);
    const current = await target.open();
    await runMigrations(current);
    await current.close();
    const options = {
      config: target.config,
      key: KEY,
      files: createLocalFileStorage(join(target.config.DATA_DIR, 'files')),
      now: new Date(),
    };
    const error = await restoreBackup(oldArchive, { ...options, force: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackupRestoreError);
    expect(error).toMatchObject({
      code: 'target_newer',
      message: expect.stringContaining(`level ${MIGRATION_COUNT}`),
    });
  });

  it('refuses an archive from a newer version of the app', async () => {
    const target = await emptyTarget();
    targets.push(target);
    const partial = copyFirstMigrations(tmp('code'), 1);
    await expect(
      restoreBackup(archive, {
        config: target.config,
        key: KEY,
        force: true,
        files: createLocalFileStorage(join(target.config.DATA_DIR, 'files')),
        now: new Date(),
        migrationsFolder: partial,
      }),
    ).rejects.toMatchObject({ code: 'newer_archive', message: expect.stringContaining('Upgrade') });
  });

  it('says clearly when PostgreSQL client tools are missing', async () => {
    const path = process.env.PATH;
    process.env.PATH = tmp('no-tools');
    try {
      await expect(toolMajor('pg_restore')).rejects.toThrow(/pg_restore was not found.*postgresql-client/);
    } finally {
      process.env.PATH = path;
    }
    expect(await toolMajor('pg_dump')).toBeGreaterThanOrEqual(13);
  });

  it('the daily run writes an archive and keeps only what retention says', async () => {
    const dir = tmp('daily');
    const clock = new ManualClock('2026-03-02T03:15:00Z');
    const service = serviceFor(source, dir, clock);
    const made: string[] = [];
    for (let day = 0; day < 4; day++) {
      made.push((await service.runDaily(KEY)).key);
      clock.advance(86_400_000);
    }
    const kept = await createLocalFileStorage(join(dir, 'backups')).list('');
    // 2 daily (the newest two days) + the newest of 2 weeks: 2026-03-02..05 is one ISO week, so nothing more.
    expect(kept).toEqual(made.slice(2));
    expect(existsSync(join(dir, 'backups', made[3]!))).toBe(true);
  });
});
