// In-memory state of the simulated Contabo account: instances (with lazily applied status transitions), snapshots,
// secrets, images, audits, tokens, plus the clock and counters that tests and the bench read.
import { randomUUID } from 'node:crypto';
import {
  DEFAULT_SNAPSHOT_QUOTA,
  SEED_INSTANCES,
  SNAPSHOT_QUOTA_BY_PRODUCT,
  STANDARD_IMAGES,
} from './catalog.ts';

import {
  emptyCounters,
  type RequestLogEntry,
  type SimAudit,
  type SimCounters,
  type SimFirewall,
  type SimInstance,
  type SimPtr,
  type SimSecret,
  type SimSnapshot,
  type SimStateData,
  type SimStateOptions,
  type SimTiming,
  type Status,
} from './state-types.ts';

export * from './state-types.ts';

export class SimState {
  readonly tenantId: 'DE' | 'INT';
  readonly customerId: string;
  readonly username: string;
  readonly userUuid = '23cbb6d6-cb11-4330-bdff-7bb791df2e23';
  readonly timing: SimTiming;
  private offset = 0;
  private readonly baseNow: () => number;
  private readonly quota: { default: number; byProduct: Record<string, number> };

  instances = new Map<number, SimInstance>();
  snapshots = new Map<number, SimSnapshot[]>();
  secrets = new Map<number, SimSecret>();
  audits: SimAudit[] = [];
  /** PTR records by IP (lower case). */
  ptrs = new Map<string, SimPtr>();
  firewalls = new Map<string, SimFirewall>();
  tokens = new Map<string, number>();
  counters: SimCounters = emptyCounters();
  requestLog: RequestLogEntry[] = [];
  private nextId = { instance: 200001, bulk: 300001, secret: 1001, audit: 1, slot: 0 };

  constructor(o: SimStateOptions = {}) {
    this.baseNow = o.now ?? Date.now;
    this.timing = { provisionMs: o.timing?.provisionMs ?? 10_000, actionMs: o.timing?.actionMs ?? 3000 };
    this.quota = {
      default: o.snapshotQuota?.default ?? DEFAULT_SNAPSHOT_QUOTA,
      byProduct: { ...SNAPSHOT_QUOTA_BY_PRODUCT, ...o.snapshotQuota?.byProduct },
    };
    this.tenantId = o.tenantId ?? 'INT';
    this.customerId = o.customerId ?? '54321';
    this.username = o.username ?? 'api@cloudvertice.test';
  }

  now(): number {
    return this.baseNow() + this.offset;
  }

  advance(ms: number): void {
    this.offset += ms;
  }

  snapshotQuota(productId: string): number {
    return this.quota.byProduct[productId] ?? this.quota.default;
  }

  reset(seed: boolean): void {
    this.instances.clear();
    this.snapshots.clear();
    this.secrets.clear();
    this.audits = [];
    this.ptrs.clear();
    this.firewalls.clear();
    this.counters = emptyCounters();
    this.requestLog = [];
    this.nextId = { instance: 200001, bulk: 300001, secret: 1001, audit: 1, slot: 0 };
    if (seed) this.seed();
  }

  seed(): void {
    const createdAt = Date.UTC(2024, 0, 15, 9, 30);
    for (const s of SEED_INSTANCES) {
      const image = STANDARD_IMAGES.find((i) => i.imageId === s.imageId);
      this.addInstance({
        instanceId: s.instanceId,
        name: `vmi${s.instanceId}`,
        displayName: `vmi${s.instanceId}`,
        region: s.region,
        productId: s.productId,
        imageId: s.imageId,
        osType: image?.osType ?? 'Linux',
        defaultUser: s.defaultUser,
        status: s.status,
        createdAt,
      });
    }
  }

  /** Adds `count` running instances (ids from 300001), e.g. 1,000 for sync tests and the bench. */
  seedInstances(
    count: number,
    overrides: Partial<Pick<SimInstance, 'productId' | 'region' | 'status'>> = {},
  ): number[] {
    const ids: number[] = [];
    const regions = ['EU', 'US-east', 'SIN', 'UK'];
    const products = ['V91', 'V92', 'V94', 'V95', 'V97', 'V8'];
    for (let k = 0; k < count; k += 1) {
      const instanceId = this.nextId.bulk++;
      this.addInstance({
        instanceId,
        name: `vmi${instanceId}`,
        displayName: `bulk-${instanceId}`,
        region: overrides.region ?? regions[k % regions.length] ?? 'EU',
        productId: overrides.productId ?? products[k % products.length] ?? 'V91',
        imageId: STANDARD_IMAGES[0]?.imageId ?? null,
        osType: 'Linux',
        defaultUser: 'root',
        status: overrides.status ?? 'running',
        createdAt: this.now(),
      });
      ids.push(instanceId);
    }
    return ids;
  }

