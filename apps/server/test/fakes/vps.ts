/**
 * In-memory stand-ins for what the VPS services stand on (the VPS repository, the Contabo client, the action queue),
 * for the unit tier: no database, no HTTP server, time from a ManualClock. The repository keeps the rules the real one
 * gets from the database (one action in flight per VPS through a partial unique index; a status change writes a
 * history row) so the services behave as they do over PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import { ContaboError, type ContaboClient, type Instance } from '@cloud-vertice/contabo';
import type { AuditInput } from '../../src/audit/audit.service.ts';
import type { Tx } from '../../src/db/client.ts';
import { createLocalEventBus, isVpsEvent, type VpsEvent } from '../../src/events/bus.ts';
import { createRateLimiter } from '../../src/http/rate-limit.ts';
import { createMemoryRateLimitStore } from '../../src/integrations/rate-limit/memory.ts';
import { ManualClock } from '../../src/lib/clock.ts';
import { AppError } from '../../src/lib/errors.ts';
import { createCipher } from '../../src/lib/crypto.ts';
import { createLogger } from '../../src/lib/logger.ts';
import type { VpsServiceDeps } from '../../src/modules/vps/vps.service.ts';
import {
  IN_FLIGHT,
  statusChange,
  type NewVpsRow,
  type VpsActionRow,
  type VpsRepo,
  type VpsRow,
} from '../../src/modules/vps/vps.repo.ts';

export function vpsRow(overrides: Partial<VpsRow> = {}): VpsRow {
  const now = new Date('2026-01-01T00:00:00Z');
  return {
    id: randomUUID(),
    userId: 'alice',
    orderId: null,
    contaboInstanceId: Math.floor(Math.random() * 1e9),
    productId: null,
    contaboProductId: 'V45',
    name: 'vmi1',
    displayName: 'web-1',
    status: 'running',
    serviceStatus: 'active',
    ipAddress: '203.0.113.10',
    ipV6Address: null,
    gateway: null,
    gatewayV6: null,
    netmaskCidr: null,
    netmaskCidrV6: null,
    macAddress: null,
    region: 'EU',
    imageId: null,
    contaboImageId: null,
    osType: 'Linux',
    rootPasswordEncrypted: null,
    sshKeyIds: [],
    defaultUser: 'root',
    periodMonths: 1,
    assignedAt: now,
    expiresAt: null,
    autoRenew: true,
    cancelAtPeriodEnd: false,
    suspendedAt: null,
    terminatedAt: null,
    contaboCancelDate: null,
    vncHost: null,
    vncPort: null,
    vncPasswordEncrypted: null,
    trafficNote: null,
    statusChangedAt: null,
    lastSyncedAt: null,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
}

export function createFakeVpsRepo() {
  const servers = new Map<string, VpsRow>();
  const actions: VpsActionRow[] = [];
  const history: Array<{
    vpsInstanceId: string;
    fromStatus: string | null;
    toStatus: string;
    createdAt: Date;
  }> = [];
  const sshKeys: Array<{ id: string; userId: string; publicKey: string }> = [];
  const passwordHashes = new Map<string, string>();
  const withRefs = (vps: VpsRow) => ({ vps, product: null, imageName: null, openInvoice: null });
  const inFlightOn = (vpsId: string) =>
    actions.find((a) => a.vpsInstanceId === vpsId && IN_FLIGHT.includes(a.status));
  const forPanel = (vps: VpsRow) => ({ ...withRefs(vps), inFlight: inFlightOn(vps.id) ?? null });

  const repo = {
    transaction: <T>(work: (tx: Tx) => Promise<T>) => work({} as Tx),
    async findById(id: string) {
      const vps = servers.get(id);
      return vps && { ...vps };
    },
    async findWithRefs(id: string) {
      const vps = servers.get(id);
      return vps && withRefs({ ...vps });
    },
    async findForPanel(id: string) {
      const vps = servers.get(id);
      return vps && forPanel({ ...vps });
    },
    async panelPageForUser(userId: string) {
      const rows = [...servers.values()].filter((v) => v.userId === userId).map(forPanel);
      return { rows, total: rows.length };
    },
    async update(id: string, patch: Partial<NewVpsRow>) {
      const vps = servers.get(id);
      if (!vps) return undefined;
      Object.assign(vps, patch);
      return { ...vps };
    },
    recordStatus: (async (_tx, vps, status, at, columns = {}) => {
      const { set, ...record } = statusChange(vps, status, at, columns);
      Object.assign(servers.get(vps.id)!, set);
      if (record.changed)
        history.push({ vpsInstanceId: vps.id, fromStatus: vps.status, toStatus: status, createdAt: at });
      return record;
    }) satisfies VpsRepo['recordStatus'],
    async actionInFlight(vpsId: string) {
      return inFlightOn(vpsId);
    },
    async acceptedActions() {
      return actions
        .filter((a) => a.status === 'accepted')
        .map((action) => ({ action: { ...action }, vps: { ...servers.get(action.vpsInstanceId)! } }));
    },
    async actionsLeftInFlight(statuses: string[], requestedBefore: Date) {
      return actions
        .filter((a) => statuses.includes(a.status) && a.requestedAt < requestedBefore)
        .map((action) => ({ action: { ...action }, vps: { ...servers.get(action.vpsInstanceId)! } }));
    },
    /** `null` while another action holds the VPS's in-flight slot, like the partial unique index. */
    async insertAction(row: Partial<VpsActionRow> & Pick<VpsActionRow, 'vpsInstanceId' | 'actionType'>) {
      if (actions.some((a) => a.vpsInstanceId === row.vpsInstanceId && IN_FLIGHT.includes(a.status)))
        return null;
      const action: VpsActionRow = {
        id: randomUUID(),
        userId: null,
        status: 'requested',
        expectedStatus: null,
        contaboRequestId: null,
        errorCode: null,
        errorMessage: null,
        params: {},
        requestedAt: new Date(),
        acceptedAt: null,
        completedAt: null,
        ...row,
      };
      actions.push(action);
      return { ...action };
    },
    async updateAction(id: string, patch: Partial<VpsActionRow>) {
      const action = actions.find((a) => a.id === id);
      if (!action) return undefined;
      Object.assign(action, patch);
      return { ...action };
    },
    async listActions(vpsId: string) {
      return actions.filter((a) => a.vpsInstanceId === vpsId).reverse();
    },
    async statusHistory(vpsId: string) {
      return history.filter((h) => h.vpsInstanceId === vpsId).reverse();
    },
    async replaceSnapshots() {},
    async sshKeysOfUser(userId: string, ids: string[]) {
      return sshKeys.filter((k) => k.userId === userId && ids.includes(k.id));
    },
    async passwordHashOf(userId: string) {
      return passwordHashes.get(userId) ?? null;
    },
  };

  return {
    repo: repo as unknown as VpsRepo,
    servers,
    actions,
    history,
    sshKeys,
    passwordHashes,
    add(overrides: Partial<VpsRow> = {}): VpsRow {
      const vps = vpsRow(overrides);
      servers.set(vps.id, vps);
      return { ...vps };
    },
  };
}

