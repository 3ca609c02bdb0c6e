import { createContaboClient, type CallMetric, type ContaboClient } from '@cloud-vertice/contabo';
import { startContaboSimulator, type ContaboSimulator } from '@cloud-vertice/contabo/simulator';
import type { Config } from '../../config.ts';
import type { Logger } from '../../lib/logger.ts';
import { requestDeadline } from '../../lib/request-deadline.ts';

/** What it takes to reach a Contabo API (the real one, or any compatible endpoint such as a simulator). */
export interface ContaboConnection {
  clientId: string;
  clientSecret: string;
  apiUser: string;
  apiPassword: string;
  authUrl: string;
  apiUrl: string;
}

/** Client tuning the operator may change at run time (Ajustes → Contabo). */
export interface ContaboTuning {
  requestsPerSecond: number;
}

export interface ContaboIntegration {
  /** `live` when talking to a configured endpoint, `simulated` when talking to the in-process simulator. */
  readonly mode: 'live' | 'simulated';
  /** Where the live credentials come from: environment variables (they win), admin settings, or none. */
  readonly source: 'env' | 'settings' | 'none';
  /** The current client: read it at call time (`() => contabo.client`), it changes when the operator switches. */
  readonly client: ContaboClient;
  /** Names the Contabo account (its API client id): mutating calls are paced per account. */
  readonly accountKey: string;
  /** Present when the platform started without environment credentials: the in-process simulator. */
  simulator?: ContaboSimulator;
  /** Calls made since start, by method + path template and status (for the benches). */
  callCounts(): Map<string, number>;
  /** Every call attempt of every client this integration builds (metrics). */
  onCall(listener: (metric: CallMetric) => void): () => void;
  /**
   * Switches the running process to these credentials (live) or back to the simulator (null), and applies the tuning.
   * Ignored while environment credentials are set: they win over the admin settings.
   */
  apply(connection: ContaboConnection | null, tuning?: ContaboTuning): void;
  /** A throwaway client for a connection test (same options, never cached). */
  probe(connection: ContaboConnection, options?: { timeoutMs?: number }): ContaboClient;
  close(): Promise<void>;
}

/**
 * With Contabo credentials in the environment the client talks to Contabo and nothing simulated runs. Without them
 * (demo mode, tests) the stateful simulator is started in-process on 127.0.0.1 and the very same client talks to it
 * over HTTP, until the operator saves credentials in Ajustes → Contabo (`apply`), which switches this process to the
 * live API without a restart; the settings broadcast does the same on every other instance.
 */
export async function createContaboIntegration(options: {
  config: Config;
  logger: Logger;
  simulator?: {
    timing?: { provisionMs?: number; actionMs?: number };
    seed?: boolean;
    /** Contabo-like 429s above this rate (tests and benches of the pacing queue). */
    rateLimit?: { requestsPerSecond: number; burst: number; scope?: 'all' | 'mutations' };
    /** Demo mode: the simulated account survives restarts in this file (tests leave it unset: memory only). */
    persistFile?: string;
  };
}): Promise<ContaboIntegration> {
  const { config } = options;
  const logger = options.logger.child({ module: 'contabo' });
  const counts = new Map<string, number>();
  const listeners = new Set<(metric: CallMetric) => void>();
  const onCall = (metric: CallMetric) => {
    const key = `${metric.method} ${metric.pathTemplate} ${metric.status}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    for (const listener of listeners) listener(metric);
  };
  let tuning: ContaboTuning = { requestsPerSecond: config.CONTABO_RATE_LIMIT_PER_SECOND };
  const build = (c: ContaboConnection, extra: { timeoutMs?: number; maxRetries?: number } = {}) =>
    createContaboClient({
      logger,
      onCall,
      rateLimit: { requestsPerSecond: tuning.requestsPerSecond, burst: tuning.requestsPerSecond * 2 },
      authUrl: c.authUrl,
      apiUrl: c.apiUrl,
      clientId: c.clientId,
      clientSecret: c.clientSecret,
      username: c.apiUser,
      password: c.apiPassword,
      // Calls made while serving an HTTP request stop at its deadline (jobs have none).
      deadline: requestDeadline.current,
      ...extra,
    });

  const common = {
    callCounts: () => counts,
    onCall(listener: (metric: CallMetric) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    probe: (c: ContaboConnection, o: { timeoutMs?: number } = {}) =>
      build(c, { timeoutMs: o.timeoutMs ?? 10_000, maxRetries: 0 }),
  };

  if (config.contabo.mode === 'live') {
    const env = config.contabo;
    const connection: ContaboConnection = {
      clientId: env.clientId,
      clientSecret: env.clientSecret,
      apiUser: env.username,
      apiPassword: env.password,
      authUrl: config.CONTABO_AUTH_URL,
      apiUrl: config.CONTABO_API_URL,
    };
    let client = build(connection);
    return {
      ...common,
      mode: 'live',
      source: 'env',
      accountKey: env.clientId,
      get client() {
        return client;
      },
      apply(_connection, next) {
        // Environment credentials win; only the tuning follows the settings.
        if (next && next.requestsPerSecond !== tuning.requestsPerSecond) {
          tuning = next;
          client = build(connection);
        }
      },
      close: async () => undefined,
    };
  }

  const simulator = await startContaboSimulator({
    host: '127.0.0.1',
    port: 0,
    seed: options.simulator?.seed ?? true,
    timing: options.simulator?.timing,
    ...(options.simulator?.rateLimit ? { rateLimit: options.simulator.rateLimit } : {}),
    ...(options.simulator?.persistFile ? { persistFile: options.simulator.persistFile } : {}),
  });
  const simulated: ContaboConnection = {
    clientId: simulator.credentials.clientId,
    clientSecret: simulator.credentials.clientSecret,
    apiUser: simulator.credentials.username,
    apiPassword: simulator.credentials.password,
    authUrl: simulator.authUrl,
    apiUrl: simulator.apiUrl,
  };
  let current: { connection: ContaboConnection | null; client: ContaboClient } = {
    connection: null,
    client: build(simulated),
  };
  return {
    ...common,
    simulator,
    get mode() {
      return current.connection ? ('live' as const) : ('simulated' as const);
    },
    get source() {
      return current.connection ? ('settings' as const) : ('none' as const);
    },
    get client() {
      return current.client;
    },
    get accountKey() {
      return current.connection ? current.connection.clientId : `simulator:${simulator.credentials.clientId}`;
    },
    apply(connection, next) {
      const tuningChanged = next !== undefined && next.requestsPerSecond !== tuning.requestsPerSecond;
      if (next) tuning = next;
      if (!tuningChanged && sameConnection(connection, current.connection)) return;
      current = { connection, client: build(connection ?? simulated) };
      logger.info(
        { mode: connection ? 'live' : 'simulated', apiUrl: connection?.apiUrl ?? null },
        'Contabo connection switched',
      );
    },
    close: () => simulator.close(),
  };
}

function sameConnection(a: ContaboConnection | null, b: ContaboConnection | null): boolean {
  if (!a || !b) return a === b;
  return (Object.keys(a) as (keyof ContaboConnection)[]).every((k) => a[k] === b[k]);
}
