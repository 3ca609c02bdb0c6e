/**
 * Which archives the daily job keeps: the newest archive of each of the last `daily` days that have one, and the
 * newest of each of the last `weekly` ISO weeks (Monday to Sunday, UTC) that have one. Everything else is deleted;
 * names that are not ours are never touched.
 */
const NAME = /^(?:.*\/)?cloud-vertice-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z\.cvbak$/;

export function archiveName(at: Date): string {
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
  return `cloud-vertice-${stamp}.cvbak`;
}

export function archiveTime(key: string): Date | null {
  const m = NAME.exec(key);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  return new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!));
}

function weekStart(at: Date): string {
  const day = (at.getUTCDay() + 6) % 7; // Monday = 0
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() - day))
    .toISOString()
    .slice(0, 10);
}

export function archivesToDelete(keys: string[], keep: { daily: number; weekly: number }): string[] {
  const dated = keys
    .map((key) => ({ key, at: archiveTime(key) }))
    .filter((a): a is { key: string; at: Date } => a.at !== null)
    .sort((a, b) => b.at.getTime() - a.at.getTime());
  const kept = new Set<string>();
  const pick = (bucket: (at: Date) => string, count: number) => {
    const seen = new Set<string>();
    for (const archive of dated) {
      const b = bucket(archive.at);
      if (seen.has(b)) continue;
      if (seen.size >= count) break;
      seen.add(b);
      kept.add(archive.key);
    }
  };
  pick((at) => at.toISOString().slice(0, 10), keep.daily);
  pick(weekStart, keep.weekly);
  return dated.filter((a) => !kept.has(a.key)).map((a) => a.key);
}
