// The tickets module's figures for the operator's dashboard (its "waiting on staff" card and alert).
import { and, asc, count, eq, inArray, lt, min } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { supportTickets, users } from '../../db/schema/index.ts';
import type { TicketsFigures } from '../dashboard/dashboard.service.ts';

/** Statuses that mean "the customer waits for us". */
const WAITING_ON_STAFF = ['open', 'customer_reply'];
const ALERT_ITEMS = 10;

export function createTicketsFigures(db: Db): TicketsFigures {
  return {
    async waitingOnStaff(periodStart) {
      const waiting = inArray(supportTickets.status, WAITING_ON_STAFF);
      const [now, before, oldest] = await Promise.all([
        db.select({ n: count() }).from(supportTickets).where(waiting),
        // Waiting since before the period began and still waiting: what the queue held then, at least (a ticket
        // answered since leaves no trace of having waited, so this is a lower bound, like the other stock figures).
        db
          .select({ n: count() })
          .from(supportTickets)
          .where(and(waiting, lt(supportTickets.statusChangedAt, periodStart))),
        db
          .select({ at: min(supportTickets.statusChangedAt) })
          .from(supportTickets)
          .where(waiting),
      ]);
      const items = await db
        .select({
          id: supportTickets.id,
          number: supportTickets.number,
          subject: supportTickets.subject,
          at: supportTickets.statusChangedAt,
          customerId: users.id,
          email: users.email,
        })
        .from(supportTickets)
        .leftJoin(users, eq(users.id, supportTickets.userId))
        .where(waiting)
        .orderBy(asc(supportTickets.statusChangedAt))
        .limit(ALERT_ITEMS);
      return {
        value: Number(now[0]?.n ?? 0),
        previous: Number(before[0]?.n ?? 0),
        oldestSince: oldest[0]?.at ?? null,
        items: items.map((r) => ({
          id: r.id,
          label: `${r.number} · ${r.subject}`,
          at: r.at,
          customer: r.customerId && r.email ? { id: r.customerId, email: r.email } : null,
        })),
      };
    },
  };
}
