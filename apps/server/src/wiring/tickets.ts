import { createFileStorage } from '../integrations/storage/index.ts';
import { createTicketsRepo } from '../modules/tickets/tickets.repo.ts';
import { createCannedResponsesService } from '../modules/tickets/tickets.canned.ts';
import { createInboundMail } from '../modules/tickets/tickets.inbound.ts';
import { createAutoCloser } from '../modules/tickets/tickets.jobs.ts';
import { createTicketNotifier } from '../modules/tickets/tickets.notify.ts';
import { createReplyAddressSigner } from '../modules/tickets/tickets.reply-address.ts';
import { createTicketsService } from '../modules/tickets/tickets.service.ts';
import { createTicketsStaffService } from '../modules/tickets/tickets.staff.ts';
import type { Platform } from './platform.ts';

/** Support tickets: the customer and staff sides, canned responses, reply by e-mail and the auto-close pass. */
export function wireTickets(p: Platform) {
  const { config, secrets, db, settings, mail, notifications, events, clock, logger } = p;
  // Uploaded files (ticket attachments): DATA_DIR or S3-compatible storage.
  const storage = createFileStorage(config);
  const ticketsRepo = createTicketsRepo(db);
  // Reply addresses are signed with a key derived from the JWT secret (never the secret itself).
  const replySigner = createReplyAddressSigner(`reply-address:${secrets.jwtSecret}`);
  const ticketNotifier = createTicketNotifier({
    repo: ticketsRepo,
    mail,
    notifications,
    events,
    clock,
    logger,
    appUrl: config.appUrl,
    // Read in the caller's transaction: PGlite has one connection, a query beside an open transaction would wait on it.
    replyAddress: async (ticket, tx) => {
      const { address } = (await settings.getMany(['tickets.inbound'], tx))['tickets.inbound'];
      return address ? replySigner.addressFor(address, ticket.number) : null;
    },
  });
  const tickets = createTicketsService({
    repo: ticketsRepo,
    settings,
    storage,
    notify: ticketNotifier,
    clock,
    logger,
  });
  const ticketsStaff = createTicketsStaffService({
    repo: ticketsRepo,
    tickets,
    settings,
    notify: ticketNotifier,
    clock,
  });
  const inboundMail = createInboundMail({
    repo: ticketsRepo,
    tickets,
    staff: ticketsStaff,
    settings,
    signer: replySigner,
    logger,
  });
  const autoCloseTickets = createAutoCloser({
    repo: ticketsRepo,
    settings,
    notify: ticketNotifier,
    clock,
    logger,
  });
  const cannedResponses = createCannedResponsesService({ repo: ticketsRepo });
  return { storage, ticketsRepo, tickets, ticketsStaff, inboundMail, autoCloseTickets, cannedResponses };
}
