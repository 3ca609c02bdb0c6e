// Spec-shaped JSON for simulator records (what Contabo's API returns for each resource).
import { PRODUCTS, REGION_INFO, addressesFor } from './catalog.ts';
import type { SimImageSeed } from './catalog.ts';
import type { SimAudit, SimInstance, SimSecret, SimSnapshot, SimState } from './state.ts';

/** An instance's region names (EU's for an unknown region). */
export const regionOf = (inst: SimInstance) => REGION_INFO[inst.region] ?? REGION_INFO.EU!;

/** An instance's `ipConfig` (its addresses follow from its number). */
export function ipConfigOf(inst: SimInstance) {
  const addr = addressesFor(inst.n);
  return {
    v4: { ip: addr.v4, netmaskCidr: 24, gateway: addr.v4Gateway },
    v6: { ip: addr.v6, netmaskCidr: 64, gateway: 'fe80::1' },
  };
}

export function presentInstance(state: SimState, inst: SimInstance): Record<string, unknown> {
  const product = PRODUCTS[inst.productId] ?? PRODUCTS.V91!;
  const region = regionOf(inst);
  const addr = addressesFor(inst.n);
  return {
    tenantId: state.tenantId,
    customerId: state.customerId,
    additionalIps: [],
    name: inst.name,
    displayName: inst.displayName,
    instanceId: inst.instanceId,
    dataCenter: region.dataCenter,
    region: inst.region,
    regionName: region.regionName,
    productId: inst.productId,
    imageId: inst.imageId,
    ipConfig: ipConfigOf(inst),
    macAddress: addr.mac,
    ramMb: product.ramMb,
    cpuCores: product.cpuCores,
    osType: inst.osType,
    diskMb: product.diskMb,
    sshKeys: inst.sshKeys,
    createdDate: new Date(inst.createdAt).toISOString(),
    cancelDate: inst.cancelDate,
    status: inst.status,
    vHostId: 1000 + (inst.n % 50),
    vHostNumber: 10 + (inst.n % 50),
    vHostName: `m${10 + (inst.n % 50)}`,
    addOns: [],
    errorMessage: inst.status === 'error' ? 'Simulated error' : '',
    productType: product.productType,
    productName: product.productName,
    defaultUser: inst.defaultUser,
    applicationId: '',
  };
}

export function presentSnapshot(state: SimState, s: SimSnapshot): Record<string, unknown> {
  return {
    tenantId: state.tenantId,
    customerId: state.customerId,
    snapshotId: s.snapshotId,
    name: s.name,
    description: s.description,
    instanceId: s.instanceId,
    createdDate: new Date(s.createdAt).toISOString(),
    // Retention is undocumented; the simulator assumes 30 days.
    autoDeleteDate: new Date(s.createdAt + 30 * 86_400_000).toISOString(),
    imageId: s.imageId,
    imageName: s.imageName,
  };
}

export function presentSecret(state: SimState, s: SimSecret): Record<string, unknown> {
  return {
    tenantId: state.tenantId,
    customerId: state.customerId,
    secretId: s.secretId,
    name: s.name,
    type: s.type,
    value: s.value,
    createdAt: new Date(s.createdAt).toISOString(),
    updatedAt: new Date(s.updatedAt).toISOString(),
  };
}

export function presentAudit(state: SimState, a: SimAudit): Record<string, unknown> {
  return {
    id: a.id,
    action: a.action,
    timestamp: new Date(a.timestamp).toISOString(),
    tenantId: state.tenantId,
    customerId: state.customerId,
    changedBy: state.userUuid,
    username: state.username,
    requestId: a.requestId,
    traceId: a.traceId,
    instanceId: a.instanceId,
    changes: a.changes,
  };
}

export function presentImage(state: SimState, i: SimImageSeed): Record<string, unknown> {
  return {
    imageId: i.imageId,
    tenantId: state.tenantId,
    customerId: state.customerId,
    name: i.name,
    description: i.description,
    url: '',
    sizeMb: i.sizeMb,
    uploadedSizeMb: i.sizeMb,
    osType: i.osType,
    version: i.version,
    format: 'qcow2',
    status: 'Available',
    errorMessage: '',
    standardImage: true,
    creationDate: '2024-01-01T00:00:00.000Z',
    lastModifiedDate: '2024-01-01T00:00:00.000Z',
  };
}
