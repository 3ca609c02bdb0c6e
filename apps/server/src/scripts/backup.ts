/**
 * `npm run backup [-- --output <file>]`: an encrypted archive of the whole state (database, uploaded files on the
 * local disk, the embedded secrets) written to DATA_DIR/backups, the S3 bucket when S3_* is set, or `--output`.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/client.ts';
import { createFileStorage } from '../integrations/storage/index.ts';
import { systemClock } from '../lib/clock.ts';
import { createLogger } from '../lib/logger.ts';
import { backupDestination, createBackupService } from '../modules/backup/backup.service.ts';
import { resolveSecrets } from '../secrets.ts';
import { fail, loadBackupConfig } from './backup-cli.ts';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { output: { type: 'string' } } });
  const { config, key } = loadBackupConfig();
  const database = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    poolMax: 2,
  });
  const files = createFileStorage(config);
  const destination = backupDestination(config);
  try {
    const service = createBackupService({
      config,
      database,
      encryptionKey: resolveSecrets(config).encryptionKey,
      files,
      destination,
      clock: systemClock,
      logger: createLogger('warn'),
    });
    if (values.output) {
      const { archive, manifest } = await service.createArchive(key);
      writeFileSync(values.output, archive, { mode: 0o600 });
      process.stdout.write(
        `✔ ${values.output} (${archive.length} bytes, ${manifest.entries.length} entries)\n`,
      );
    } else {
      const made = await service.backupNow(key);
      const where =
        destination.storage.kind === 's3' ? `s3://${config.S3_BUCKET}/` : `${config.DATA_DIR}/backups/`;
      process.stdout.write(`✔ ${where}${made.key.replace(/^backups\//, '')} (${made.size} bytes)\n`);
    }
  } finally {
    files.close?.();
    destination.storage.close?.();
    await database.close();
  }
}

main().catch(fail);
