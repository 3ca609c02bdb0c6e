import type { TicketStatus } from './tickets.schemas.ts';

/**
 * The ticket status rules, pure so they read in one place:
 *   open (new, waiting on staff) → answered (staff replied) → customer_reply (waiting on staff again) → closed;
 *   on_hold is set by staff. A customer reply to a closed ticket reopens it within the reopen window; later it starts
 *   a new ticket that references the old one.
 */
export type CustomerReplyOutcome =
  { kind: 'append'; status: TicketStatus; reopened: boolean } | { kind: 'new_ticket' };

export function afterCustomerReply(
  ticket: { status: string; closedAt: Date | null },
  now: Date,
  reopenDays: number,
): CustomerReplyOutcome {
  if (ticket.status === 'closed') {
    const closedAt = ticket.closedAt ?? now;
    if (now.getTime() - closedAt.getTime() <= reopenDays * 86_400_000) {
      return { kind: 'append', status: 'customer_reply', reopened: true };
    }
    return { kind: 'new_ticket' };
  }
  // A customer adding to a ticket nobody answered yet keeps it "open" (and its place in the queue).
  if (ticket.status === 'open') return { kind: 'append', status: 'open', reopened: false };
  return { kind: 'append', status: 'customer_reply', reopened: false };
}

/** A public staff reply puts the ticket in the customer's court; an internal note changes nothing. */
export function afterStaffReply(status: string, internal: boolean): TicketStatus {
  return internal ? (status as TicketStatus) : 'answered';
}

export function waitingOn(status: string): 'staff' | 'customer' | 'none' {
  if (status === 'open' || status === 'customer_reply') return 'staff';
  if (status === 'answered') return 'customer';
  return 'none';
}

/** The customer may reply to reopen the ticket (closed tickets, within the window). */
export function canReopen(ticket: { status: string; closedAt: Date | null }, now: Date, reopenDays: number) {
  return afterCustomerReply(ticket, now, reopenDays).kind === 'append';
}
