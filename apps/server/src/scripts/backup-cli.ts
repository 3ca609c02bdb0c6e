/** What `npm run backup` and `npm run restore` share: the configuration and a clear one-line failure. */
import { ConfigError, loadConfig, type Config } from '../config.ts';
import { DataDirLockedError } from '../db/client.ts';
import { parseBackupKey } from '../modules/backup/backup.archive.ts';

export function loadBackupConfig(): { config: Config; key: Buffer } {
  try {
    process.loadEnvFile?.('.env');
  } catch {
    // no .env file
  }
  const config = loadConfig(process.env);
  if (!config.BACKUP_KEY) {
    throw new Error(
      'BACKUP_KEY is not set: 64 hex characters (`openssl rand -hex 32`), kept apart from the server and its data.',
    );
  }
  return { config, key: parseBackupKey(config.BACKUP_KEY) };
}

export function fail(error: unknown): never {
  let message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
  if (error instanceof DataDirLockedError) {
    message +=
      '\nThe embedded database cannot be read while the server runs: stop it first, or let the daily backup ' +
      '(BACKUP_DAILY=true) run inside the server.';
  }
  process.stderr.write(`✖ ${message}\n`);
  process.exit(1);
}
