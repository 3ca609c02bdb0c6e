import { z } from 'zod';
import { STAFF_ROLES } from '../auth/permissions.ts';

const noNul = (s: string) => !s.includes('\u0000');

export const ZStaffMember = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: z.enum(STAFF_ROLES),
  disabled: z.boolean(),
  twoFactorEnabled: z.boolean(),
  /** False until the invited member has set a password and logged in. */
  hasLoggedIn: z.boolean(),
  createdAt: z.string(),
});
export type TStaffMember = z.infer<typeof ZStaffMember>;

export const ZStaffList = z.object({
  items: z.array(ZStaffMember),
  /** Every permission there is, in the table's order: with `roles`, what each role may and may not do. */
  permissions: z.array(z.string()),
  /** Role → permissions, so the page can show what each role may do. */
  roles: z.record(z.string(), z.array(z.string())),
});

export const ZStaffInvite = z.object({
  email: z.email().max(255),
  role: z.enum(STAFF_ROLES),
  firstName: z.string().trim().max(100).refine(noNul, 'must not contain NUL bytes').default(''),
  lastName: z.string().trim().max(100).refine(noNul, 'must not contain NUL bytes').default(''),
  language: z.enum(['es', 'en']).default('es'),
});
export type TStaffInvite = z.infer<typeof ZStaffInvite>;

/** "Require 2FA for staff": when on, staff tokens without 2FA are refused on staff routes until they enrol. */
export const ZStaffSecurity = z.object({ requireTwoFactor: z.boolean() }).strict();
export type TStaffSecurity = z.infer<typeof ZStaffSecurity>;

export const ZStaffUpdate = z
  .object({ role: z.enum(STAFF_ROLES).optional(), disabled: z.boolean().optional() })
  .refine((v) => v.role !== undefined || v.disabled !== undefined, 'nothing to change');
export type TStaffUpdate = z.infer<typeof ZStaffUpdate>;
