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
  await storage.delete(key);
  await expect(storage.get(key)).rejects.toThrow();
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

  it('half an S3 configuration is a configuration error', () => {
    expect(() => loadConfig({ NODE_ENV: 'test', S3_BUCKET: 'x' })).toThrow(/S3 storage is incomplete/);
  });
});
