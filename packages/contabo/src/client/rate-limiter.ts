// Client-side token bucket shared by every caller of one client instance. Each acquire() reserves a token
// immediately (the balance may go negative) and waits until that token would have been refilled, so concurrent
// callers are served FIFO without an explicit queue and a burst never exceeds `burst + rate × elapsed`.

export interface RateLimiterOptions {
  requestsPerSecond: number;
  burst: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

export interface RateLimiter {
  /** Resolves when the caller may send one request. */
  acquire(): Promise<void>;
}

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { requestsPerSecond: rate, burst, now, sleep } = options;
  if (!(rate > 0) || !(burst >= 1)) throw new Error('rateLimit needs requestsPerSecond > 0 and burst >= 1');
  let tokens = burst;
  let last = now();
  return {
    async acquire() {
      const t = now();
      tokens = Math.min(burst, tokens + ((t - last) * rate) / 1000);
      last = t;
      tokens -= 1;
      if (tokens < 0) await sleep(Math.ceil((-tokens * 1000) / rate));
    },
  };
}
