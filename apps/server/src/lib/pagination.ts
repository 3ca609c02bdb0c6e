import { z } from 'zod';

export const ZPagination = z.object({
  // Bounded so that the offset stays a sane PostgreSQL bigint (and no one pages a million pages deep).
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type TPagination = z.infer<typeof ZPagination>;

export const listOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int() });

export const offsetOf = (p: TPagination) => (p.page - 1) * p.pageSize;
