/**
 * What a Contabo-like server saw of a paced burst, from its own arrival times: the calls per second from first to last
 * (the pacer's rate), the most in any one-second window (which also holds the jitter), and the instances called more
 * than once.
 */
export function pacingFigures(calls: Array<{ at: number; path: string }>) {
  const sorted = [...calls].sort((a, b) => a.at - b.at);
  const averageRate =
    sorted.length > 1 ? (sorted.length - 1) / ((sorted.at(-1)!.at - sorted[0]!.at) / 1000) : 0;
  let maxPerSecond = 0;
  for (let a = 0, b = 0; a < sorted.length; a++) {
    while (sorted[a]!.at - sorted[b]!.at >= 1000) b++;
    maxPerSecond = Math.max(maxPerSecond, a - b + 1);
  }
  const perInstance = new Map<string, number>();
  for (const call of sorted) perInstance.set(call.path, (perInstance.get(call.path) ?? 0) + 1);
  const repeated = [...perInstance.values()].filter((n) => n > 1).length;
  return { averageRate, maxPerSecond, repeated };
}
