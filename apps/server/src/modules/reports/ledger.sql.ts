import { sql, type SQL } from 'drizzle-orm';
import { minorDigits } from '../../lib/money.ts';

/**
 * SQL pieces over `sales_ledger l` (one row per counting document, see db/schema/sales-ledger.ts), shared by the
 * reports and the customers' spend so both convert the same way.
 *
 * `ledgerFactor` is a lateral `f(factor)`: the admin's fallback rate for a document paid in neither the base currency
 * nor with a frozen rate to it (null when none is known: the document is unconverted), in minor units of the base.
 */
export function ledgerFactor(base: string, rates: Record<string, number>): SQL {
  return sql`cross join lateral (
    select case when l.currency = ${base} or l.pay_currency = ${base} then null::numeric
      else (${JSON.stringify(rates)}::jsonb ->> l.currency)::numeric
        * power(10::numeric, ${minorDigits(base)} - currency_minor_digits(l.currency)) end as factor
  ) f`;
}

/**
 * One amount of a ledger row in the base currency (needs `ledgerFactor`): the document's own amount when it is in
 * the base currency, the amount converted at the payment's frozen rate when the payment was charged in the base
 * currency, else the fallback rate. Rounded once per document; bigint so sums stay exact and fast.
 */
export function ledgerAmount(column: 'total' | 'tax' | 'cost', base: string): SQL {
  const own = sql.raw(`l.${column}_minor`);
  const paid = sql.raw(`l.pay_${column}_minor`);
  return sql`(case when l.currency = ${base} then ${own}::bigint when l.pay_currency = ${base} then ${paid}
    else round(${own} * f.factor)::bigint end)`;
}
