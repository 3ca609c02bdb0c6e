import { spawn } from 'node:child_process';
import type { RequestLogEntry } from '@cloud-vertice/contabo/simulator';
import { freePort, ROOT, stopChild } from './lib.ts';

/**
 * The Contabo simulator in its own process (the package's own CLI), driven through its `/__control` routes. In the
 * load generator's process it shared that busy event loop, so the arrival times it wrote down carried the
 * generator's lag (up to a few hundred ms): a burst paced evenly by the platform could look like 6 calls in one
 * second at 5/s. On its own, nearly idle loop it records when each call really arrived.
 */
export async function startSimulatorProcess(options: {
  ratePerSecond: number;
  actionMs: number;
  provisionMs: number;
}) {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'packages/contabo/src/simulator/cli.ts',
      ...['--port', String(port), '--host', '127.0.0.1', '--no-seed'],
      ...['--action-ms', String(options.actionMs), '--provision-ms', String(options.provisionMs)],
      // Contabo-like: 429 above the configured rate for mutating calls (burst 2: one slot of network jitter).
      ...['--rate-limit', String(options.ratePerSecond), '--rate-scope', 'mutations', '--rate-burst', '2'],
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  // The CLI prints the variables a platform needs, one `NAME=value` per line, once it listens.
  const printed = await new Promise<Record<string, string>>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('the Contabo simulator did not start in 60 s')), 60_000);
    child.once('exit', (code) => reject(new Error(`the Contabo simulator exited (${code})`)));
    child.stdout.on('data', (chunk) => {
      out += String(chunk);
      if (!out.includes('CONTABO_API_PASSWORD=') || !out.includes('\n', out.indexOf('CONTABO_API_PASSWORD=')))
        return;
      clearTimeout(timer);
      resolve(Object.fromEntries(out.match(/CONTABO_[A-Z_]+=\S+/g)!.map((l) => l.split(/=(.*)/s, 2))));
    });
  }).catch(async (error: unknown) => {
    await stopChild(child);
    throw error;
  });
  child.stdout.resume();
  const url = `http://127.0.0.1:${port}`;
  const control = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${url}/__control${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`simulator control ${method} ${path}: ${res.status}`);
    return (await res.json()) as T;
  };
  return {
    authUrl: printed.CONTABO_AUTH_URL!,
    apiUrl: printed.CONTABO_API_URL!,
    credentials: {
      clientId: printed.CONTABO_CLIENT_ID!,
      clientSecret: printed.CONTABO_CLIENT_SECRET!,
      username: printed.CONTABO_API_USER!,
      password: printed.CONTABO_API_PASSWORD!,
    },
    control: {
      seedInstances: async (count: number) =>
        (await control<{ ids: number[] }>('POST', '/seed-instances', { count })).ids,
      resetCounters: () => control('POST', '/counters/reset'),
      now: async () => Date.parse((await control<{ now: string }>('GET', '/clock')).now),
      requestsSince: (since: number) => control<RequestLogEntry[]>('GET', `/requests?since=${since}`),
    },
    close: () => stopChild(child),
  };
}

export type SimulatorProcess = Awaited<ReturnType<typeof startSimulatorProcess>>;
