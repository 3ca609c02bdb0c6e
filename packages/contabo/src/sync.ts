// Periodic reconciliation of our tracked VPS rows with Contabo: one paginated list walk per cycle (page size 100,
// so 1,000 instances = 10 calls, never one call per VPS), diff against what the store holds, write only changes.
import type { ContaboClient } from './client/index.ts';
import type { CallContext } from './client/http.ts';
import type { Instance } from './schemas.ts';

export interface InstanceSyncFields {
  status: string | null;
  ipv4: string | null;
  ipv6: string | null;
  gateway: string | null;
  netmaskCidr: number | null;
  macAddress: string | null;
  osType: string | null;
  productId: string | null;
  region: string | null;
  imageId: string | null;
  defaultUser: string | null;
  /** yyyy-mm-dd, null when not cancelled. */
  cancelDate: string | null;
  name: string | null;
  displayName: string | null;
}

export const SYNC_FIELDS = [
  'status',
  'ipv4',
  'ipv6',
  'gateway',
  'netmaskCidr',
  'macAddress',
  'osType',
  'productId',
  'region',
  'imageId',
  'defaultUser',
  'cancelDate',
  'name',
  'displayName',
] as const satisfies ReadonlyArray<keyof InstanceSyncFields>;

/** What the store knows about one tracked instance. Fields it does not hold may be omitted (treated as null). */
export type TrackedInstance = {
  contaboInstanceId: number;
  status: string | null;
} & Partial<InstanceSyncFields>;

export interface InstanceChange {
  contaboInstanceId: number;
  /** Only the fields whose value changed, with their new value. */
  fields: Partial<InstanceSyncFields>;
  statusChanged: { from: string | null; to: string | null } | null;
}

export interface SyncStore {
  listTracked(): Promise<TrackedInstance[]>;
  applyChanges(changes: InstanceChange[]): Promise<void>;
}

export interface SyncStats {
  /** Contabo list calls made (pages). */
  calls: number;
  /** Instances returned by Contabo. */
  seen: number;
  /** Tracked instances with at least one changed field. */
  changed: number;
  statusChanges: number;
  /** Tracked but absent from Contabo (cancelled/removed, or tracked under a wrong id). */
  missing: number;
  missingIds: number[];
}

export function instanceToSyncFields(i: Instance): InstanceSyncFields {
  return {
    status: i.status,
    ipv4: i.ipConfig.v4?.ip ?? null,
    ipv6: i.ipConfig.v6?.ip ?? null,
    gateway: i.ipConfig.v4?.gateway ?? null,
    netmaskCidr: i.ipConfig.v4?.netmaskCidr ?? null,
    macAddress: i.macAddress,
    osType: i.osType,
    productId: i.productId,
    region: i.region,
    imageId: i.imageId,
    defaultUser: i.defaultUser,
    cancelDate: i.cancelDate,
    name: i.name,
    displayName: i.displayName === '' ? null : i.displayName,
  };
}

export async function syncInstances(
  client: Pick<ContaboClient, 'instances'>,
  store: SyncStore,
  ctx?: CallContext,
  options: { pageSize?: number } = {},
): Promise<SyncStats> {
  const tracked = await store.listTracked();
  const latest = new Map<number, InstanceSyncFields>();
  let calls = 0;
  // Fetch everything first: a failure mid-walk throws before anything is written (no half-applied cycle).
  for await (const page of client.instances.pages({ size: options.pageSize ?? 100 }, ctx)) {
    calls += 1;
    for (const instance of page.items) latest.set(instance.instanceId, instanceToSyncFields(instance));
  }

  const changes: InstanceChange[] = [];
  const missingIds: number[] = [];
  for (const row of tracked) {
    const now = latest.get(row.contaboInstanceId);
    if (!now) {
      missingIds.push(row.contaboInstanceId);
      continue;
    }
    const fields: Partial<InstanceSyncFields> = {};
    let any = false;
    for (const key of SYNC_FIELDS) {
      if ((row[key] ?? null) !== now[key]) {
        (fields as Record<string, unknown>)[key] = now[key];
        any = true;
      }
    }
    if (!any) continue;
    const statusChanged = 'status' in fields ? { from: row.status ?? null, to: now.status } : null;
    changes.push({ contaboInstanceId: row.contaboInstanceId, fields, statusChanged });
  }
  if (changes.length > 0) await store.applyChanges(changes);
  return {
    calls,
    seen: latest.size,
    changed: changes.length,
    statusChanges: changes.filter((c) => c.statusChanged).length,
    missing: missingIds.length,
    missingIds,
  };
}
