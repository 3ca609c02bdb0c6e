// Hand-written zod schemas for the Contabo operations we use (written from ../shared/contabo/openapi.yaml; the spec
// itself is never copied here). Response schemas are deliberately tolerant: Contabo under-declares nullability
// (imageId null, cancelDate "", ipConfig.v6 absent, ...), so optional-ish fields are `.nullish()` and normalised to
// `null` / `[]` / `''`, and unknown keys are dropped. Request schemas are strict: we validate our own input before
// sending so that mistakes surface as `invalid_request` instead of a Contabo 400.
import { z } from 'zod';

// ---------- helpers ----------
const nstr = () =>
  z
    .string()
    .nullish()
    .transform((v) => (v === undefined || v === null || v === '' ? null : v));
const nnum = () =>
  z
    .number()
    .nullish()
    .transform((v) => v ?? null);
const arr = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .nullish()
    .transform((v) => v ?? []);

// ---------- enums ----------
export const INSTANCE_STATUSES = [
  'provisioning',
  'uninstalled',
  'running',
  'stopped',
  'error',
  'installing',
  'unknown',
  'manual_provisioning',
  'product_not_available',
  'verification_required',
  'rescue',
  'pending_payment',
  'other',
  'reset_password',
] as const;
export type InstanceStatus = (typeof INSTANCE_STATUSES)[number];
export const zInstanceStatus = z.enum(INSTANCE_STATUSES);

export const REGIONS = ['EU', 'US-central', 'US-east', 'US-west', 'SIN', 'UK', 'AUS', 'JPN', 'IND'] as const;
export type Region = (typeof REGIONS)[number];
export const zRegion = z.enum(REGIONS);

export const PERIODS = [1, 12, 24] as const;
export const DEFAULT_USERS = ['root', 'admin', 'administrator'] as const;
export type DefaultUser = (typeof DEFAULT_USERS)[number];

// ---------- envelope ----------
export const zPagination = z.object({
  size: z.number(),
  totalElements: z.number(),
  totalPages: z.number(),
  page: z.number(),
});
export type Pagination = z.infer<typeof zPagination>;

export const zLinks = z.looseObject({ self: z.string().nullish() }).nullish();

/** `{data: [...], _links}` envelope of single-object answers. */
export const zDataEnvelope = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), _links: zLinks });
/** `{data: [...], _links, _pagination}` envelope of lists. */
export const zListEnvelope = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), _links: zLinks, _pagination: zPagination });

export interface ListResult<T> {
  items: T[];
  pagination: Pagination;
}

// ---------- instances ----------
const zIp = z
  .object({ ip: z.string().nullish(), netmaskCidr: z.number().nullish(), gateway: z.string().nullish() })
  .nullish()
  .transform((v) =>
    v && v.ip ? { ip: v.ip, netmaskCidr: v.netmaskCidr ?? null, gateway: v.gateway || null } : null,
  );
export type IpInfo = z.output<typeof zIp>;

const zIpConfig = z
  .object({ v4: zIp, v6: zIp })
  .nullish()
  .transform((v) => v ?? { v4: null, v6: null });

const zAddOn = z.object({ id: z.number(), quantity: z.number() });

export const zInstance = z.object({
  tenantId: z.string(),
  customerId: z.string(),
  instanceId: z.number().int(),
  name: z.string(),
  displayName: z
    .string()
    .nullish()
    .transform((v) => v ?? ''),
  dataCenter: nstr(),
  region: z.string(),
  regionName: nstr(),
  productId: z.string(),
  productName: nstr(),
  productType: nstr(),
  imageId: nstr(),
  ipConfig: zIpConfig,
  additionalIps: arr(z.object({ v4: zIp })),
  macAddress: nstr(),
  ramMb: nnum(),
  cpuCores: nnum(),
  diskMb: nnum(),
  osType: nstr(),
  sshKeys: arr(z.number()),
  createdDate: z.string(),
  cancelDate: nstr(),
  // Unknown future statuses must not break a 1,000-instance sync, so any string is accepted.
  status: z.union([zInstanceStatus, z.string()]),
  errorMessage: nstr(),
  vHostId: nnum(),
  vHostNumber: nnum(),
  vHostName: nstr(),
  addOns: arr(zAddOn),
  defaultUser: nstr(),
  applicationId: nstr(),
});
export type Instance = z.output<typeof zInstance>;

export const zCreatedInstance = z.object({
  tenantId: z.string(),
  customerId: z.string(),
  instanceId: z.number().int(),
  createdDate: z.string(),
  imageId: nstr(),
  productId: z.string(),
  region: z.string(),
  osType: nstr(),
  status: z.union([zInstanceStatus, z.string()]),
  sshKeys: arr(z.number()),
  addOns: arr(zAddOn),
});
export type CreatedInstance = z.output<typeof zCreatedInstance>;

/** Answer of PATCH (rename) and PUT (reinstall). */
export const zInstanceRef = z.object({
  tenantId: z.string(),
  customerId: z.string(),
  instanceId: z.number().int(),
  createdDate: nstr(),
});
export type InstanceRef = z.output<typeof zInstanceRef>;

export const zCancelResult = z.object({
  tenantId: z.string(),
  customerId: z.string(),
  instanceId: z.number().int(),
  cancelDate: nstr(),
});
export type CancelResult = z.output<typeof zCancelResult>;

export const zActionResult = z.object({
  tenantId: z.string(),
  customerId: z.string(),
  instanceId: z.number().int(),
  action: z.string(),
});
export type ActionResult = z.output<typeof zActionResult>;

