import { z } from 'zod';
import { INT4_MAX, zName } from '../../lib/input.ts';
import { ZPagination } from '../../lib/pagination.ts';

const RAM_MIN_MAX_GB = Math.floor(INT4_MAX / 1024);

export const ZRegion = z.object({
  code: z.string(),
  name: z.string(),
  location: z.string(),
});

export const ZProductRegion = z.object({
  code: z.string(),
  name: z.string(),
  surchargeMinor: z.number().int(),
});

export const ZPeriodPrice = z.object({
  periodMonths: z.number().int(),
  totalMinor: z.number().int(),
  monthlyMinor: z.number().int(),
  discountPercent: z.number(),
  setupFeeMinor: z.number().int(),
});

export const ZImage = z.object({
  id: z.uuid(),
  name: z.string(),
  osType: z.string(),
  version: z.string(),
  description: z.string(),
  /** Monthly licence surcharge (Windows) in the store currency, added to the price per month of the period. */
  licenseFeeMinor: z.number().int(),
});

export const ZProduct = z.object({
  id: z.uuid(),
  contaboProductId: z.string(),
  name: z.string(),
  description: z.string(),
  ramMb: z.number().int(),
  cpuCores: z.number().int(),
  diskGb: z.number().int(),
  diskType: z.string(),
  currency: z.string(),
  regions: z.array(ZProductRegion),
  prices: z.array(ZPeriodPrice),
  fromMonthlyMinor: z.number().int(),
});

export const ZProductDetail = ZProduct.extend({ images: z.array(ZImage) });

export const SORTS = ['price', '-price', 'ram', '-ram', 'cpu', '-cpu', 'disk', '-disk'] as const;

export const ZProductQuery = ZPagination.extend({
  // Bounded by the integer columns they filter (RAM is stored in MB: GB × 1024 must fit).
  ramMin: z.coerce.number().min(0).max(RAM_MIN_MAX_GB).optional().describe('Minimum RAM in GB'),
  cpuMin: z.coerce.number().int().min(0).max(INT4_MAX).optional().describe('Minimum CPU cores'),
  diskMin: z.coerce.number().int().min(0).max(INT4_MAX).optional().describe('Minimum disk in GB'),
  diskType: z.enum(['NVMe', 'SSD', 'HDD']).optional(),
  region: zName().max(20).optional().describe('Region code, e.g. EU'),
  sort: z.enum(SORTS).default('price'),
});

/** `?ids=a,b,c`: two to four plan ids, comma separated (the comparator of seed 6.2). */
export const ZCompareQuery = z.object({
  ids: z
    .string()
    .max(200)
    .transform((v) => [...new Set(v.split(',').map((id) => id.trim()))])
    .pipe(z.array(z.uuid()).min(1).max(4))
    .describe('Plan ids, comma separated (up to 4)'),
});

export type TProduct = z.infer<typeof ZProduct>;
export type TProductDetail = z.infer<typeof ZProductDetail>;
export type TProductQuery = z.infer<typeof ZProductQuery>;
export type TImage = z.infer<typeof ZImage>;
export type TRegion = z.infer<typeof ZRegion>;
