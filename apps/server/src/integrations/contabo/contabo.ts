import { createContaboClient, type CallMetric, type ContaboClient } from '@cloud-vertice/contabo';
import { startContaboSimulator, type ContaboSimulator } from '@cloud-vertice/contabo/simulator';
import type { Config } from '../../config.ts';
import type { Logger } from '../../lib/logger.ts';

export interface ContaboIntegration {
  mode: 'live' | 'simulated';
  /** Names the Contabo account (its API client id): mutating calls are paced per account. */
  accountKey: string;
  client: ContaboClient;
  /** Present in demo mode only: the in-process simulator the client talks to. */
  simulator?: ContaboSimulator;
  /** Calls made since start, by method + path template and status (for /metrics and the benches). */
  callCounts(): Map<string, number>;
  close(): Promise<void>;
}

/**
 * With Contabo credentials the client talks to Contabo and nothing simulated runs; without them (demo mode, tests)
 * the stateful simulator is started in-process on 127.0.0.1 and the very same client talks to it over HTTP.
 */
export async function createContaboIntegration(options: {
  config: Config;
  logger: Logger;
  simulator?: {
    timing?: { provisionMs?: number; actionMs?: number };
    seed?: boolean;
    /** Contabo-like 429s above this rate (tests and benches of the pacing queue). */
    rateLimit?: { requestsPerSecond: number; burst: number; scope?: 'all' | 'mutations' };
  };
}): Promise<ContaboIntegration> {
  const { config } = options;
  const logger = options.logger.child({ module: 'contabo' });
  const counts = new Map<string, number>();
  const onCall = (metric: CallMetric) => {
    const key = `${metric.method} ${metric.pathTemplate} ${metric.status}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  };
  const common = {
    logger,
    onCall,
    rateLimit: {
      requestsPerSecond: config.CONTABO_RATE_LIMIT_PER_SECOND,
      burst: config.CONTABO_RATE_LIMIT_PER_SECOND * 2,
    },
  };

  if (config.contabo.mode === 'live') {
    const client = createContaboClient({
      ...common,
      authUrl: config.CONTABO_AUTH_URL,
      apiUrl: config.CONTABO_API_URL,
      clientId: config.contabo.clientId,
      clientSecret: config.contabo.clientSecret,
      username: config.contabo.username,
      password: config.contabo.password,
    });
    return {
      mode: 'live',
      accountKey: config.contabo.clientId,
      client,
      callCounts: () => counts,
      close: async () => undefined,
    };
  }

  const simulator = await startContaboSimulator({
    host: '127.0.0.1',
    port: 0,
    seed: options.simulator?.seed ?? true,
    timing: options.simulator?.timing,
    ...(options.simulator?.rateLimit ? { rateLimit: options.simulator.rateLimit } : {}),
  });
  const client = createContaboClient({
    ...common,
    authUrl: simulator.authUrl,
    apiUrl: simulator.apiUrl,
    clientId: simulator.credentials.clientId,
    clientSecret: simulator.credentials.clientSecret,
    username: simulator.credentials.username,
    password: simulator.credentials.password,
  });
  return {
    mode: 'simulated',
    accountKey: `simulator:${simulator.credentials.clientId}`,
    client,
    simulator,
    callCounts: () => counts,
    close: () => simulator.close(),
  };
}
