import type { DbOrTx } from '../../db/client.ts';
import type { EventBus, TicketEvent } from '../../events/bus.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import { staffNotice } from '../notifications/in-app.ts';
import type { MailService } from '../notifications/mail.service.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import type { PersonRef, TicketRow, TicketsRepo } from './tickets.repo.ts';

export interface TicketNotifierDeps {
  repo: TicketsRepo;
  mail: MailService;
  /** The staff bell: new tickets and customer replies (the assignee's own, else the whole team's). */
  notifications?: Pick<NotificationsService, 'notify' | 'announce'>;
  events: EventBus;
  clock: Clock;
  logger: Logger;
  appUrl: string;
  /** The ticket's signed reply address, when reply by e-mail is configured. */
  replyAddress: (ticket: TicketRow, tx: DbOrTx) => Promise<string | null>;
}

const displayName = (p: Pick<PersonRef, 'firstName' | 'name'>) => p.firstName || p.name;

/**
 * Who hears about ticket activity. E-mails are queued in the caller's transaction (the outbox row commits with the
 * message, or neither does); live events are published after the commit and carry no text.
 */
export function createTicketNotifier({
  repo,
  mail,
  notifications,
  events,
  clock,
  logger,
  appUrl,
  replyAddress,
}: TicketNotifierDeps) {
  /** The assignee when there is one, otherwise every staff member. */
  async function staffRecipients(tx: DbOrTx, ticket: TicketRow): Promise<PersonRef[]> {
    if (ticket.assigneeId) {
      const assignee = await repo.person(ticket.assigneeId, tx);
      if (assignee) return [assignee];
    }
    return repo.staff(tx);
  }

  async function toStaff(
    tx: DbOrTx,
    template: 'ticket-new-staff' | 'ticket-customer-reply-staff',
    ticket: TicketRow,
    customer: PersonRef,
    message: string,
  ) {
    const replyTo = await replyAddress(ticket, tx);
    const what = {
      ticketId: ticket.id,
      number: ticket.number,
      subject: ticket.subject,
      customer: customer.name || customer.email,
    };
    const note =
      template === 'ticket-new-staff' ? staffNotice.ticketNew(what) : staffNotice.ticketCustomerReply(what);
    await notifications?.notify(
      ticket.assigneeId
        ? { ...note, userId: ticket.assigneeId, audience: 'user' }
        : { ...note, userId: null, audience: 'admins' },
      tx,
    );
    for (const staff of await staffRecipients(tx, ticket)) {
      await mail.queue(
        {
          to: staff.email,
          replyTo,
          userId: staff.id,
          language: staff.language,
          template,
          data: {
            number: ticket.number,
            subject: ticket.subject,
            customer: `${customer.name} <${customer.email}>`,
            department: ticket.department,
            priority: ticket.priority,
            message,
            link: `${appUrl}/admin/tickets/${ticket.id}`,
          },
        },
        tx,
      );
    }
  }

  return {
    newTicket: (tx: DbOrTx, ticket: TicketRow, customer: PersonRef, message: string) =>
      toStaff(tx, 'ticket-new-staff', ticket, customer, message),

    customerReplied: (tx: DbOrTx, ticket: TicketRow, customer: PersonRef, message: string) =>
      toStaff(tx, 'ticket-customer-reply-staff', ticket, customer, message),

    /** A public staff reply, in the customer's language. Internal notes never come here. */
    async staffReplied(tx: DbOrTx, ticket: TicketRow, customer: PersonRef, staff: PersonRef, reply: string) {
      await mail.queue(
        {
          to: customer.email,
          replyTo: await replyAddress(ticket, tx),
          userId: customer.id,
          language: customer.language,
          template: 'ticket-reply',
          data: {
            name: displayName(customer),
            number: ticket.number,
            subject: ticket.subject,
            reply,
            staffName: displayName(staff),
            link: `${appUrl}/panel/support/${ticket.id}`,
          },
        },
        tx,
      );
    },

    async autoClosed(tx: DbOrTx, ticket: TicketRow, customer: PersonRef, days: number) {
      await mail.queue(
        {
          to: customer.email,
          replyTo: await replyAddress(ticket, tx),
          userId: customer.id,
          language: customer.language,
          template: 'ticket-auto-closed',
          data: {
            name: displayName(customer),
            number: ticket.number,
            subject: ticket.subject,
            days,
            link: `${appUrl}/panel/support/${ticket.id}`,
          },
        },
        tx,
      );
    },

    /** After the commit: a lost live event only delays a screen's refresh, so a failure is logged, not thrown. */
    async publish(type: TicketEvent['type'], ticket: TicketRow, visibleToCustomer: boolean) {
      try {
        await events.publish({
          type,
          ticketId: ticket.id,
          userId: ticket.userId,
          visibleToCustomer,
          at: clock.now().toISOString(),
        });
      } catch (error) {
        logger.warn({ err: error, ticketId: ticket.id }, 'could not publish a ticket event');
      }
      // A customer's message may have written a staff notification: the open staff bells refetch their count.
      if (type === 'ticket.message' && visibleToCustomer) {
        await notifications
          ?.announce({ userId: null, audience: 'admins' })
          .catch((error: unknown) => logger.warn({ err: error }, 'could not ring the staff bells'));
      }
    },
  };
}

export type TicketNotifier = ReturnType<typeof createTicketNotifier>;
