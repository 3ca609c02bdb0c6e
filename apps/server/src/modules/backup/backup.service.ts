import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/client.ts';
import { createFileStorage, type FileStorage } from '../../integrations/storage/index.ts';
import { createLocalFileStorage } from '../../integrations/storage/local.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import { keyId, sealArchive, type ArchiveEntry, type BackupManifest } from './backup.archive.ts';
import { dumpDatabase, engineVersion, migrationLevel } from './backup.repo.ts';
import { archiveName, archivesToDelete } from './backup.retention.ts';

export const SECRETS_ENTRY = 'secrets.json';
export const DATABASE_ENTRY = {
  pglite: 'database/pglite.tar.gz',
  postgres: 'database/postgres.dump',
} as const;
export const FILES_PREFIX = 'files/';

/** The running app's version (root package.json), recorded in every manifest. */
export const APP_VERSION = (
  JSON.parse(readFileSync(new URL('../../../../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

/** Where archives go: `backups/` in the S3 bucket when S3_* is set, else DATA_DIR/backups. */
export function backupDestination(config: Config): {
  storage: FileStorage & { close?(): void };
  prefix: string;
} {
  const storage = createFileStorage(config);
  if (storage.kind === 's3') return { storage, prefix: 'backups/' };
  return { storage: createLocalFileStorage(join(config.DATA_DIR, 'backups')), prefix: '' };
}

export interface BackupDeps {
  config: Config;
  database: Database;
  /** The ENCRYPTION_KEY in use: its fingerprint goes into the manifest (restore checks it). */
  encryptionKey: string;
  /** Uploaded files (ticket attachments): copied into the archive when they live on the local disk. */
  files: FileStorage;
  destination: { storage: FileStorage; prefix: string };
  clock: Clock;
  logger: Logger;
}

export function createBackupService(deps: BackupDeps) {
  const { config, database } = deps;

  /** The encrypted archive of the whole state, in memory. */
  async function createArchive(key: Buffer): Promise<{ archive: Buffer; manifest: BackupManifest }> {
    const entries: ArchiveEntry[] = [];
    const dump = await dumpDatabase(database);
    entries.push({ name: DATABASE_ENTRY[database.kind], data: dump.data });
    // Generated embedded secrets: without them the encrypted columns of the restored data cannot be read.
    const secretsFile = join(config.DATA_DIR, SECRETS_ENTRY);
    if (database.kind === 'pglite' && existsSync(secretsFile)) {
      entries.push({ name: SECRETS_ENTRY, data: readFileSync(secretsFile) });
    }
    let fileCount = 0;
    if (deps.files.kind === 'local') {
      for (const fileKey of await deps.files.list('')) {
        entries.push({ name: `${FILES_PREFIX}${fileKey}`, data: await deps.files.get(fileKey) });
        fileCount++;
      }
    }
    return sealArchive(
      {
        appVersion: APP_VERSION,
        createdAt: deps.clock.now().toISOString(),
        engine: database.kind,
        engineVersion: await engineVersion(database),
        dumpToolMajor: dump.toolMajor,
        migration: await migrationLevel(database),
        encryptionKeyId: keyId(deps.encryptionKey).toString('hex'),
        files: { storage: deps.files.kind, count: fileCount },
      },
      entries,
      key,
    );
  }

  /** Writes one archive to the destination; returns its key. */
  async function backupNow(key: Buffer): Promise<{ key: string; size: number; manifest: BackupManifest }> {
    const { archive, manifest } = await createArchive(key);
    const name = `${deps.destination.prefix}${archiveName(deps.clock.now())}`;
    await deps.destination.storage.put(name, archive, 'application/octet-stream');
    return { key: name, size: archive.length, manifest };
  }

  /** Deletes the archives retention does not keep; returns their keys. */
  async function prune(keep: { daily: number; weekly: number }): Promise<string[]> {
    const keys = await deps.destination.storage.list(deps.destination.prefix);
    const doomed = archivesToDelete(keys, keep);
    for (const doomedKey of doomed) await deps.destination.storage.delete(doomedKey);
    return doomed;
  }

  return {
    createArchive,
    backupNow,
    prune,
    /** The daily job: one archive, then retention (BACKUP_KEEP_DAILY / BACKUP_KEEP_WEEKLY). */
    async runDaily(key: Buffer): Promise<{ key: string; deleted: string[] }> {
      const made = await backupNow(key);
      const deleted = await prune({ daily: config.BACKUP_KEEP_DAILY, weekly: config.BACKUP_KEEP_WEEKLY });
      deps.logger.info(
        { archive: made.key, bytes: made.size, deleted: deleted.length },
        'daily backup written',
      );
      return { key: made.key, deleted };
    },
  };
}

export type BackupService = ReturnType<typeof createBackupService>;
