import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import S3rver from 's3rver';
import { loadConfig } from '../../src/config.ts';
import { createFileStorage } from '../../src/integrations/storage/index.ts';
import { createLocalFileStorage } from '../../src/integrations/storage/local.ts';
import type { FileStorage } from '../../src/integrations/storage/storage.ts';
import { PNG } from '../tickets-helpers.ts';
import { ManualClock } from '../../src/lib/clock.ts';
import { createLogger } from '../../src/lib/logger.ts';
import { openArchive } from '../../src/modules/backup/backup.archive.ts';
import { backupDestination, createBackupService } from '../../src/modules/backup/backup.service.ts';
import { TEST_ENV, TEST_SECRETS } from '../app.ts';
import { createTestDatabase } from '../db.ts';

/** A real S3-compatible server (s3rver, from npm) on a spare local port: the adapter speaks the actual protocol. */
let s3: S3rver;
let endpoint: string;

beforeAll(async () => {
  s3 = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory: mkdtempSync(join(tmpdir(), 'cv-s3rver-')),
    configureBuckets: [{ name: 'cv-attachments', configs: [] }],
  });
  const address = (await s3.run()) as AddressInfo;
  endpoint = `http://127.0.0.1:${address.port}`;
});
afterAll(async () => {
  await s3.close();
});

async function roundTrip(storage: FileStorage) {
  const key = `tickets/${crypto.randomUUID()}`;
  await storage.put(key, PNG, 'image/png');
  expect((await storage.get(key)).equals(PNG)).toBe(true);
  const sibling = `${key}-b/c.png`;
  await storage.put(sibling, PNG, 'image/png');
  expect(await storage.list(key)).toEqual([key, sibling]);
  expect(await storage.list('elsewhere/')).toEqual([]);
  await storage.delete(key);
  await storage.delete(sibling);
  await expect(storage.get(key)).rejects.toThrow();
  expect(await storage.list(key)).toEqual([]);
}

describe('file storage adapters', () => {
  it('S3-compatible storage (chosen from S3_* variables) stores, reads and deletes', async () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      S3_ENDPOINT: endpoint,
      S3_BUCKET: 'cv-attachments',
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
    });
    const storage = createFileStorage(config);
    expect(storage.kind).toBe('s3');
    try {
      await roundTrip(storage);
    } finally {
      storage.close?.();
    }
  });

  it('the local disk (default) stores, reads and deletes, and refuses keys that could escape its folder', async () => {
    const storage = createLocalFileStorage(mkdtempSync(join(tmpdir(), 'cv-files-')));
    await roundTrip(storage);
    await expect(storage.put('../escape', PNG, 'image/png')).rejects.toThrow(/unsafe/);
    await expect(storage.get('tickets/../../etc/passwd')).rejects.toThrow(/unsafe/);
  });

  it('backups go to backups/ in the bucket when S3 is configured, and retention prunes them there', async () => {
    const config = loadConfig({
      ...TEST_ENV,
      S3_ENDPOINT: endpoint,
      S3_BUCKET: 'cv-attachments',
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      BACKUP_KEY: 'cd'.repeat(32),
      BACKUP_KEEP_DAILY: '1',
      BACKUP_KEEP_WEEKLY: '0',
    });
    const database = await createTestDatabase();
    const destination = backupDestination(config);
    const clock = new ManualClock('2026-03-02T03:15:00Z');
    try {
      expect(destination).toMatchObject({ prefix: 'backups/', storage: { kind: 's3' } });
      const service = createBackupService({
        config,
        database,
        encryptionKey: TEST_SECRETS.encryptionKey,
        files: destination.storage,
        destination,
        clock,
        logger: createLogger('silent'),
      });
      const key = Buffer.from(config.BACKUP_KEY!, 'hex');
      const first = await service.runDaily(key);
      clock.advanceDays(1);
      const second = await service.runDaily(key);
      expect(second.deleted).toEqual([first.key]);
      expect(await destination.storage.list('backups/')).toEqual([second.key]);
      const { manifest } = openArchive(await destination.storage.get(second.key), key);
      // Attachments on S3 stay in the bucket: the archive holds the database only.
      expect(manifest.files).toEqual({ storage: 's3', count: 0 });
    } finally {
      destination.storage.close?.();
      await database.destroy();
    }
  }, 120_000);

  it('half an S3 configuration is a configuration error', () => {
    expect(() => loadConfig({ NODE_ENV: 'test', S3_BUCKET: 'x' })).toThrow(/S3 storage is incomplete/);
  });
});
