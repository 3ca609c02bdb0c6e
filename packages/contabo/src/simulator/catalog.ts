// Static data of the simulator: an illustrative product table, region names, standard images and the seed
// instances. Product sizes are plausible, not Contabo's price list (products are not listable via the API).

export interface SimProduct {
  productName: string;
  productType: 'hdd' | 'ssd' | 'vds' | 'nvme' | 'performance';
  cpuCores: number;
  ramMb: number;
  diskMb: number;
}

const gb = (n: number) => n * 1024;
/** V91–V9 match the seed plan's table 2.3, which the platform's catalog sells. */
export const PRODUCTS: Record<string, SimProduct> = {
  V91: { productName: 'VPS 10 NVMe', productType: 'nvme', cpuCores: 2, ramMb: gb(4), diskMb: gb(75) },
  V92: { productName: 'VPS 10 SSD', productType: 'ssd', cpuCores: 2, ramMb: gb(4), diskMb: gb(150) },
  V94: { productName: 'VPS 20 NVMe', productType: 'nvme', cpuCores: 4, ramMb: gb(8), diskMb: gb(100) },
  V95: { productName: 'VPS 20 SSD', productType: 'ssd', cpuCores: 4, ramMb: gb(8), diskMb: gb(200) },
  V97: { productName: 'VPS 30 NVMe', productType: 'nvme', cpuCores: 6, ramMb: gb(16), diskMb: gb(200) },
  V98: { productName: 'VPS 30 SSD', productType: 'ssd', cpuCores: 6, ramMb: gb(16), diskMb: gb(400) },
  V8: { productName: 'VDS S', productType: 'vds', cpuCores: 4, ramMb: gb(24), diskMb: gb(180) },
  V9: { productName: 'VDS M', productType: 'vds', cpuCores: 8, ramMb: gb(48), diskMb: gb(240) },
  V153: { productName: 'Cloud VPS 10', productType: 'ssd', cpuCores: 4, ramMb: gb(8), diskMb: gb(150) },
  V154: { productName: 'Cloud VPS 20', productType: 'ssd', cpuCores: 6, ramMb: gb(12), diskMb: gb(200) },
  V155: { productName: 'Cloud VPS 30', productType: 'ssd', cpuCores: 8, ramMb: gb(24), diskMb: gb(400) },
  V159: { productName: 'Cloud VPS 10 NVMe', productType: 'nvme', cpuCores: 4, ramMb: gb(8), diskMb: gb(75) },
};

/** Default snapshot allowance per instance, by product (402 beyond it). */
export const DEFAULT_SNAPSHOT_QUOTA = 2;
export const SNAPSHOT_QUOTA_BY_PRODUCT: Record<string, number> = { V8: 3, V9: 3 };

export const REGION_INFO: Record<string, { dataCenter: string; regionName: string }> = {
  EU: { dataCenter: 'European Union 1', regionName: 'European Union' },
  'US-central': { dataCenter: 'United States Central 1', regionName: 'United States (Central)' },
  'US-east': { dataCenter: 'United States East 1', regionName: 'United States (East)' },
  'US-west': { dataCenter: 'United States West 1', regionName: 'United States (West)' },
  SIN: { dataCenter: 'Asia (Singapore) 1', regionName: 'Asia (Singapore)' },
  UK: { dataCenter: 'United Kingdom 1', regionName: 'United Kingdom' },
  AUS: { dataCenter: 'Australia (Sydney) 1', regionName: 'Australia (Sydney)' },
  JPN: { dataCenter: 'Asia (Japan) 1', regionName: 'Asia (Japan)' },
  IND: { dataCenter: 'Asia (India) 1', regionName: 'Asia (India)' },
};

export interface SimImageSeed {
  imageId: string;
  name: string;
  description: string;
  osType: 'Linux' | 'Windows';
  version: string;
  sizeMb: number;
}

