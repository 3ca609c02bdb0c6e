// Shared test setup: a simulator on 127.0.0.1 and a client wired to it with captured logs and metrics.
import { createContaboClient } from '../../src/index.ts';
import type { CallMetric, ContaboClient, ContaboClientOptions } from '../../src/index.ts';
import { startContaboSimulator } from '../../src/simulator/index.ts';
import type { ContaboSimulator, SimulatorOptions } from '../../src/simulator/index.ts';

export interface Harness {
  sim: ContaboSimulator;
  client: ContaboClient;
  logs: Array<{ level: string; obj: object; msg?: string }>;
  metrics: CallMetric[];
  makeClient(overrides?: Partial<ContaboClientOptions>): ContaboClient;
}

export async function startHarness(
  simOptions: SimulatorOptions = {},
  clientOptions: Partial<ContaboClientOptions> = {},
): Promise<Harness> {
  const sim = await startContaboSimulator({ timing: { provisionMs: 10_000, actionMs: 3000 }, ...simOptions });
  const logs: Harness['logs'] = [];
  const metrics: CallMetric[] = [];
  const entry = (level: string) => (obj: object, msg?: string) => void logs.push({ level, obj, msg });
  const makeClient = (overrides: Partial<ContaboClientOptions> = {}) =>
    createContaboClient({
      authUrl: sim.authUrl,
      apiUrl: sim.apiUrl,
      ...sim.credentials,
      // Fast, deterministic defaults for tests: no rate limiting unless a test asks for it.
      rateLimit: { requestsPerSecond: 10_000, burst: 10_000 },
      backoff: { baseDelayMs: 1, maxDelayMs: 5 },
      logger: { debug: entry('debug'), info: entry('info'), warn: entry('warn'), error: entry('error') },
      onCall: (m) => metrics.push(m),
      ...clientOptions,
      ...overrides,
    });
  return { sim, client: makeClient(), logs, metrics, makeClient };
}
