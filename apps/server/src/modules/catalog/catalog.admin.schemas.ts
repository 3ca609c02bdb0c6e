import { z } from 'zod';
import { zInt32, zName, zText } from '../../lib/input.ts';
import { ZImage } from './catalog.schemas.ts';

export const ZPriceRuleInput = z.object({
  periodMonths: zInt32().min(1).max(36),
  discountPercent: z.number().min(0).max(100).default(0),
  finalPriceMinor: zInt32().positive().nullable().default(null),
  costMinor: zInt32().min(0),
  setupFeeMinor: zInt32().min(0).default(0),
  isActive: z.boolean().default(true),
});

export const ZProductInput = z
  .object({
    contaboProductId: zName().trim().min(1).max(20),
    name: zName().trim().min(1).max(100),
    description: zText().max(2000).default(''),
    costMinor: zInt32().min(0),
    sellingPriceMinor: zInt32().positive(),
    currency: zName().length(3).toUpperCase().default('USD'),
    ramMb: zInt32().positive(),
    cpuCores: zInt32().positive(),
    diskGb: zInt32().positive(),
    diskType: z.enum(['NVMe', 'SSD', 'HDD']),
    snapshotQuota: zInt32().min(0).max(50).default(1),
    isActive: z.boolean().default(true),
    sortOrder: zInt32().default(0),
    regions: z
      .array(z.object({ code: zName().min(1).max(20), surchargeMinor: zInt32().min(0).default(0) }))
      .min(1),
    prices: z.array(ZPriceRuleInput).min(1),
  })
  .refine((p) => new Set(p.prices.map((r) => r.periodMonths)).size === p.prices.length, {
    message: 'each billing period may appear once',
    path: ['prices'],
  })
  .refine((p) => new Set(p.regions.map((r) => r.code)).size === p.regions.length, {
    message: 'each region may appear once',
    path: ['regions'],
  });

export const ZAdminPrice = z.object({
  periodMonths: z.number().int(),
  discountPercent: z.number(),
  finalPriceMinor: z.number().int().nullable(),
  setupFeeMinor: z.number().int(),
  isActive: z.boolean(),
  totalMinor: z.number().int(),
  monthlyMinor: z.number().int(),
  costMinor: z.number().int(),
  /** Selling price of the period plus setup fee, less Contabo's cost for the period. */
  marginMinor: z.number().int(),
  marginPercent: z.number(),
});

export const ZAdminProduct = z.object({
  id: z.uuid(),
  contaboProductId: z.string(),
  name: z.string(),
  description: z.string(),
  costMinor: z.number().int(),
  sellingPriceMinor: z.number().int(),
  currency: z.string(),
  ramMb: z.number().int(),
  cpuCores: z.number().int(),
  diskGb: z.number().int(),
  diskType: z.string(),
  snapshotQuota: z.number().int(),
  isActive: z.boolean(),
  sortOrder: z.number().int(),
  regions: z.array(z.object({ code: z.string(), surchargeMinor: z.number().int() })),
  prices: z.array(ZAdminPrice),
  orderCount: z.number().int(),
});

export const ZAdminImage = ZImage.extend({
  contaboImageId: z.string(),
  systemName: z.string(),
  displayName: z.string().nullable(),
  standardImage: z.boolean(),
  isActive: z.boolean(),
  sortOrder: z.number().int(),
  syncedAt: z.date().nullable(),
});

/** Highest monthly licence fee accepted (minor units): 10,000.00 a month, far above any real licence. */
export const LICENSE_FEE_MAX_MINOR = 1_000_000;

export const ZImageUpdate = z
  .object({
    isActive: z.boolean().optional(),
    displayName: zName().trim().min(1).max(255).nullable().optional(),
    sortOrder: zInt32().optional(),
    licenseFeeMinor: zInt32()
      .min(0)
      .max(LICENSE_FEE_MAX_MINOR)
      .optional()
      .describe('Monthly licence surcharge in minor units of the store currency (0: none)'),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });

export type TProductInput = z.infer<typeof ZProductInput>;
export type TAdminProduct = z.infer<typeof ZAdminProduct>;
export type TAdminImage = z.infer<typeof ZAdminImage>;
export type TImageUpdate = z.infer<typeof ZImageUpdate>;