export function contaboError(
  code: ContaboError['code'],
  init: { method?: string; ambiguous?: boolean } = {},
) {
  return new ContaboError({
    code,
    status: code === 'rate_limited' ? 429 : code === 'not_found' ? 404 : 500,
    messages: [code],
    retryable: code === 'rate_limited',
    ambiguous: init.ambiguous,
    method: init.method ?? 'POST',
    pathTemplate: '/v1/compute/instances/{instanceId}/actions',
  });
}

/**
 * A Contabo account in memory: instances by id with a status, snapshots by instance, every call recorded; `failNext`
 * makes the next mutating call throw.
 */
export function createFakeContabo() {
  const instances = new Map<number, { status: string; errorMessage?: string }>();
  const snapshots = new Map<number, string[]>();
  const calls: string[] = [];
  let failure: Error | null = null;
  const mutate = async (what: string) => {
    calls.push(what);
    if (failure) {
      const error = failure;
      failure = null;
      throw error;
    }
    return {};
  };
  const instance = (id: number) =>
    ({ instanceId: id, ...instances.get(id), ipConfig: { v4: null, v6: null } }) as unknown as Instance;

  const client = {
    instances: {
      async get(id: number) {
        calls.push(`instances.get ${id}`);
        if (!instances.has(id)) throw contaboError('not_found', { method: 'GET' });
        return instance(id);
      },
      async list(query: { instanceIds: number[] }) {
        calls.push('instances.list');
        return { items: query.instanceIds.filter((id) => instances.has(id)).map(instance) };
      },
      rename: (id: number) => mutate(`instances.rename ${id}`),
    },
    actions: {
      rescueWithCredentials: (id: number) => mutate(`actions.rescue ${id}`),
      resetPasswordWithCredentials: (id: number) => mutate(`actions.resetPassword ${id}`),
    },
    snapshots: {
      async get(id: number, snapshotId: string) {
        calls.push(`snapshots.get ${id}`);
        if (!(snapshots.get(id) ?? []).includes(snapshotId))
          throw contaboError('not_found', { method: 'GET' });
        return { snapshotId };
      },
      async list(id: number) {
        calls.push(`snapshots.list ${id}`);
        return { items: (snapshots.get(id) ?? []).map((snapshotId) => ({ snapshotId, name: snapshotId })) };
      },
      create: (id: number) => mutate(`snapshots.create ${id}`),
      rollback: (id: number) => mutate(`snapshots.rollback ${id}`),
      delete: (id: number) => mutate(`snapshots.delete ${id}`),
    },
  };

  return {
    client: client as unknown as ContaboClient,
    instances,
    snapshots,
    calls,
    failNext(error: Error) {
      failure = error;
    },
  };
}

