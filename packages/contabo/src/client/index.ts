// createContaboClient: wires auth, rate limiter and http, and groups one function per Contabo operation.
import type { CallContext, CallMetric, Logger } from './http.ts';
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
import type {
  CreateInstanceRequest,
  CreateSecretRequest,
  CreateSnapshotRequest,
  CredentialsActionRequest,
  ReinstallInstanceRequest,
  UpdateSnapshotRequest,
} from '../schemas.ts';
import type {
  CreateFirewallRequest,
  CreatePtrRequest,
  PatchFirewallRequest,
  PutFirewallRequest,
} from '../schemas-network.ts';
import type { PageParams } from './parse.ts';

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

  return {
    instances: {
      list: (f?: instances.InstanceFilters, ctx?: CallContext) => instances.listInstances(http, f, ctx),
      listAll: (f?: Omit<instances.InstanceFilters, 'page'>, ctx?: CallContext) =>
        instances.listAllInstances(http, f, ctx),
      pages: (f?: Omit<instances.InstanceFilters, 'page'>, ctx?: CallContext) =>
        instances.instancePages(http, f, ctx),
      get: (id: number, ctx?: CallContext) => instances.getInstance(http, id, ctx),
      create: (req: CreateInstanceRequest, ctx?: CallContext) => instances.createInstance(http, req, ctx),
      rename: (id: number, displayName: string, ctx?: CallContext) =>
        instances.renameInstance(http, id, displayName, ctx),
      reinstall: (id: number, req: ReinstallInstanceRequest, ctx?: CallContext) =>
        instances.reinstallInstance(http, id, req, ctx),
      cancel: (id: number, opts?: { cancelDate?: string | Date }, ctx?: CallContext) =>
        instances.cancelInstance(http, id, opts, ctx),
      findByDisplayName: (displayName: string, ctx?: CallContext) =>
        instances.findInstancesByDisplayName(http, displayName, ctx),
    },
    actions: {
      start: (id: number, ctx?: CallContext) => actions.startInstance(http, id, ctx),
      stop: (id: number, ctx?: CallContext) => actions.stopInstance(http, id, ctx),
      restart: (id: number, ctx?: CallContext) => actions.restartInstance(http, id, ctx),
      shutdown: (id: number, ctx?: CallContext) => actions.shutdownInstance(http, id, ctx),
      rescue: (id: number, body?: CredentialsActionRequest, ctx?: CallContext) =>
        actions.rescueInstance(http, id, body, ctx),
      resetPassword: (id: number, body?: CredentialsActionRequest, ctx?: CallContext) =>
        actions.resetPassword(http, id, body, ctx),
      resetPasswordWithCredentials: (id: number, creds: OneOffCredentials, ctx?: CallContext) =>
        credentials.resetPasswordWithCredentials(http, id, creds, ctx, log),
      rescueWithCredentials: (
        id: number,
        creds: OneOffCredentials & { userData?: string },
        ctx?: CallContext,
      ) => credentials.rescueWithCredentials(http, id, creds, ctx, log),
    },
    snapshots: {
      list: (instanceId: number, f?: PageParams & { name?: string }, ctx?: CallContext) =>
        snapshots.listSnapshots(http, instanceId, f, ctx),
      create: (instanceId: number, req: CreateSnapshotRequest, ctx?: CallContext) =>
        snapshots.createSnapshot(http, instanceId, req, ctx),
      get: (instanceId: number, snapshotId: string, ctx?: CallContext) =>
        snapshots.getSnapshot(http, instanceId, snapshotId, ctx),
      update: (instanceId: number, snapshotId: string, req: UpdateSnapshotRequest, ctx?: CallContext) =>
        snapshots.updateSnapshot(http, instanceId, snapshotId, req, ctx),
      delete: (instanceId: number, snapshotId: string, ctx?: CallContext) =>
        snapshots.deleteSnapshot(http, instanceId, snapshotId, ctx),
      rollback: (instanceId: number, snapshotId: string, ctx?: CallContext) =>
        snapshots.rollbackSnapshot(http, instanceId, snapshotId, ctx),
    },
    images: {
      list: (f?: images.ImageFilters, ctx?: CallContext) => images.listImages(http, f, ctx),
      listAll: (f?: Omit<images.ImageFilters, 'page'>, ctx?: CallContext) =>
        images.listAllImages(http, f, ctx),
      get: (imageId: string, ctx?: CallContext) => images.getImage(http, imageId, ctx),
    },
    secrets: {
      create: (req: CreateSecretRequest, ctx?: CallContext) => secrets.createSecret(http, req, ctx),
      list: (f?: Parameters<typeof secrets.listSecrets>[1], ctx?: CallContext) =>
        secrets.listSecrets(http, f, ctx),
      get: (id: number, ctx?: CallContext) => secrets.getSecret(http, id, ctx),
      delete: (id: number, ctx?: CallContext) => secrets.deleteSecret(http, id, ctx),
    },
    audits: {
      instanceActions: (f?: audits.AuditFilters, ctx?: CallContext) =>
        audits.listInstanceActionAudits(http, f, ctx),
      instances: (f?: audits.AuditFilters, ctx?: CallContext) => audits.listInstanceAudits(http, f, ctx),
      findByRequestId: (requestId: string, ctx?: CallContext) =>
        audits.findAuditsByRequestId(http, requestId, ctx),
    },
    ptrs: {
      list: (f?: Parameters<typeof ptrs.listPtrRecords>[1], ctx?: CallContext) =>
        ptrs.listPtrRecords(http, f, ctx),
      get: (ip: string, ctx?: CallContext) => ptrs.getPtrRecord(http, ip, ctx),
      update: (ip: string, ptr: string, ctx?: CallContext) => ptrs.updatePtrRecord(http, ip, ptr, ctx),
      create: (req: CreatePtrRequest, ctx?: CallContext) => ptrs.createPtrRecord(http, req, ctx),
      delete: (ip: string, ctx?: CallContext) => ptrs.deletePtrRecord(http, ip, ctx),
    },
    firewalls: {
      list: (f?: Parameters<typeof firewalls.listFirewalls>[1], ctx?: CallContext) =>
        firewalls.listFirewalls(http, f, ctx),
      create: (req: CreateFirewallRequest, ctx?: CallContext) => firewalls.createFirewall(http, req, ctx),
      get: (id: string, ctx?: CallContext) => firewalls.getFirewall(http, id, ctx),
      setRules: (id: string, req: PutFirewallRequest, ctx?: CallContext) =>
        firewalls.setFirewallRules(http, id, req, ctx),
      patch: (id: string, req: PatchFirewallRequest, ctx?: CallContext) =>
        firewalls.patchFirewall(http, id, req, ctx),
      delete: (id: string, ctx?: CallContext) => firewalls.deleteFirewall(http, id, ctx),
      assign: (id: string, instanceId: number, ctx?: CallContext) =>
        firewalls.assignInstance(http, id, instanceId, ctx),
      unassign: (id: string, instanceId: number, ctx?: CallContext) =>
        firewalls.unassignInstance(http, id, instanceId, ctx),
      presetRules: (f?: Parameters<typeof firewalls.listPresetRules>[1], ctx?: CallContext) =>
        firewalls.listPresetRules(http, f, ctx),
    },
    /** Reconciliation after an ambiguous create: exact displayName matches. */
    findInstancesByDisplayName: (displayName: string, ctx?: CallContext) =>
      instances.findInstancesByDisplayName(http, displayName, ctx),
    /** Create password/SSH secrets, run `fn` with their ids, delete them afterwards (also on failure). */
    withOneOffSecrets: <T>(creds: OneOffCredentials, fn: (ids: SecretIds) => Promise<T>, ctx?: CallContext) =>
      credentials.withOneOffSecrets(http, creds, fn, ctx, log),
    /** Token requests sent so far by this client. */
    tokenRequestCount: () => auth.requestCount,
  };
}
