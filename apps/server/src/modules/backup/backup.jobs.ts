import { z } from 'zod';
import { defineJob } from '../../jobs/queue.ts';
import { parseBackupKey } from './backup.archive.ts';
import type { BackupService } from './backup.service.ts';

/** The optional daily backup (BACKUP_DAILY=true): one archive, then retention. Not retried blindly: a failure alerts. */
export function dailyBackupJob(service: BackupService, options: { cron: string; key: string }) {
  const key = parseBackupKey(options.key);
  return defineJob({
    name: 'backup.daily',
    payload: z.object({}).passthrough(),
    cron: options.cron,
    retryLimit: 1,
    retryDelay: 600,
    handler: async () => {
      await service.runDaily(key);
    },
  });
}
