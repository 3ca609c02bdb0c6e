import type { z } from 'zod';
import type { AttachmentRow, MessageRow, RevisionRow, TicketRow } from './tickets.repo.ts';
import type {
  TicketPriority,
  TicketStatus,
  ZAdminTicket,
  ZAttachment,
  ZMessage,
  ZStaffMessage,
  ZTicket,
} from './tickets.schemas.ts';
import { waitingOn } from './tickets.status.ts';

type Author = { id: string; name: string; firstName: string } | null;

/** The fields both sides see. A row is never returned as is. */
function ticketBase(t: TicketRow) {
  return {
    id: t.id,
    number: t.number,
    subject: t.subject,
    department: t.department,
    priority: t.priority as TicketPriority,
    status: t.status as TicketStatus,
    vpsId: t.vpsInstanceId,
    orderId: t.orderId,
    invoiceId: t.invoiceId,
    previousTicketId: t.previousTicketId,
    statusChangedAt: t.statusChangedAt,
    firstResponseAt: t.firstResponseAt,
    lastMessageAt: t.lastMessageAt,
    closedAt: t.closedAt,
    createdAt: t.createdAt,
    rating: t.rating,
    ratingComment: t.ratingComment,
  };
}

export const presentTicket = (t: TicketRow): z.infer<typeof ZTicket> => ({
  ...ticketBase(t),
  unread: t.customerUnread,
});

export function presentAdminTicket(
  t: TicketRow,
  customer: { id: string; name: string; email: string },
  assignee: { id: string; name: string } | null,
  now: Date,
): z.infer<typeof ZAdminTicket> {
  return {
    ...ticketBase(t),
    unread: t.staffUnread,
    customer,
    assignee,
    waitingSeconds: Math.max(0, Math.floor((now.getTime() - t.statusChangedAt.getTime()) / 1000)),
    waitingOn: waitingOn(t.status),
  };
}

const presentAttachment = (a: AttachmentRow): z.infer<typeof ZAttachment> => ({
  id: a.id,
  filename: a.filename,
  contentType: a.contentType,
  sizeBytes: a.sizeBytes,
});

function attachmentsOf(messageId: string, attachments: AttachmentRow[]) {
  return attachments.filter((a) => a.messageId === messageId).map(presentAttachment);
}

function authorOf(m: MessageRow): 'customer' | 'staff' | 'system' {
  if (m.isAdmin) return 'staff';
  return m.userId ? 'customer' : 'system';
}

/** What the customer reads: staff appear by first name, internal notes and edit history never appear. */
export function presentCustomerMessage(
  m: MessageRow,
  author: Author,
  attachments: AttachmentRow[],
  staffLabel: string,
): z.infer<typeof ZMessage> {
  const kind = authorOf(m);
  return {
    id: m.id,
    body: m.message,
    author: kind,
    authorName: kind === 'staff' ? author?.firstName || staffLabel : (author?.name ?? ''),
    source: m.source,
    createdAt: m.createdAt,
    editedAt: m.editedAt,
    attachments: attachmentsOf(m.id, attachments),
  };
}

export function presentStaffMessage(
  m: MessageRow,
  author: Author,
  attachments: AttachmentRow[],
  revisions: RevisionRow[],
): z.infer<typeof ZStaffMessage> {
  return {
    id: m.id,
    body: m.message,
    author: authorOf(m),
    authorName: author?.name ?? '',
    authorId: m.userId,
    source: m.source,
    internal: m.internal,
    createdAt: m.createdAt,
    editedAt: m.editedAt,
    attachments: attachmentsOf(m.id, attachments),
    revisions: revisions
      .filter((r) => r.messageId === m.id)
      .map((r) => ({ previousBody: r.previousMessage, editedAt: r.createdAt, editedBy: r.editedBy })),
  };
}
