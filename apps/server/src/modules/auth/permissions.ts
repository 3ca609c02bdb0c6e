/**
 * Staff permissions as data: each staff role is a set of permission names, and every admin route names the one it
 * needs (`onRequest: app.requireStaff('orders.read')`). A new module adds its permissions here and grants them to the
 * roles that should have them; the role matrix test then checks every admin route against this table.
 *
 * Naming: `<area>.read` to look, `<area>.manage` to change. Money, settings and staff are admin-only.
 */
export const PERMISSIONS = [
  /** Dashboard, reports, audit log, outgoing e-mail, job runs. */
  'dashboard.read',
  'audit.read',
  'outbox.read',
  /** Company, payment, billing, Contabo settings and e-mail templates. */
  'settings.manage',
  /** Invite, change role of, disable staff members. */
  'staff.manage',
  /** Plans, prices, regions, images. */
  'catalog.manage',
  'orders.read',
  /** Fulfil (assign/create at Contabo), cancel orders, admin tasks. */
  'orders.manage',
  'vps.read',
  /** Act on any customer's VPS. */
  'vps.manage',
  /** Invoices and payments (read). */
  'billing.read',
  /** Money actions: mark paid, manual payments, credit notes, refunds, voids. */
  'billing.manage',
  'customers.read',
  /** Edit, ban, delete customers. */
  'customers.manage',
  /** The account help support gives: send a password-reset e-mail, reset 2FA. */
  'customers.support',
  /** Read and answer tickets (issue #17 plugs in here). */
  'tickets.read',
  'tickets.reply',
  /** Canned responses, ticket settings. */
  'tickets.manage',
  /** The staff notifications bell. */
  'notifications.staff',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export const STAFF_ROLES = ['admin', 'support'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export type Role = 'customer' | StaffRole;

/** `admin` holds everything; `support` answers customers but never touches money, settings or staff. */
export const ROLE_PERMISSIONS: Record<StaffRole, ReadonlySet<Permission>> = {
  admin: new Set(PERMISSIONS),
  support: new Set<Permission>([
    'orders.read',
    'vps.read',
    'customers.read',
    'customers.support',
    'tickets.read',
    'tickets.reply',
    'notifications.staff',
  ]),
};

export const isStaffRole = (role: string | null | undefined): role is StaffRole =>
  role === 'admin' || role === 'support';

export const roleOf = (stored: string | null | undefined): Role =>
  isStaffRole(stored) ? stored : 'customer';

/** The policy every staff route asks. */
export function can(role: Role, permission: Permission): boolean {
  return isStaffRole(role) && ROLE_PERMISSIONS[role].has(permission);
}
