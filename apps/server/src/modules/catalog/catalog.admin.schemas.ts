import { z } from 'zod';
import { ZImage } from './catalog.schemas.ts';

export const ZPriceRuleInput = z.object({
  periodMonths: z.number().int().min(1).max(36),
  discountPercent: z.number().min(0).max(100).default(0),
  finalPriceMinor: z.number().int().positive().nullable().default(null),
  costMinor: z.number().int().min(0),
  setupFeeMinor: z.number().int().min(0).default(0),
  isActive: z.boolean().default(true),
});

export const ZProductInput = z
  .object({
    contaboProductId: z.string().trim().min(1).max(20),
    name: z.string().trim().min(1).max(100),
    description: z.string().max(2000).default(''),
    costMinor: z.number().int().min(0),
    sellingPriceMinor: z.number().int().positive(),
    currency: z.string().length(3).toUpperCase().default('USD'),
    ramMb: z.number().int().positive(),
    cpuCores: z.number().int().positive(),
    diskGb: z.number().int().positive(),
    diskType: z.enum(['NVMe', 'SSD', 'HDD']),
    snapshotQuota: z.number().int().min(0).max(50).default(1),
    isActive: z.boolean().default(true),
    sortOrder: z.number().int().default(0),
    regions: z
      .array(
        z.object({ code: z.string().min(1).max(20), surchargeMinor: z.number().int().min(0).default(0) }),
      )
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

export const ZImageUpdate = z
  .object({
    isActive: z.boolean().optional(),
    displayName: z.string().trim().min(1).max(255).nullable().optional(),
    sortOrder: z.number().int().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });

export type TProductInput = z.infer<typeof ZProductInput>;
export type TAdminProduct = z.infer<typeof ZAdminProduct>;
export type TAdminImage = z.infer<typeof ZAdminImage>;
export type TImageUpdate = z.infer<typeof ZImageUpdate>;
