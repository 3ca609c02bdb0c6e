// The shapes of the simulated Contabo account's state (instances, snapshots, secrets, audits, PTRs, firewalls,
// counters) and its persisted form; `state.ts` holds the behaviour.
export type Status =
  | 'provisioning'
  | 'installing'
  | 'running'
  | 'stopped'
  | 'rescue'
  | 'reset_password'
  | 'error'
  | 'uninstalled'
  | 'unknown'
  | 'manual_provisioning'
  | 'product_not_available'
  | 'verification_required'
  | 'pending_payment'
  | 'other';

export interface SimTiming {
  /** provisioning → installing → running after create, and installing → running after reinstall. */
  provisionMs: number;
  /** start/stop/shutdown/restart/rescue/resetPassword/rollback. */
  actionMs: number;
}

export interface SimInstance {
  instanceId: number;
  name: string;
  displayName: string;
  region: string;
  productId: string;
  imageId: string | null;
  osType: string;
  defaultUser: 'root' | 'admin' | 'administrator';
  sshKeys: number[];
  createdAt: number;
  cancelDate: string; // "" when not cancelled
  periodMonths: number;
  status: Status;
  pending: Array<{ to: Status; at: number }>;
  n: number; // address slot
}

export interface SimSnapshot {
  snapshotId: string;
  instanceId: number;
  name: string;
  description: string;
  createdAt: number;
  imageId: string;
  imageName: string;
}

export interface SimSecret {
  secretId: number;
  name: string;
  type: 'password' | 'ssh';
  value: string;
  createdAt: number;
  updatedAt: number;
}

export interface SimAudit {
  id: number;
  kind: 'instance' | 'action';
  action: 'CREATED' | 'UPDATED' | 'DELETED';
  timestamp: number;
  requestId: string;
  traceId: string;
  instanceId: number;
  changes: Record<string, unknown>;
}

/** A PTR record set through the API (IPv4 records of instances exist by default; IPv6 ones only once created). */
export interface SimPtr {
  ip: string;
  ptr: string;
  ttl: number;
}

export interface SimFirewallRule {
  protocol: string;
  destPorts: string[];
  srcCidr: { ipv4: string[]; ipv6: string[] };
  action: string;
  status: string;
  displayName: string;
}

export interface SimFirewall {
  firewallId: string;
  name: string;
  description: string;
  status: 'active' | 'inactive';
  rules: SimFirewallRule[];
  instanceIds: number[];
  createdAt: number;
  updatedAt: number;
}

export interface SimCounters {
  tokenRequests: number;
  tokensIssued: number;
  apiRequests: number;
  /** By spec operationId, e.g. retrieveInstancesList, createInstance. */
  byOperation: Record<string, number>;
  byStatus: Record<string, number>;
  faultsApplied: number;
}

export interface RequestLogEntry {
  at: number;
  method: string;
  path: string;
  operationId: string | null;
  status: number;
  requestId: string | null;
  traceId: string | null;
}

export interface SimStateOptions {
  now?: () => number;
  timing?: Partial<SimTiming>;
  snapshotQuota?: { default?: number; byProduct?: Record<string, number> };
  tenantId?: 'DE' | 'INT';
  customerId?: string;
  username?: string;
}

export interface SimStateData {
  version: 1;
  offset: number;
  nextId: { instance: number; bulk: number; secret: number; audit: number; slot: number };
  instances: SimInstance[];
  snapshots: Array<[number, SimSnapshot[]]>;
  secrets: SimSecret[];
  audits: SimAudit[];
  ptrs: SimPtr[];
  firewalls: SimFirewall[];
}

export function emptyCounters(): SimCounters {
  return {
    tokenRequests: 0,
    tokensIssued: 0,
    apiRequests: 0,
    byOperation: {},
    byStatus: {},
    faultsApplied: 0,
  };
}
