import { z } from 'zod';
import { zInt32, zName, zStrictDate, zText } from '../../lib/input.ts';
import { ZPagination } from '../../lib/pagination.ts';
import { ZOrder, ZOrderDetail } from '../orders/orders.schemas.ts';
import { ORDER_STATUSES } from '../orders/orders.state.ts';
import { ZVps } from '../vps/vps.schemas.ts';

export const ZCustomerRef = z.object({ id: z.uuid(), email: z.string(), name: z.string() });

export const ZAdminOrder = ZOrder.extend({
  customer: ZCustomerRef,
  waitingSeconds: z.number().int().nullable(),
});

export const ZProvisioningAttempt = z.object({
  status: z.string(),
  displayName: z.string(),
  contaboInstanceId: z.number().int().nullable(),
  error: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export const ZAdminOrderDetail = ZOrderDetail.extend({
  customer: ZCustomerRef,
  waitingSeconds: z.number().int().nullable(),
  vps: ZVps.nullable(),
  provisioning: ZProvisioningAttempt.nullable(),
});

export const ZAdminOrderQuery = ZPagination.extend({
  status: z.enum(ORDER_STATUSES).optional(),
  search: zName().trim().max(100).optional(),
});

export const ZStatusChange = z.object({
  status: z.enum(ORDER_STATUSES),
  note: zText().max(500).optional(),
});

export const ZProvisionRequest = z.union([
  z.object({ mode: z.literal('api') }),
  z.object({
    mode: z.literal('assign').optional(),
    contaboInstanceId: zInt32().positive(),
    rootPassword: zName().min(1).max(200).optional(),
    /**
     * Assign even though the instance's plan or region differs from the order's (else 409 `assignment_mismatch`
     * with the differences). The customer is told and renewals follow the delivered plan and region.
     */
    confirmMismatch: z.boolean().optional(),
  }),
]);

export const ZProvisionResult = z.object({
  order: ZAdminOrderDetail,
  warnings: z.array(z.string()),
  state: z.enum(['completed', 'provisioning', 'ambiguous']),
});

export const ZInventoryItem = z.object({
  instanceId: z.number().int(),
  name: z.string().nullable(),
  displayName: z.string().nullable(),
  status: z.string().nullable(),
  productId: z.string().nullable(),
  productName: z.string().nullable(),
  region: z.string().nullable(),
  ipv4: z.string().nullable(),
  createdDate: z.string().nullable(),
  cancelDate: z.string().nullable(),
  assignment: z
    .object({ vpsId: z.uuid(), userId: z.uuid(), email: z.string(), serviceStatus: z.string() })
    .nullable(),
  orphan: z.boolean(),
});

export const ZInventoryQuery = z.object({ assigned: z.enum(['true', 'false']).optional() });

export const ZAdminVps = ZVps.extend({
  userId: z.uuid(),
  ownerEmail: z.string(),
  contaboInstanceId: z.number().int(),
  orderId: z.uuid().nullable(),
  suspendedAt: z.date().nullable(),
});

export const ZAdminVpsQuery = ZPagination.extend({
  status: zName().max(50).optional(),
  serviceStatus: z.enum(['active', 'suspended', 'terminated', 'cancelled']).optional(),
  search: zName().trim().max(100).optional(),
});

export const ZAdminVpsUpdate = z
  .object({
    displayName: zName().trim().min(1).max(255).optional(),
    expiresAt: zStrictDate().optional(),
    userId: z.uuid().optional(),
    serviceStatus: z.enum(['active', 'suspended']).optional(),
    autoRenew: z.boolean().optional(),
    vncHost: zName().trim().max(255).nullable().optional(),
    vncPort: z.number().int().min(1).max(65535).nullable().optional(),
    vncPassword: zName().max(200).nullable().optional(),
    trafficNote: zText().max(1000).nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });

export const ZAssignVps = z.object({
  contaboInstanceId: zInt32().positive(),
  userId: z.uuid(),
  periodMonths: z.number().int().min(1).max(36).default(1),
  rootPassword: zName().min(1).max(200).optional(),
  expiresAt: zStrictDate().optional(),
});

export type TAdminOrder = z.infer<typeof ZAdminOrder>;
export type TAdminOrderDetail = z.infer<typeof ZAdminOrderDetail>;
export type TInventoryItem = z.infer<typeof ZInventoryItem>;
export type TAdminVps = z.infer<typeof ZAdminVps>;
export type TAdminVpsQuery = z.infer<typeof ZAdminVpsQuery>;
export type TAdminVpsUpdate = z.infer<typeof ZAdminVpsUpdate>;
