import { z } from 'zod';
import { ZPagination } from '../../lib/pagination.ts';

export const TICKET_STATUSES = ['open', 'answered', 'customer_reply', 'on_hold', 'closed'] as const;
export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

export const MESSAGE_MAX = 20_000;

/** Plain text without NUL bytes (PostgreSQL text cannot hold them) and not only whitespace. */
const plainText = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !s.includes('\u0000'), 'Must not contain NUL bytes')
    .refine((s) => s.trim().length > 0, 'Must not be empty');

export const ZSubject = plainText(200);
export const ZMessageText = plainText(MESSAGE_MAX);
const ZDepartment = z.string().min(1).max(30);

export const ZDepartments = z.object({ departments: z.array(z.string()) });

export const ZTicketId = z.object({ id: z.uuid() });
export const ZTicketAttachmentParams = z.object({ id: z.uuid(), attachmentId: z.uuid() });
export const ZTicketMessageParams = z.object({ id: z.uuid(), messageId: z.uuid() });

export const ZCreateTicket = z.object({
  subject: ZSubject,
  message: ZMessageText,
  department: ZDepartment.optional(),
  priority: z.enum(TICKET_PRIORITIES).optional(),
  vpsId: z.uuid().nullish(),
  orderId: z.uuid().nullish(),
  invoiceId: z.uuid().nullish(),
});
export type TCreateTicket = z.infer<typeof ZCreateTicket>;

export const ZAdminCreateTicket = ZCreateTicket.extend({ userId: z.uuid() });
export type TAdminCreateTicket = z.infer<typeof ZAdminCreateTicket>;

export const ZCustomerReply = z.object({ message: ZMessageText });

export const ZStaffReply = z
  .object({
    message: plainText(MESSAGE_MAX).optional(),
    internal: z.boolean().optional(),
    cannedResponseId: z.uuid().optional(),
  })
  .refine((b) => b.message !== undefined || b.cannedResponseId !== undefined, {
    message: 'Write a message or pick a canned response',
    path: ['message'],
  });
export type TStaffReply = z.infer<typeof ZStaffReply>;

export const ZEditMessage = z.object({ message: ZMessageText });

export const ZTicketPatch = z
  .object({
    status: z.enum(TICKET_STATUSES).optional(),
    priority: z.enum(TICKET_PRIORITIES).optional(),
    department: ZDepartment.optional(),
    assigneeId: z.uuid().nullable().optional(),
  })
  .refine((p) => Object.keys(p).length > 0, 'Nothing to change');
export type TTicketPatch = z.infer<typeof ZTicketPatch>;

export const ZRating = z.object({
  rating: z.number().int().min(1).max(5),
  comment: plainText(2000).optional(),
});

export const ZTicketQuery = ZPagination.extend({ status: z.enum(TICKET_STATUSES).optional() });
export type TTicketQuery = z.infer<typeof ZTicketQuery>;

export const ZAdminTicketQuery = ZPagination.extend({
  status: z.enum([...TICKET_STATUSES, 'waiting_staff'] as const).optional(),
  priority: z.enum(TICKET_PRIORITIES).optional(),
  department: ZDepartment.optional(),
  /** A staff member's id, or `none` for unassigned tickets. */
  assignee: z.union([z.uuid(), z.literal('none')]).optional(),
  customerId: z.uuid().optional(),
  vpsId: z.uuid().optional(),
  q: z
    .string()
    .max(200)
    .refine((s) => !s.includes('\u0000'), 'Must not contain NUL bytes')
    .optional(),
});
export type TAdminTicketQuery = z.infer<typeof ZAdminTicketQuery>;

export const ZAttachment = z.object({
  id: z.uuid(),
  filename: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
});

export const ZMessage = z.object({
  id: z.uuid(),
  body: z.string(),
  author: z.enum(['customer', 'staff', 'system']),
  authorName: z.string(),
  source: z.string(),
  createdAt: z.date(),
  editedAt: z.date().nullable(),
  attachments: z.array(ZAttachment),
});

export const ZStaffMessage = ZMessage.extend({
  internal: z.boolean(),
  authorId: z.uuid().nullable(),
  revisions: z.array(
    z.object({ previousBody: z.string(), editedAt: z.date(), editedBy: z.uuid().nullable() }),
  ),
});

const ticketBase = {
  id: z.uuid(),
  number: z.string(),
  subject: z.string(),
  department: z.string(),
  priority: z.enum(TICKET_PRIORITIES),
  status: z.enum(TICKET_STATUSES),
  vpsId: z.uuid().nullable(),
  orderId: z.uuid().nullable(),
  invoiceId: z.uuid().nullable(),
  previousTicketId: z.uuid().nullable(),
  statusChangedAt: z.date(),
  firstResponseAt: z.date().nullable(),
  lastMessageAt: z.date().nullable(),
  closedAt: z.date().nullable(),
  createdAt: z.date(),
  rating: z.number().int().nullable(),
  ratingComment: z.string().nullable(),
};

export const ZTicket = z.object({ ...ticketBase, unread: z.boolean() });
export const ZTicketDetail = ZTicket.extend({
  messages: z.array(ZMessage),
  /** The customer may still reply to reopen it (closed less than the reopen window ago). */
  canReopen: z.boolean(),
});

export const ZAdminTicket = z.object({
  ...ticketBase,
  unread: z.boolean(),
  customer: z.object({ id: z.uuid(), name: z.string(), email: z.string() }),
  assignee: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  /** Seconds since the ticket entered its status (how long the waiting side has waited). */
  waitingSeconds: z.number().int(),
  waitingOn: z.enum(['staff', 'customer', 'none']),
});

export const ZAdminTicketDetail = ZAdminTicket.extend({
  messages: z.array(ZStaffMessage),
  customer: z.object({
    id: z.uuid(),
    name: z.string(),
    email: z.string(),
    language: z.string(),
    createdAt: z.date(),
  }),
  services: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      ipAddress: z.string().nullable(),
      status: z.string(),
      serviceStatus: z.string(),
      expiresAt: z.date().nullable(),
    }),
  ),
  invoices: z.array(
    z.object({
      id: z.uuid(),
      number: z.string().nullable(),
      status: z.string(),
      totalMinor: z.number().int(),
      currency: z.string(),
      dueAt: z.date().nullable(),
    }),
  ),
  vpsActions: z.array(
    z.object({
      id: z.uuid(),
      actionType: z.string(),
      status: z.string(),
      requestedAt: z.date(),
    }),
  ),
  staff: z.array(z.object({ id: z.uuid(), name: z.string() })),
});

export const ZUnreadCount = z.object({ unread: z.number().int(), waiting: z.number().int() });

export const ZCannedResponseInput = z.object({
  title: plainText(120),
  body: plainText(MESSAGE_MAX),
  department: ZDepartment.nullable().optional(),
});
export const ZCannedResponse = z.object({
  id: z.uuid(),
  title: z.string(),
  body: z.string(),
  department: z.string().nullable(),
  updatedAt: z.date(),
});
export const ZCannedRender = z.object({ ticketId: z.uuid() });
export const ZCannedRendered = z.object({ body: z.string() });