const zSecretId = z.number().int().nonnegative();
export const zDisplayName = z.string().max(255);
const zSshKeys = z.array(zSecretId);

export const zCreateInstanceRequest = z.strictObject({
  productId: z.string().min(1).optional(),
  imageId: z.string().min(1).optional(),
  region: zRegion.optional(),
  period: z.union([z.literal(1), z.literal(12), z.literal(24)]),
  sshKeys: zSshKeys.optional(),
  rootPassword: zSecretId.optional(),
  userData: z.string().optional(),
  defaultUser: z.enum(DEFAULT_USERS).optional(),
  displayName: zDisplayName.optional(),
  applicationId: z.string().optional(),
});
export type CreateInstanceRequest = z.input<typeof zCreateInstanceRequest>;

export const zReinstallInstanceRequest = z.strictObject({
  imageId: z.string().min(1),
  sshKeys: zSshKeys.optional(),
  rootPassword: zSecretId.optional(),
  userData: z.string().optional(),
  defaultUser: z.enum(DEFAULT_USERS).optional(),
  applicationId: z.string().optional(),
});
export type ReinstallInstanceRequest = z.input<typeof zReinstallInstanceRequest>;

/** Body of actions/rescue and actions/resetPassword (credentials are secret ids, never inline). */
export const zCredentialsActionRequest = z.strictObject({
  rootPassword: zSecretId.optional(),
  sshKeys: zSshKeys.optional(),
  userData: z.string().optional(),
});
export type CredentialsActionRequest = z.input<typeof zCredentialsActionRequest>;

// ---------- snapshots ----------
export const SNAPSHOT_NAME_PATTERN = /^[A-Za-z0-9 -]{1,30}$/;
export const zSnapshot = z.object({
  tenantId: z.string(),
  customerId: z.string(),
  snapshotId: z.string(),
  name: z.string(),
  description: nstr(),
  instanceId: z.number().int(),
  createdDate: z.string(),
  autoDeleteDate: nstr(),
  imageId: nstr(),
  imageName: nstr(),
});
export type Snapshot = z.output<typeof zSnapshot>;

export const zCreateSnapshotRequest = z.strictObject({
  name: z.string().regex(SNAPSHOT_NAME_PATTERN, 'name: 1-30 letters, digits, spaces or dashes'),
  description: z.string().min(1).max(255).optional(),
});
export type CreateSnapshotRequest = z.input<typeof zCreateSnapshotRequest>;
export const zUpdateSnapshotRequest = zCreateSnapshotRequest.partial();
export type UpdateSnapshotRequest = z.input<typeof zUpdateSnapshotRequest>;

// ---------- images ----------
export const zImage = z.object({
  imageId: z.string(),
  tenantId: nstr(),
  customerId: nstr(),
  name: z.string(),
  description: nstr(),
  url: nstr(),
  sizeMb: nnum(),
  uploadedSizeMb: nnum(),
  osType: nstr(),
  version: nstr(),
  format: nstr(),
  status: nstr(),
  errorMessage: nstr(),
  standardImage: z.boolean(),
  creationDate: nstr(),
  lastModifiedDate: nstr(),
  tags: arr(z.object({ tagId: z.number(), tagName: z.string() })),
});
export type Image = z.output<typeof zImage>;

// ---------- secrets ----------
export const SECRET_TYPES = ['password', 'ssh'] as const;
export type SecretType = (typeof SECRET_TYPES)[number];

/**
 * Contabo's password policy, from the spec text of CreateSecretRequest.value: at least 8 characters, upper and lower
 * case, and either (1 digit + 2 specials) or (3 digits + 1 special); specials are `!@#$^&*?_~`. (The regex printed in
 * the spec lost its backslashes, so we implement the prose.)
 */
export function isValidSecretPassword(value: string): boolean {
  if (value.length < 8 || !/[A-Z]/.test(value) || !/[a-z]/.test(value)) return false;
  const digits = (value.match(/\d/g) ?? []).length;
  const specials = (value.match(/[!@#$^&*?_~]/g) ?? []).length;
  return (digits >= 1 && specials >= 2) || (digits >= 3 && specials >= 1);
}

export const zSecret = z.object({
  tenantId: z.string(),
  customerId: z.string(),
  secretId: z.number().int(),
  name: z.string(),
  type: z.enum(SECRET_TYPES),
  // Contabo documents `value` as "available only when retrieving a single secret".
  value: z.string().optional(),
  createdAt: nstr(),
  updatedAt: nstr(),
});
export type Secret = z.output<typeof zSecret>;

export const zCreateSecretRequest = z
  .strictObject({
    name: z.string().min(1).max(255),
    value: z.string().min(8),
    type: z.enum(SECRET_TYPES),
  })
  .refine((s) => s.type !== 'password' || isValidSecretPassword(s.value), {
    message:
      'password does not meet Contabo policy (upper+lower case and 1 digit+2 specials or 3 digits+1 special)',
    path: ['value'],
  });
export type CreateSecretRequest = z.input<typeof zCreateSecretRequest>;

// ---------- audits ----------
export const zAudit = z.object({
  id: z.number(),
  action: z.string(),
  timestamp: z.string(),
  tenantId: z.string(),
  customerId: z.string(),
  changedBy: nstr(),
  username: nstr(),
  requestId: nstr(),
  traceId: nstr(),
  instanceId: z.number(),
  changes: z.record(z.string(), z.unknown()).nullish(),
});
export type Audit = z.output<typeof zAudit>;

// ---------- token ----------
export const zTokenResponse = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().positive(),
  token_type: z.string().optional(),
});
