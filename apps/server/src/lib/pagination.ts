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

/**
 * A list's total read with its page: the page query selects `count(*) over ()` (counted before LIMIT) as `total`,
 * saving a second query. A page past the end has no row to carry it: only then is `count` run on its own.
 */
export async function pageTotal(
  rows: ReadonlyArray<{ total: string | number }>,
  offset: number,
  count: () => Promise<number>,
): Promise<number> {
  if (rows.length) return Number(rows[0]!.total);
  return offset > 0 ? count() : 0;
}
