import { sql } from 'drizzle-orm';
import type { DbOrTx } from './client.ts';
import { queryRows } from './client.ts';

/**
 * Next value of a yearly counter (order numbers, invoice numbers). Runs inside the caller's transaction: the row lock
 * taken by the upsert serialises concurrent callers, so numbers are consecutive, never duplicated, and a rolled-back
 * transaction gives its number back (gap-free).
 */
export async function nextSequenceValue(tx: DbOrTx, scope: string, year: number): Promise<number> {
  const [row] = await queryRows<{ last_value: number }>(
    tx,
    sql`insert into number_sequences (scope, year, last_value) values (${scope}, ${year}, 1)
        on conflict (scope, year) do update set last_value = number_sequences.last_value + 1
        returning last_value`,
  );
  return Number(row!.last_value);
}

/** `CV-2026-000042` (an invoice), `P-2026-000042` (an order) */
export function formatNumber(prefix: string, year: number, value: number): string {
  return `${prefix}-${year}-${String(value).padStart(6, '0')}`;
}
