import { readdirSync, readFileSync } from 'node:fs';

/** CPU time (user + system, seconds) a process has used so far: a fair yardstick on a shared machine. */
export function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (100 Hz)
  } catch {
    return 0;
  }
}

/**
 * CPU time of every PostgreSQL process on the machine over a window, read each second per process: a backend that
 * exits in the window (a pool closing an idle connection) counts up to its last reading instead of taking its whole
 * life's CPU off the total; one that starts in the window counts from zero.
 */
export function postgresCpuMeter() {
  let last = new Map<number, number>();
  let used = 0;
  let timer: NodeJS.Timeout | undefined;
  const read = () => {
    const now = new Map<number, number>();
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres')
          now.set(Number(pid), cpuSeconds(Number(pid)));
      } catch {
        // process gone
      }
    }
    return now;
  };
  const sample = () => {
    const now = read();
    for (const [pid, seconds] of now) used += seconds - (last.get(pid) ?? 0);
    last = now;
  };
  return {
    start() {
      last = read();
      used = 0;
      timer = setInterval(sample, 1_000);
    },
    stop(): number {
      clearInterval(timer);
      sample();
      return used;
    },
  };
}
