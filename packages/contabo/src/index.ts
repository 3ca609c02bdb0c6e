// Public API of @cloud-vertice/contabo. The simulator is a separate entry: @cloud-vertice/contabo/simulator.
export { createContaboClient } from './client/index.ts';
export type { ContaboClient, ContaboClientOptions } from './client/index.ts';
export type { CallContext, CallMetric, Logger, RetryPolicy } from './client/http.ts';
export type { InstanceFilters } from './client/instances.ts';
export type { ImageFilters } from './client/images.ts';
export type { AuditFilters } from './client/audits.ts';
export type { OneOffCredentials, SecretIds } from './client/credentials.ts';
export type { PageParams } from './client/parse.ts';
export { ContaboAuthError, ContaboError } from './errors.ts';
export type { ContaboErrorCode } from './errors.ts';
export { INSTANCE_STATUSES, REGIONS, PERIODS, DEFAULT_USERS, isValidSecretPassword } from './schemas.ts';
export type {
  ActionResult,
  Audit,
  CancelResult,
  CreateInstanceRequest,
  CreateSecretRequest,
  CreateSnapshotRequest,
  CreatedInstance,
  CredentialsActionRequest,
  DefaultUser,
  Image,
  Instance,
  InstanceRef,
  InstanceStatus,
  IpInfo,
  ListResult,
  Pagination,
  Region,
  ReinstallInstanceRequest,
  Secret,
  SecretType,
  Snapshot,
  UpdateSnapshotRequest,
} from './schemas.ts';
export { FIREWALL_PROTOCOLS, PTR_NAME_PATTERN } from './schemas-network.ts';
export type {
  CreateFirewallRequest,
  CreatePtrRequest,
  Firewall,
  FirewallProtocol,
  FirewallRule,
  FirewallRuleRequest,
  PatchFirewallRequest,
  PresetRule,
  PtrRecord,
  PutFirewallRequest,
} from './schemas-network.ts';
export { syncInstances, instanceToSyncFields, SYNC_FIELDS } from './sync.ts';
export type { InstanceChange, InstanceSyncFields, SyncStats, SyncStore, TrackedInstance } from './sync.ts';