/** Everything `createVpsService` needs, in memory, with handles on what it wrote. */
export function createVpsTestbed(start = '2026-03-01T12:00:00Z') {
  const clock = new ManualClock(start);
  const fake = createFakeVpsRepo();
  const contabo = createFakeContabo();
  const events = createLocalEventBus();
  const published: VpsEvent[] = [];
  events.subscribe((e) => isVpsEvent(e) && published.push(e));
  const audits: AuditInput[] = [];
  const queue = { wakes: 0, position: 3 };
  const logger = createLogger('silent');
  const deps: VpsServiceDeps = {
    repo: fake.repo,
    contabo: () => contabo.client,
    clock,
    cipher: createCipher('11'.repeat(32)),
    events,
    logger,
    audit: async (entry) => {
      audits.push(entry);
    },
    settings: { get: (async () => 14) as never },
    limiter: createRateLimiter({ store: createMemoryRateLimitStore(), clock, logger, enabled: true }),
    actionQueue: {
      // The port's contract: the audit row is written with the action, its id and place added to the metadata.
      enqueue: async (row, entry) => {
        const action = await fake.repo.insertAction(row as Parameters<typeof fake.repo.insertAction>[0]);
        if (!action) return null;
        const metadata = { ...entry.metadata, actionId: action.id, queuePosition: queue.position };
        audits.push({ ...entry, metadata });
        return { action, position: queue.position };
      },
      estimateSeconds: (position) => position * 2,
      wake: () => {
        queue.wakes++;
      },
    },
  };
  return { deps, clock, fake, contabo, published, audits, queue };
}

/** The AppError code a call fails with (undefined when it succeeds); any other error is thrown. */
export async function codeOf(call: Promise<unknown>): Promise<string | undefined> {
  try {
    await call;
    return undefined;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}
