/**
 * `npm run restore -- <file> [--force]`: restores an archive made by `npm run backup` into the configured database
 * (DATABASE_URL, or the embedded one in DATA_DIR; the server must be stopped). `<file>` is a path, or the name of an
 * archive in DATA_DIR/backups or the S3 bucket. A database that already holds tables is replaced only with --force.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createFileStorage } from '../integrations/storage/index.ts';
import { restoreBackup } from '../modules/backup/backup.restore.ts';
import { backupDestination } from '../modules/backup/backup.service.ts';
import { fail, loadBackupConfig } from './backup-cli.ts';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { force: { type: 'boolean', default: false } },
    allowPositionals: true,
  });
  const file = positionals[0];
  if (!file) throw new Error('Usage: npm run restore -- <archive file or name> [--force]');
  const { config, key } = loadBackupConfig();
  const files = createFileStorage(config);
  const destination = backupDestination(config);
  try {
    const archive = existsSync(file)
      ? readFileSync(file)
      : await destination.storage.get(`${destination.prefix}${file}`).catch(() => {
          throw new Error(`No archive at ${file} (neither a file nor a name in the backup destination).`);
        });
    const result = await restoreBackup(archive, { config, key, force: values.force, files, now: new Date() });
    const { manifest } = result;
    process.stdout.write(
      `✔ Restored the backup of ${manifest.createdAt} (app ${manifest.appVersion}, ${manifest.engine}, ` +
        `migration level ${manifest.migration.count}, ${result.files} uploaded files).\n`,
    );
    for (const path of result.movedAside) process.stdout.write(`  The previous data was moved to ${path}\n`);
    process.stdout.write('  Start the server: it applies any newer migrations.\n');
  } finally {
    files.close?.();
    destination.storage.close?.();
  }
}

main().catch(fail);
