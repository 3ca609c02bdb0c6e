// Demo mode keeps the simulated Contabo account in a JSON file so that a restart finds the same servers. Writes are
// debounced (one per burst of changes) and atomic (a temp file renamed over the old one): a crash leaves either the
// previous state or the new one, never half a file.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SimState, SimStateData } from './state.ts';

export interface StatePersister {
  /** A change happened: write soon. */
  schedule(): void;
  /** Write now if anything is pending (on close). */
  flush(): void;
}

/**
 * Loads `file` into `state` when it exists; returns false when there was nothing usable. A file that cannot be read
 * (edited by hand, another version) is kept beside as `<file>.unreadable-<time>` and the seed is used instead.
 */
export function loadPersistedState(state: SimState, file: string): boolean {
  if (!existsSync(file)) return false;
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as SimStateData;
    if (data.version !== 1 || !Array.isArray(data.instances)) throw new Error('unknown format');
    state.importData(data);
    return true;
  } catch {
    renameSync(file, `${file}.unreadable-${Date.now()}`);
    return false;
  }
}

export function createStatePersister(state: SimState, file: string, debounceMs = 200): StatePersister {
  let timer: NodeJS.Timeout | null = null;
  const write = () => {
    timer = null;
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(state.exportData()), { mode: 0o600 });
    renameSync(temp, file);
  };
  return {
    schedule() {
      if (!timer) timer = setTimeout(write, debounceMs);
    },
    flush() {
      if (!timer) return;
      clearTimeout(timer);
      write();
    },
  };
}
