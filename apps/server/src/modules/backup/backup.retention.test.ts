import { describe, expect, it } from 'vitest';
import { archiveName, archiveTime, archivesToDelete } from './backup.retention.ts';

const at = (iso: string) => archiveName(new Date(iso));

describe('backup retention', () => {
  it('names archives by their UTC time and reads it back', () => {
    expect(at('2026-03-02T03:15:07.123Z')).toBe('cloud-vertice-20260302T031507Z.cvbak');
    expect(archiveTime(`backups/${at('2026-03-02T03:15:07Z')}`)).toEqual(new Date('2026-03-02T03:15:07Z'));
    expect(archiveTime('backups/notes.txt')).toBeNull();
  });

  it('keeps the newest archive of the last N days and of the last M ISO weeks, and nothing else of ours', () => {
    // 30 daily archives from Monday 2026-02-02 to Tuesday 2026-03-03, two on the last day.
    const keys = Array.from({ length: 30 }, (_, i) =>
      at(new Date(Date.UTC(2026, 1, 2 + i, 3, 15)).toISOString()),
    );
    keys.push(at('2026-03-03T12:00:00Z'), 'someone-elses-file.tar');
    const doomed = archivesToDelete(keys, { daily: 3, weekly: 3 });
    const kept = keys.filter((k) => !doomed.includes(k));
    expect(kept).toEqual([
      at('2026-02-22T03:15:00Z'), // Sunday: the newest of the week of 16 Feb
      at('2026-03-01T03:15:00Z'), // Sunday: daily, and the newest of the week of 23 Feb
      at('2026-03-02T03:15:00Z'), // daily
      at('2026-03-03T12:00:00Z'), // daily, the newest of 3 Mar, and of the week of 2 Mar
      'someone-elses-file.tar',
    ]);
    expect(doomed).toContain(at('2026-03-03T03:15:00Z'));
    expect(doomed).toHaveLength(keys.length - 5);
  });

  it('keeps everything while there are fewer archives than the policy allows', () => {
    const keys = [at('2026-03-01T03:15:00Z'), at('2026-03-02T03:15:00Z')];
    expect(archivesToDelete(keys, { daily: 7, weekly: 4 })).toEqual([]);
  });
});
