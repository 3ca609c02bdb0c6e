import type { FastifyInstance } from 'fastify';
import { notFound } from '../../lib/errors.ts';
import type { Permission } from '../auth/permissions.ts';

/**
 * Who may do what with tickets, in one place. Staff are the roles below; the staff routes use `staffGuard` so that
 * when roles gain permissions (a `support` role, a "tickets" permission) only this file changes.
 */
export const STAFF_ROLES = ['admin', 'support'] as const;

export const isStaff = (user: { role: string }) => (STAFF_ROLES as readonly string[]).includes(user.role);

/** The guard of every `/api/admin/tickets*` and canned-response route. */
export const staffGuard = (app: FastifyInstance, permission: Permission = 'tickets.reply') =>
  app.requireStaff(permission);

/** The guard of the customer routes: signed in with a confirmed e-mail, like orders. */
export const customerGuard = (app: FastifyInstance) => app.requireVerifiedEmail;

/** A customer sees only their own tickets; anyone else's is "not found", never "forbidden" (no existence oracle). */
export function assertOwner<T extends { userId: string }>(ticket: T | undefined, userId: string): T {
  if (!ticket || ticket.userId !== userId) throw notFound('Ticket');
  return ticket;
}

/** Attachments: the ticket's owner (never of an internal note) or staff. */
export function assertCanDownload(
  user: { id: string; role: string },
  ticket: { userId: string } | undefined,
  attachment: { internal: boolean } | undefined,
): void {
  if (!ticket || !attachment) throw notFound('Attachment');
  if (isStaff(user)) return;
  if (ticket.userId !== user.id || attachment.internal) throw notFound('Attachment');
}