/** Fixed ids so that demos and tests can refer to them. Ubuntu 22.04 is the spec's default image id. */
export const STANDARD_IMAGES: SimImageSeed[] = [
  {
    imageId: 'afecbb85-e2fc-46f0-9684-b46b1faf00bb',
    name: 'ubuntu-22.04',
    description: 'Ubuntu 22.04',
    osType: 'Linux',
    version: '22.04',
    sizeMb: 2252,
  },
  {
    imageId: 'd64d5c6c-9dda-4e38-8174-0ee282474d8a',
    name: 'ubuntu-24.04',
    description: 'Ubuntu 24.04',
    osType: 'Linux',
    version: '24.04',
    sizeMb: 2420,
  },
  {
    imageId: '66abf39a-ba6b-4ebb-9c5d-4d9fd1c6e7c1',
    name: 'debian-11',
    description: 'Debian 11',
    osType: 'Linux',
    version: '11',
    sizeMb: 1640,
  },
  {
    imageId: '4e9ff4a4-3f6a-4b0e-9a2a-0b2f7c1c3d11',
    name: 'debian-12',
    description: 'Debian 12',
    osType: 'Linux',
    version: '12',
    sizeMb: 1710,
  },
  {
    imageId: '9a3c2f1e-7b6d-4c5e-8f4a-1b2c3d4e5f60',
    name: 'almalinux-9',
    description: 'AlmaLinux 9',
    osType: 'Linux',
    version: '9',
    sizeMb: 1980,
  },
  {
    imageId: '1f2e3d4c-5b6a-4978-8a6b-5c4d3e2f1a09',
    name: 'rockylinux-9',
    description: 'Rocky Linux 9',
    osType: 'Linux',
    version: '9',
    sizeMb: 1950,
  },
  {
    imageId: 'e7d6c5b4-a392-4817-9615-d4c3b2a19f8e',
    name: 'windows-server-2022-se',
    description: 'Windows Server 2022 Standard',
    osType: 'Windows',
    version: '2022',
    sizeMb: 10240,
  },
  {
    imageId: '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f',
    name: 'archlinux',
    description: 'Arch Linux',
    osType: 'Linux',
    version: 'rolling',
    sizeMb: 1320,
  },
];
export const IMAGE_IDS = {
  ubuntu2204: 'afecbb85-e2fc-46f0-9684-b46b1faf00bb',
  ubuntu2404: 'd64d5c6c-9dda-4e38-8174-0ee282474d8a',
  debian12: '4e9ff4a4-3f6a-4b0e-9a2a-0b2f7c1c3d11',
  windows2022: 'e7d6c5b4-a392-4817-9615-d4c3b2a19f8e',
} as const;

export interface SeedInstance {
  instanceId: number;
  productId: string;
  region: string;
  status: 'running' | 'stopped';
  imageId: string;
  defaultUser: 'root' | 'admin' | 'administrator';
}

/** Instances every fresh simulator starts with, none assigned: each is a plan the seeded catalog sells. */
export const SEED_INSTANCES: SeedInstance[] = [
  {
    instanceId: 100001,
    productId: 'V91',
    region: 'EU',
    status: 'running',
    imageId: IMAGE_IDS.ubuntu2204,
    defaultUser: 'root',
  },
  {
    instanceId: 100002,
    productId: 'V92',
    region: 'EU',
    status: 'stopped',
    imageId: IMAGE_IDS.debian12,
    defaultUser: 'root',
  },
  {
    instanceId: 100003,
    productId: 'V94',
    region: 'US-east',
    status: 'running',
    imageId: IMAGE_IDS.ubuntu2404,
    defaultUser: 'admin',
  },
  {
    instanceId: 100004,
    productId: 'V95',
    region: 'SIN',
    status: 'running',
    imageId: '9a3c2f1e-7b6d-4c5e-8f4a-1b2c3d4e5f60',
    defaultUser: 'root',
  },
  {
    instanceId: 100005,
    productId: 'V97',
    region: 'UK',
    status: 'running',
    imageId: IMAGE_IDS.windows2022,
    defaultUser: 'administrator',
  },
  {
    instanceId: 100006,
    productId: 'V8',
    region: 'EU',
    status: 'running',
    imageId: IMAGE_IDS.ubuntu2404,
    defaultUser: 'root',
  },
  // One of every other plan in the EU (the region a product page preselects), so a typical demo order finds a
  // matching server; one of them runs Windows.
  ...(
    [
      ['V94', IMAGE_IDS.ubuntu2404],
      ['V95', IMAGE_IDS.debian12],
      ['V97', IMAGE_IDS.windows2022],
      ['V98', IMAGE_IDS.ubuntu2204],
      ['V9', IMAGE_IDS.ubuntu2404],
    ] as const
  ).map(([productId, imageId], i): SeedInstance => ({
    instanceId: 100007 + i,
    productId,
    region: 'EU',
    status: 'running',
    imageId,
    defaultUser: imageId === IMAGE_IDS.windows2022 ? 'administrator' : 'root',
  })),
];

/** Documentation address ranges only (RFC 5737 / RFC 3849); they wrap after 759 hosts. */
export function addressesFor(n: number): { v4: string; v4Gateway: string; v6: string; mac: string } {
  const ranges = ['203.0.113', '198.51.100', '192.0.2'];
  const slot = n % (ranges.length * 253);
  const prefix = ranges[Math.floor(slot / 253)] ?? '203.0.113';
  const host = (slot % 253) + 2; // .1 is the gateway
  const hex = (v: number) => v.toString(16).padStart(2, '0');
  return {
    v4: `${prefix}.${host}`,
    v4Gateway: `${prefix}.1`,
    v6: `2001:db8:${(n >> 16).toString(16)}:${(n & 0xffff).toString(16)}::1`,
    mac: `00:50:56:${hex((n >> 16) & 0xff)}:${hex((n >> 8) & 0xff)}:${hex(n & 0xff)}`,
  };
}
