import { z } from 'zod';

/** A ticket message as the API takes it (tickets.schemas.ts ZMessageText): plain text, not blank, 20,000 at most. */
export const ticketMessageSchema = z
  .string()
  .max(20_000, 'validation.tooLong')
  .refine((v) => v.trim().length > 0, 'validation.required');

export const customerReplySchema = z.object({ message: ticketMessageSchema });
export const staffReplySchema = z.object({ message: ticketMessageSchema, internal: z.boolean() });
