import { z } from 'zod';
import { ZPagination } from '../../lib/pagination.ts';

export const ZSendEmailJob = z.object({ outboxId: z.uuid() });

export const ZOutboxItem = z.object({
  id: z.uuid(),
  userId: z.uuid().nullable(),
  to: z.string(),
  subject: z.string(),
  template: z.string(),
  language: z.string(),
  status: z.enum(['pending', 'sent', 'failed', 'kept']).or(z.string()),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  sentAt: z.string().nullable(),
  createdAt: z.string(),
});

export const ZOutboxDetail = ZOutboxItem.extend({ html: z.string(), text: z.string() });

export const ZOutboxQuery = ZPagination.extend({
  status: z.enum(['pending', 'sent', 'failed', 'kept']).optional(),
  to: z.string().max(255).optional(),
});

export type TOutboxItem = z.infer<typeof ZOutboxItem>;
export type TOutboxDetail = z.infer<typeof ZOutboxDetail>;
