import type { UserRow } from './auth.repo.ts';
import type { TUser } from './auth.schemas.ts';
import { roleOf } from './permissions.ts';

/** The only shape a user leaves the API in: no password, token, ban reason or internal field. */
export function presentUser(row: UserRow): TUser {
  return {
    id: row.id,
    email: row.email,
    emailVerified: row.emailVerified,
    firstName: row.firstName,
    lastName: row.lastName,
    name: row.name,
    phone: row.phone,
    language: row.language,
    role: roleOf(row.role),
    twoFactorEnabled: Boolean(row.twoFactorEnabled),
    billing: {
      companyName: row.companyName,
      taxId: row.taxId,
      addressLine1: row.addressLine1,
      addressLine2: row.addressLine2,
      city: row.city,
      state: row.state,
      postalCode: row.postalCode,
      country: row.country,
    },
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}
