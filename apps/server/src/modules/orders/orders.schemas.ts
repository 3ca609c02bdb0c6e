import { z } from 'zod';
import { zInt32, zName, zText } from '../../lib/input.ts';
import { ZPagination } from '../../lib/pagination.ts';
import { ORDER_STATUSES } from './orders.state.ts';

/** Unknown keys (such as a price sent by the client) are stripped: every amount is computed on the server. */
export const ZCartItem = z.object({
  productId: z.uuid(),
  periodMonths: z.number().int().positive().max(120),
  region: zName().min(1).max(20),
  imageId: z.uuid(),
  sshKeyIds: z.array(z.uuid()).max(10).default([]),
  sshPublicKeys: z
    .array(z.object({ name: zName().trim().min(1).max(100), publicKey: zText().trim().min(1).max(16_384) }))
    .max(10)
    .default([]),
  displayName: z
    .string()
    .trim()
    .min(1)
    .max(63)
    .regex(/^[A-Za-z0-9][A-Za-z0-9-]*$/, 'letters, digits and dashes, starting with a letter or digit')
    .optional(),
  userData: zText().max(16_384, 'cloud-init user data is limited to 16 KB').optional(),
});

export const ZCreateOrders = z.object({
  items: z.array(ZCartItem).min(1).max(10),
  /** Versions of the terms and refund policy the customer accepted at checkout (`GET /api/legal`). */
  legalAccepted: z
    .object({ terms: zInt32().optional(), refunds: zInt32().optional() })
    .strict()
    .optional()
    .describe('Required: the current versions of `terms` and `refunds`, e.g. { "terms": 1, "refunds": 1 }'),
});

export const ZOrderHistoryEntry = z.object({
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  actorType: z.string(),
  note: z.string().nullable(),
  /** When set, the web shows `orders.notes.<noteCode>` with `noteParams` in the reader's language. */
  noteCode: z.string().nullable(),
  noteParams: z.record(z.string(), z.union([z.string(), z.number()])).nullable(),
  createdAt: z.date(),
});

export const ZOrder = z.object({
  id: z.uuid(),
  orderNumber: z.string(),
  checkoutId: z.uuid().nullable(),
  status: z.enum(ORDER_STATUSES),
  paymentStatus: z.string(),
  paymentMethod: z.string().nullable(),
  currency: z.string(),
  periodMonths: z.number().int(),
  subtotalMinor: z.number().int(),
  setupFeeMinor: z.number().int(),
  regionSurchargeMinor: z.number().int(),
  /** The image's licence (Windows) for the whole period, included in `totalMinor`. */
  licenseFeeMinor: z.number().int(),
  totalMinor: z.number().int(),
  region: z.string(),
  product: z.object({ id: z.uuid(), name: z.string(), contaboProductId: z.string() }),
  image: z.object({ id: z.uuid(), name: z.string(), osType: z.string() }).nullable(),
  displayName: z.string().nullable(),
  sshKeys: z.array(z.object({ name: z.string(), fingerprint: z.string() })),
  hasUserData: z.boolean(),
  /** The legal documents' versions accepted at checkout, e.g. { terms: 1, refunds: 1 }. */
  legalAccepted: z.record(z.string(), z.number()).nullable(),
  legalAcceptedAt: z.date().nullable(),
  createdAt: z.date(),
  paidAt: z.date().nullable(),
  completedAt: z.date().nullable(),
  cancelledAt: z.date().nullable(),
});

export const ZOrderDetail = ZOrder.extend({ history: z.array(ZOrderHistoryEntry) });

export const ZOrderQuery = ZPagination.extend({ status: z.enum(ORDER_STATUSES).optional() });

export type TCartItem = z.infer<typeof ZCartItem>;
export type TCreateOrders = z.infer<typeof ZCreateOrders>;
export type TOrder = z.infer<typeof ZOrder>;
export type TOrderDetail = z.infer<typeof ZOrderDetail>;
export type TOrderQuery = z.infer<typeof ZOrderQuery>;
