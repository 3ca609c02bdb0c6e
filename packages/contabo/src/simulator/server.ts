// startContaboSimulator: a stateful fastify server on 127.0.0.1 with a Keycloak-like token endpoint and the
// Contabo API under /v1 (auth, x-request-id checks, spec-like validation, faults, counters), plus /__control.
import Fastify from 'fastify';
import { randomUUID } from 'node:crypto';
import { createControl, registerControlRoutes } from './control.ts';
import type { SimulatorControl } from './control.ts';
import { createFaults } from './faults.ts';
import type { FaultSpec } from './faults.ts';
import { SimHttpError, createRouter } from './http-kit.ts';
import type { Query } from './http-kit.ts';
import { instanceRoutes } from './routes-instances.ts';
import { networkRoutes } from './routes-network.ts';
import { resourceRoutes } from './routes-resources.ts';
import { createStatePersister, loadPersistedState } from './persist.ts';
import { SimState } from './state.ts';
import type { SimTiming } from './state.ts';

export const TOKEN_PATH = '/auth/realms/contabo/protocol/openid-connect/token';
const REQUEST_ID =
  /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-5][0-9A-Fa-f]{3}-[089abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$/;

export interface SimCredentials {
  clientId: string;
  clientSecret: string;
  username: string;
  password: string;
}

/** Demo credentials accepted by default. */
export const DEFAULT_SIM_CREDENTIALS: SimCredentials = {
  clientId: 'sim-client',
  clientSecret: 'sim-client-secret',
  username: 'api@cloudvertice.test',
  password: 'Sim-Password-123!',
};

export interface SimulatorOptions {
  /** Default 0 (random free port). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  credentials?: Partial<SimCredentials>;
  /** Access token lifetime in seconds, default 300. */
  tokenExpiresIn?: number;
  /** Clock; `control.advance()` adds an offset on top. Default Date.now. */
  now?: () => number;
  /** Status transition durations (defaults provisionMs 10000, actionMs 3000). */
  timing?: Partial<SimTiming>;
  /** Seed ~6 instances (default true). Images are always present. */
  seed?: boolean;
  /** Snapshots per instance: default 2, V8/V9 3. */
  snapshotQuota?: { default?: number; byProduct?: Record<string, number> };
  /** For probabilistic faults. */
  random?: () => number;
  /**
   * Server-side rate limit (token bucket on the simulator clock) answering 429 like Contabo would. Off by default:
   * Contabo publishes no numbers, so tests opt in with their own values.
   */
  rateLimit?: {
    requestsPerSecond: number;
    burst: number;
    /** `mutations`: only POST/PUT/PATCH/DELETE count (and can get 429), as when pacing mutating calls. */
    scope?: 'all' | 'mutations';
  };
  /**
   * Keep the account in this JSON file (demo mode: DATA_DIR): loaded at start instead of the seed when present,
   * rewritten after changes. Unset (tests, the bench): memory only.
   */
  persistFile?: string;
}

export interface ContaboSimulator {
  /** Base URL, e.g. http://127.0.0.1:5550 */
  url: string;
  /** Full token URL. */
  authUrl: string;
  /** API base (same as url; paths start with /v1). */
  apiUrl: string;
  credentials: SimCredentials;
  control: SimulatorControl;
  close(): Promise<void>;
}

const FAULT_MESSAGES: Record<number, string> = {
  429: 'Rate-limit reached. Please wait for some time before doing more requests.',
  500: 'Internal Server Error, retry or contact support',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export async function startContaboSimulator(options: SimulatorOptions = {}): Promise<ContaboSimulator> {
  const credentials = { ...DEFAULT_SIM_CREDENTIALS, ...options.credentials };
  const expiresIn = options.tokenExpiresIn ?? 300;
  const seed = options.seed ?? true;
  const state = new SimState({
    now: options.now,
    timing: options.timing,
    snapshotQuota: options.snapshotQuota,
    username: credentials.username,
  });
  state.reset(seed);
  if (options.persistFile) loadPersistedState(state, options.persistFile);
  const persister = options.persistFile ? createStatePersister(state, options.persistFile) : null;
  const faults = createFaults(options.random ?? Math.random);
  const control = createControl(state, faults, seed);
  const router = createRouter([...instanceRoutes, ...resourceRoutes, ...networkRoutes]);

  const limiter = options.rateLimit ? serverRateLimiter(options.rateLimit, () => state.now()) : null;
  const hanging = new Set<() => void>();
  const delay = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        hanging.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      hanging.add(done);
    });

  const app = Fastify({ logger: false, forceCloseConnections: true });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  app.setErrorHandler((err: { statusCode?: number; message: string }, _req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 ? err.statusCode : 500;
    void reply.code(status).send({ statusCode: status, message: err.message });
  });
  app.setNotFoundHandler((req, reply) => {
    void reply.code(404).send({ statusCode: 404, message: `Cannot ${req.method} ${req.url.split('?')[0]}` });
  });

  app.post(TOKEN_PATH, async (req, reply) => {
    state.counters.tokenRequests += 1;
    const injected = faults.take(true, 'POST', TOKEN_PATH)[0];
    const form = (req.body ?? {}) as Record<string, string>;
    const fail = (status: number, error: string, description: string) =>
      reply.code(status).send({ error, error_description: description });
    if (injected) {
      state.counters.faultsApplied += 1;
      const status = injected.status ?? 401;
      return status === 401
        ? fail(401, 'invalid_grant', 'Invalid user credentials')
        : fail(status, 'temporarily_unavailable', injected.message ?? 'Simulated token endpoint failure');
    }
    if (form.grant_type !== 'password') return fail(400, 'unsupported_grant_type', 'Unsupported grant_type');
    if (form.client_id !== credentials.clientId || form.client_secret !== credentials.clientSecret) {
      return fail(401, 'invalid_client', 'Invalid client or Invalid client credentials');
    }
    if (form.username !== credentials.username || form.password !== credentials.password) {
      return fail(401, 'invalid_grant', 'Invalid user credentials');
    }
    return {
      access_token: state.issueToken(expiresIn),
      expires_in: expiresIn,
      refresh_expires_in: 1800,
      refresh_token: randomUUID(),
      token_type: 'Bearer',
      'not-before-policy': 0,
      session_state: randomUUID(),
      scope: 'profile email',
    };
  });

  app.route({
    method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    url: '/v1/*',
    handler: async (req, reply) => {
      const method = req.method;
      const path = req.url.split('?')[0] ?? '';
      const requestId = req.headers['x-request-id'];
      const traceHeader = req.headers['x-trace-id'];
      const traceId = typeof traceHeader === 'string' ? traceHeader : null;
      const matched = router.match(method, path);
      const operationId = matched?.route.operationId ?? null;
      state.counters.apiRequests += 1;
      if (operationId)
        state.counters.byOperation[operationId] = (state.counters.byOperation[operationId] ?? 0) + 1;
      const send = (status: number, body?: unknown) => {
        state.counters.byStatus[status] = (state.counters.byStatus[status] ?? 0) + 1;
        state.logRequest({
          at: state.now(),
          method,
          path,
          operationId,
          status,
          requestId: typeof requestId === 'string' ? requestId : null,
          traceId,
        });
        if (status === 204 || body === undefined) return reply.code(status).send();
        return reply.code(status).header('content-type', 'application/json').send(JSON.stringify(body));
      };
      const error = (status: number, message: string | string[]) =>
        send(status, { statusCode: status, message });

      const auth = req.headers.authorization;
      const token = typeof auth === 'string' && auth.startsWith('Bearer ') ? auth.slice(7) : null;
      if (!token || !state.tokenValid(token)) return error(401, 'Unauthorized');
      if (typeof requestId !== 'string' || !REQUEST_ID.test(requestId)) {
        return error(400, ['x-request-id header must be a UUID matching ' + REQUEST_ID.source]);
      }
      if (!matched) return error(404, `Cannot ${method} ${path}`);

      if (limiter && (options.rateLimit?.scope !== 'mutations' || method !== 'GET') && !limiter()) {
        return error(429, FAULT_MESSAGES[429] ?? 'Too Many Requests');
      }

      const applied = faults.take(false, method, path);
      state.counters.faultsApplied += applied.length;
      const phase = (f: FaultSpec) => f.when ?? 'before';
      for (const f of applied) if (f.kind === 'latency') await delay(f.latencyMs ?? 1000);
      const failWith = (f: FaultSpec) => {
        const status = f.status ?? (f.kind === 'rate_limit' ? 429 : 500);
        return error(status, f.message ?? FAULT_MESSAGES[status] ?? 'Simulated failure');
      };
      for (const f of applied.filter((x) => phase(x) === 'before')) {
        if (f.kind === 'timeout') {
          await delay(f.latencyMs ?? 120_000);
          return error(504, FAULT_MESSAGES[504] ?? 'Gateway Timeout');
        }
        if (f.kind === 'rate_limit' || f.kind === 'server_error') return failWith(f);
      }

      let status: number;
      let body: unknown;
      try {
        const res = matched.route.handler({
          params: matched.params,
          query: req.query as Query,
          body: req.body ?? undefined,
          path,
          requestId,
          traceId,
          state,
        });
        status = res.status;
        body = res.body;
      } catch (err) {
        if (!(err instanceof SimHttpError)) throw err;
        status = err.status;
        body = err.body;
      }
      for (const f of applied.filter((x) => phase(x) === 'after')) {
        if (f.kind === 'timeout') await delay(f.latencyMs ?? 120_000);
        if (f.kind === 'rate_limit' || f.kind === 'server_error') return failWith(f);
      }
      return send(status, body);
    },
  });

  registerControlRoutes(app, control);
  if (persister) {
    // Every change goes through a non-GET request (the lazy status transitions are computed from saved times).
    persister.schedule();
    app.addHook('onResponse', async (req) => {
      if (req.method !== 'GET') persister.schedule();
    });
  }

  const host = options.host ?? '127.0.0.1';
  await app.listen({ port: options.port ?? 0, host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://${host}:${port}`;
  return {
    url,
    authUrl: `${url}${TOKEN_PATH}`,
    apiUrl: url,
    credentials,
    control,
    async close() {
      for (const release of [...hanging]) release();
      await app.close();
      persister?.flush();
    },
  };
}

function serverRateLimiter(
  o: { requestsPerSecond: number; burst: number },
  now: () => number,
): () => boolean {
  let tokens = o.burst;
  let last = now();
  return () => {
    const t = now();
    tokens = Math.min(o.burst, tokens + ((t - last) * o.requestsPerSecond) / 1000);
    last = t;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
}
