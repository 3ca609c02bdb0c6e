import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../../config.ts';
import { acquireDataDirLock } from '../../db/client.ts';
import type { FileStorage } from '../../integrations/storage/index.ts';
import { keyId, openArchive, type BackupManifest } from './backup.archive.ts';
import {
  codeMigrationLevel,
  dropMovedAside,
  inspectPglite,
  inspectPostgres,
  moveAsidePostgres,
  pgliteDir,
  restorePglite,
  restorePostgres,
  undoMoveAside,
  type TargetState,
} from './backup.repo.ts';
import { DATABASE_ENTRY, FILES_PREFIX, SECRETS_ENTRY } from './backup.service.ts';

export type RestoreRefusal =
  'newer_archive' | 'engine_mismatch' | 'encryption_key_mismatch' | 'target_newer' | 'not_empty';

export class BackupRestoreError extends Error {
  constructor(
    readonly code: RestoreRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'BackupRestoreError';
  }
}

export interface RestoreOptions {
  config: Config;
  /** BACKUP_KEY as bytes. */
  key: Buffer;
  /** Replace a database that already holds tables (the embedded one is moved aside, not deleted). */
  force: boolean;
  /** Where uploaded files are written back (the platform's file storage). */
  files: FileStorage;
  now: Date;
  migrationsFolder?: string;
}

export interface RestoreResult {
  manifest: BackupManifest;
  files: number;
  /** Paths moved aside instead of deleted (embedded database, secrets). */
  movedAside: string[];
}

/**
 * Restores an archive into the configured database (DATABASE_URL, or the embedded one in DATA_DIR). Every check runs
 * before anything is written: the archive's integrity and key, its migration level against this code's, the engine,
 * the ENCRYPTION_KEY the data needs, and the target (empty, or `force` and not at a newer migration level).
 */
export async function restoreBackup(archive: Buffer, options: RestoreOptions): Promise<RestoreResult> {
  const { config } = options;
  const { manifest, entries } = openArchive(archive, options.key);
  const entry = (name: string) => entries.find((e) => e.name === name)?.data;

  const codeLevel = await codeMigrationLevel(options.migrationsFolder);
  if (manifest.migration.count > codeLevel) {
    throw new BackupRestoreError(
      'newer_archive',
      `The archive is at migration level ${manifest.migration.count} (app ${manifest.appVersion}); this version knows ` +
        `${codeLevel}. Upgrade Cloud Vértice first, then restore.`,
    );
  }
  const engine = config.embedded ? 'pglite' : 'postgres';
  if (manifest.engine !== engine) {
    throw new BackupRestoreError(
      'engine_mismatch',
      `The archive holds the ${describe(manifest.engine)} database; this configuration uses the ${describe(engine)} ` +
        `one. ${manifest.engine === 'postgres' ? 'Set DATABASE_URL' : 'Unset DATABASE_URL'} and run the restore again.`,
    );
  }
  const archivedSecrets = entry(SECRETS_ENTRY);
  const dataKey = config.ENCRYPTION_KEY ?? secretKey(archivedSecrets) ?? secretKey(localSecrets(config));
  if (!dataKey || keyId(dataKey).toString('hex') !== manifest.encryptionKeyId) {
    throw new BackupRestoreError(
      'encryption_key_mismatch',
      'The archived data was encrypted with another ENCRYPTION_KEY: set ENCRYPTION_KEY to the key in use when ' +
        'the backup was made (without it, stored credentials and secrets cannot be read).',
    );
  }
  const dump = entry(DATABASE_ENTRY[manifest.engine]);
  if (!dump) throw new BackupRestoreError('engine_mismatch', 'The archive holds no database dump.');

  const movedAside: string[] = [];
  const stamp = options.now.toISOString().replace(/[-:.]/g, '');
  if (engine === 'pglite') {
    mkdirSync(config.DATA_DIR, { recursive: true });
    // Refuses while the server (or anything else) has the embedded database open.
    const release = acquireDataDirLock(config.DATA_DIR);
    try {
      assertRestorable(await inspectPglite(config.DATA_DIR), manifest, options.force);
      const dir = pgliteDir(config.DATA_DIR);
      const aside = existsSync(dir) && readdirSync(dir).length > 0 ? `${dir}.before-restore-${stamp}` : null;
      if (aside) renameSync(dir, aside);
      try {
        await restorePglite(config.DATA_DIR, dump);
      } catch (error) {
        // Put the previous database back as it was.
        rmSync(dir, { recursive: true, force: true });
        if (aside) renameSync(aside, dir);
        throw error;
      }
      if (aside) movedAside.push(aside);
    } finally {
      release();
    }
  } else {
    const url = config.DATABASE_URL!;
    const target = await inspectPostgres(url);
    assertRestorable(target, manifest, options.force);
    // The current schemas are renamed, not dropped, until the restore (one transaction) has succeeded.
    const suffix = `_before_restore_${stamp.toLowerCase()}`;
    const schemas = target.empty ? [] : await moveAsidePostgres(url, suffix);
    try {
      await restorePostgres(url, dump, manifest.dumpToolMajor);
    } catch (error) {
      if (schemas.length) await undoMoveAside(url, schemas, suffix);
      throw error;
    }
    if (schemas.length) await dropMovedAside(url, schemas, suffix);
  }

  if (archivedSecrets && !config.ENCRYPTION_KEY) {
    const file = join(config.DATA_DIR, SECRETS_ENTRY);
    const current = localSecrets(config);
    if (current && !current.equals(archivedSecrets)) {
      const aside = `${file}.before-restore-${stamp}`;
      renameSync(file, aside);
      movedAside.push(aside);
    }
    writeFileSync(file, archivedSecrets, { mode: 0o600 });
  }

  let files = 0;
  for (const e of entries) {
    if (!e.name.startsWith(FILES_PREFIX)) continue;
    await options.files.put(e.name.slice(FILES_PREFIX.length), e.data, 'application/octet-stream');
    files++;
  }
  return { manifest, files, movedAside };
}

function assertRestorable(target: TargetState, manifest: BackupManifest, force: boolean): void {
  if (target.empty) return;
  if (target.level.count > manifest.migration.count) {
    throw new BackupRestoreError(
      'target_newer',
      `The target database is at migration level ${target.level.count}, newer than the archive's ` +
        `${manifest.migration.count}: restoring would move it back under a newer schema. Restore into an empty ` +
        'database; the next start migrates it forward.',
    );
  }
  if (!force) {
    throw new BackupRestoreError(
      'not_empty',
      'The target database is not empty. Run the restore again with --force to replace it' +
        ' (the embedded database is moved aside, not deleted; a PostgreSQL database is replaced once the restore has succeeded).',
    );
  }
}

const describe = (engine: 'pglite' | 'postgres') =>
  engine === 'pglite' ? 'embedded (PGlite)' : 'PostgreSQL (DATABASE_URL)';

function localSecrets(config: Config): Buffer | undefined {
  const file = join(config.DATA_DIR, SECRETS_ENTRY);
  return existsSync(file) ? readFileSync(file) : undefined;
}

function secretKey(secrets: Buffer | undefined): string | undefined {
  if (!secrets) return undefined;
  try {
    return (JSON.parse(secrets.toString('utf8')) as { encryptionKey?: string }).encryptionKey;
  } catch {
    return undefined;
  }
}
