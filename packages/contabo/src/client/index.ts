// createContaboClient: wires auth, rate limiter and http, and groups one function per Contabo operation.
import type { CallContext, CallMetric, HttpClient, Logger } from './http.ts';
import { createHttpClient } from './http.ts';
import { createTokenProvider } from './auth.ts';
import { createRateLimiter } from './rate-limiter.ts';
import * as instances from './instances.ts';
import * as actions from './actions.ts';
import * as snapshots from './snapshots.ts';
import * as images from './images.ts';
import * as secrets from './secrets.ts';
import * as audits from './audits.ts';
import * as credentials from './credentials.ts';
import * as ptrs from './ptrs.ts';
import * as firewalls from './firewalls.ts';
import type { OneOffCredentials, SecretIds } from './credentials.ts';

export interface ContaboClientOptions {
  /** Full token URL, e.g. https://auth.contabo.com/auth/realms/contabo/protocol/openid-connect/token */
  authUrl: string;
  /** e.g. https://api.contabo.com */
  apiUrl: string;
  clientId: string;
  clientSecret: string;
  /** API user (customer panel e-mail). */
  username: string;
  /** API password (not the panel password). */
  password: string;
  /** Per attempt, default 15000. */
  timeoutMs?: number;
  /** Extra attempts for retryable failures, default 3. */
  maxRetries?: number;
  /** Shared by every caller of this client; default 5 req/s with bursts of 10. */
  rateLimit?: { requestsPerSecond?: number; burst?: number };
  /** Backoff: delay = random() × min(maxDelayMs, baseDelayMs × 2^(attempt−1)); defaults 300 / 8000 ms. */
  backoff?: { baseDelayMs?: number; maxDelayMs?: number };
  logger?: Logger;
  onCall?: (metric: CallMetric) => void;
  fetch?: typeof fetch;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /**
   * The deadline (per `now()`) of the caller's whole operation, read at every call: no attempt outlasts it and no
   * retry starts after it (e.g. the HTTP request being served, so the user gets an answer before a proxy gives up).
   * A call's own `ctx.deadline` wins. None: only `timeoutMs` per attempt and `maxRetries` bound a call.
   */
  deadline?: () => number | undefined;
}

export type ContaboClient = ReturnType<typeof createContaboClient>;

export function createContaboClient(options: ContaboClientOptions) {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const doFetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const auth = createTokenProvider({
    authUrl: options.authUrl,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    username: options.username,
    password: options.password,
    fetch: doFetch,
    now,
    timeoutMs,
    logger: options.logger,
  });
  const limiter = createRateLimiter({
    requestsPerSecond: options.rateLimit?.requestsPerSecond ?? 5,
    burst: options.rateLimit?.burst ?? 10,
    now,
    sleep,
  });
  const http = createHttpClient({
    apiUrl: options.apiUrl,
    auth,
    limiter,
    fetch: doFetch,
    now,
    sleep,
    random: options.random ?? Math.random,
    timeoutMs,
    maxRetries: options.maxRetries ?? 3,
    backoff: {
      baseDelayMs: options.backoff?.baseDelayMs ?? 300,
      maxDelayMs: options.backoff?.maxDelayMs ?? 8000,
    },
    logger: options.logger,
    onCall: options.onCall,
    deadline: options.deadline,
  });
  const log = options.logger;
  /** An operation `fn(http, …args)` as `(…args)` on this client's http. */
  const on =
    <A extends unknown[], R>(fn: (http: HttpClient, ...args: A) => R) =>
    (...args: A): R =>
      fn(http, ...args);

  return {
    instances: {
      list: on(instances.listInstances),
      listAll: on(instances.listAllInstances),
      pages: on(instances.instancePages),
      get: on(instances.getInstance),
      create: on(instances.createInstance),
      rename: on(instances.renameInstance),
      reinstall: on(instances.reinstallInstance),
      cancel: on(instances.cancelInstance),
      findByDisplayName: on(instances.findInstancesByDisplayName),
    },
    actions: {
      start: on(actions.startInstance),
      stop: on(actions.stopInstance),
      restart: on(actions.restartInstance),
      shutdown: on(actions.shutdownInstance),
      rescue: on(actions.rescueInstance),
      resetPassword: on(actions.resetPassword),
      resetPasswordWithCredentials: (id: number, creds: OneOffCredentials, ctx?: CallContext) =>
        credentials.resetPasswordWithCredentials(http, id, creds, ctx, log),
      rescueWithCredentials: (
        id: number,
        creds: OneOffCredentials & { userData?: string },
        ctx?: CallContext,
      ) => credentials.rescueWithCredentials(http, id, creds, ctx, log),
    },
    snapshots: {
      list: on(snapshots.listSnapshots),
      create: on(snapshots.createSnapshot),
      get: on(snapshots.getSnapshot),
      update: on(snapshots.updateSnapshot),
      delete: on(snapshots.deleteSnapshot),
      rollback: on(snapshots.rollbackSnapshot),
    },
    images: {
      list: on(images.listImages),
      listAll: on(images.listAllImages),
      get: on(images.getImage),
    },
    secrets: {
      create: on(secrets.createSecret),
      list: on(secrets.listSecrets),
      get: on(secrets.getSecret),
      delete: on(secrets.deleteSecret),
    },
    audits: {
      instanceActions: on(audits.listInstanceActionAudits),
      instances: on(audits.listInstanceAudits),
      findByRequestId: on(audits.findAuditsByRequestId),
    },
    ptrs: {
      list: on(ptrs.listPtrRecords),
      get: on(ptrs.getPtrRecord),
      update: on(ptrs.updatePtrRecord),
      create: on(ptrs.createPtrRecord),
      delete: on(ptrs.deletePtrRecord),
    },
    firewalls: {
      list: on(firewalls.listFirewalls),
      create: on(firewalls.createFirewall),
      get: on(firewalls.getFirewall),
      setRules: on(firewalls.setFirewallRules),
      patch: on(firewalls.patchFirewall),
      delete: on(firewalls.deleteFirewall),
      assign: on(firewalls.assignInstance),
      unassign: on(firewalls.unassignInstance),
      presetRules: on(firewalls.listPresetRules),
    },
    /** Reconciliation after an ambiguous create: exact displayName matches. */
    findInstancesByDisplayName: on(instances.findInstancesByDisplayName),
    /** Create password/SSH secrets, run `fn` with their ids, delete them afterwards (also on failure). */
    withOneOffSecrets: <T>(creds: OneOffCredentials, fn: (ids: SecretIds) => Promise<T>, ctx?: CallContext) =>
      credentials.withOneOffSecrets(http, creds, fn, ctx, log),
    /** Token requests sent so far by this client. */
    tokenRequestCount: () => auth.requestCount,
  };
}