  addInstance(
    p: Pick<
      SimInstance,
      | 'instanceId'
      | 'name'
      | 'displayName'
      | 'region'
      | 'productId'
      | 'imageId'
      | 'osType'
      | 'defaultUser'
      | 'status'
    > &
      Partial<Pick<SimInstance, 'sshKeys' | 'periodMonths' | 'pending'>> & { createdAt: number },
  ): SimInstance {
    const inst: SimInstance = {
      sshKeys: [],
      periodMonths: 1,
      pending: [],
      cancelDate: '',
      n: this.nextId.slot++,
      ...p,
    };
    this.instances.set(inst.instanceId, inst);
    return inst;
  }

  newInstanceId(): number {
    return this.nextId.instance++;
  }

  newSecretId(): number {
    return this.nextId.secret++;
  }

  /** Applies due transitions (lazy: computed from the clock on every read). */
  settle(inst: SimInstance): SimInstance {
    const now = this.now();
    while (inst.pending[0] && inst.pending[0].at <= now) {
      inst.status = inst.pending[0].to;
      inst.pending.shift();
    }
    return inst;
  }

  /** Schedules `steps` (relative ms) after optionally switching to `immediately`. */
  transition(
    inst: SimInstance,
    immediately: Status | null,
    steps: Array<{ to: Status; afterMs: number }>,
  ): void {
    this.settle(inst);
    if (immediately) inst.status = immediately;
    const now = this.now();
    inst.pending = steps.map((s) => ({ to: s.to, at: now + s.afterMs }));
  }

  private gone(inst: SimInstance): boolean {
    return inst.cancelDate !== '' && inst.cancelDate < new Date(this.now()).toISOString().slice(0, 10);
  }

  /** Instances still existing (cancelled ones disappear after their cancel date). */
  visibleInstances(): SimInstance[] {
    const out: SimInstance[] = [];
    for (const inst of this.instances.values()) if (!this.gone(inst)) out.push(this.settle(inst));
    return out;
  }

  findInstance(id: number): SimInstance | undefined {
    const inst = this.instances.get(id);
    return inst && !this.gone(inst) ? this.settle(inst) : undefined;
  }

  audit(
    kind: SimAudit['kind'],
    action: SimAudit['action'],
    instanceId: number,
    meta: { requestId: string; traceId: string | null },
    changes: Record<string, unknown>,
  ): void {
    this.audits.push({
      id: this.nextId.audit++,
      kind,
      action,
      timestamp: this.now(),
      requestId: meta.requestId,
      traceId: meta.traceId ?? '',
      instanceId,
      changes,
    });
  }

  issueToken(expiresInS: number): string {
    const now = this.now();
    const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const token = [
      enc({ alg: 'none', typ: 'JWT' }),
      enc({
        exp: Math.floor(now / 1000) + expiresInS,
        iat: Math.floor(now / 1000),
        jti: randomUUID(),
        tenantId: this.tenantId,
        customerId: this.customerId,
        preferred_username: this.username,
      }),
      randomUUID().replaceAll('-', ''),
    ].join('.');
    this.tokens.set(token, now + expiresInS * 1000);
    this.counters.tokensIssued += 1;
    return token;
  }

  tokenValid(token: string): boolean {
    const exp = this.tokens.get(token);
    return exp !== undefined && this.now() < exp;
  }

  /** The account's data (not tokens, counters or the request log), for the demo mode's file under DATA_DIR. */
  exportData(): SimStateData {
    return {
      version: 1,
      offset: this.offset,
      nextId: { ...this.nextId },
      instances: [...this.instances.values()],
      snapshots: [...this.snapshots.entries()],
      secrets: [...this.secrets.values()],
      audits: this.audits,
      ptrs: [...this.ptrs.values()],
      firewalls: [...this.firewalls.values()],
    };
  }

  importData(data: SimStateData): void {
    this.offset = data.offset;
    this.nextId = { ...data.nextId };
    this.instances = new Map(data.instances.map((i) => [i.instanceId, i]));
    this.snapshots = new Map(data.snapshots);
    this.secrets = new Map(data.secrets.map((s) => [s.secretId, s]));
    this.audits = data.audits;
    this.ptrs = new Map(data.ptrs.map((p) => [p.ip.toLowerCase(), p]));
    this.firewalls = new Map(data.firewalls.map((f) => [f.firewallId, f]));
  }

  logRequest(e: RequestLogEntry): void {
    this.requestLog.push(e);
    if (this.requestLog.length > 20_000) this.requestLog.splice(0, 10_000);
  }
}
