import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.ts';
import { ledgerAmount, ledgerFactor } from './ledger.sql.ts';

export type Grain = 'day' | 'week' | 'month' | 'none';
export type Dimension = 'none' | 'plan' | 'region' | 'method' | 'kind' | 'country';

export interface LedgerQuery {
  from: Date;
  to: Date;
  grain: Grain;
  dimension: Dimension;
  /** The base currency every figure is expressed in. */
  base: string;
  /** Fallback rates (units of base per unit of the currency) for invoices without a frozen rate to the base. */
  rates: Record<string, number>;
  /** Only this customer's documents (lifetime value). */
  userId?: string;
}

/** One aggregated row of the sales ledger, in minor units of the base currency. */
export interface LedgerRow {
  period: string | null;
  key: string | null;
  label: string | null;
  revenueMinor: number;
  refundsMinor: number;
  taxMinor: number;
  costMinor: number;
  invoices: number;
  creditNotes: number;
  /** Documents left out because no rate to the base currency is known. */
  unconverted: number;
  unconvertedCurrencies: string[];
}

const DIMENSION_KEY: Record<Dimension, SQL> = {
  none: sql`null::text`,
  plan: sql`l.product_id::text`,
  region: sql`l.region`,
  method: sql`l.method`,
  kind: sql`l.kind`,
  country: sql`l.country`,
};

/** Labels are looked up once per group, after the aggregate (names are the catalog's current ones). */
const DIMENSION_LABEL: Record<Dimension, { join: SQL; label: SQL }> = {
  none: { join: sql``, label: sql`null::text` },
  plan: { join: sql`left join products pd on pd.id::text = g.key`, label: sql`pd.name::text` },
  region: { join: sql`left join regions rg on rg.code = g.key`, label: sql`rg.name::text` },
  method: { join: sql``, label: sql`g.key` },
  kind: { join: sql``, label: sql`g.key` },
  country: { join: sql``, label: sql`g.key` },
};

/**
 * The sales ledger every console figure and report is built from: one aggregate over `sales_ledger`, the table the
 * database keeps with one row per counting document (what counts, on which date, its cost and dimensions, and its
 * amounts at the payment's frozen rate: see db/schema/sales-ledger.ts and migration 0004). Only the fallback rates
 * (admin settings, editable at any time) are applied here, to documents paid in neither the base currency nor with
 * a rate to it.
 */
export function createReportsRepo(db: Db) {
  return {
    db,

    async ledger(q: LedgerQuery): Promise<LedgerRow[]> {
      const grain = q.grain === 'none' ? null : q.grain;
      const period = grain ? sql`date_trunc(${grain}, l.at at time zone 'UTC')` : sql`null::timestamp`;
      const dimension = DIMENSION_LABEL[q.dimension];
      const rows = await queryRows<{
        period: string | null;
        key: string | null;
        label: string | null;
        revenue: number | null;
        refunds: number | null;
        tax: number | null;
        cost: number | null;
        invoices: number;
        credit_notes: number;
        unconverted: number;
        unconverted_currencies: string[] | null;
      }>(
        db,
        sql`
        select to_char(g.period, 'YYYY-MM-DD') as period, g.key, ${dimension.label} as label, g.revenue, g.refunds,
          g.tax, g.cost, g.invoices, g.credit_notes, g.unconverted, g.unconverted_currencies
        from (
          select
            ${period} as period,
            ${DIMENSION_KEY[q.dimension]} as key,
            sum(case when l.type = 'invoice' then x.total else 0 end)::float8 as revenue,
            sum(case when l.type = 'credit_note' then x.total else 0 end)::float8 as refunds,
            sum(case when l.type = 'invoice' then x.tax else -x.tax end)::float8 as tax,
            sum(x.cost)::float8 as cost,
            (count(*) filter (where l.type = 'invoice' and x.total is not null))::int as invoices,
            (count(*) filter (where l.type = 'credit_note' and x.total is not null))::int as credit_notes,
            (count(*) filter (where x.total is null))::int as unconverted,
            array_remove(array_agg(distinct case when x.total is null then l.currency end), null)
              as unconverted_currencies
          from sales_ledger l
          ${ledgerFactor(q.base, q.rates)}
          cross join lateral (
            select ${ledgerAmount('total', q.base)} as total, ${ledgerAmount('tax', q.base)} as tax,
              ${ledgerAmount('cost', q.base)} as cost
          ) x
          where l.at >= ${q.from} and l.at < ${q.to}
            ${q.userId ? sql`and l.user_id = ${q.userId}` : sql``}
          group by 1, 2
        ) g
        ${dimension.join}
        order by g.period nulls first, g.revenue desc`,
      );
      return rows.map((r) => ({
        period: r.period,
        key: r.key,
        label: r.label,
        revenueMinor: r.revenue ?? 0,
        refundsMinor: r.refunds ?? 0,
        taxMinor: r.tax ?? 0,
        costMinor: r.cost ?? 0,
        invoices: Number(r.invoices),
        creditNotes: Number(r.credit_notes),
        unconverted: Number(r.unconverted),
        unconvertedCurrencies: r.unconverted_currencies ?? [],
      }));
    },
  };
}

export type ReportsRepo = ReturnType<typeof createReportsRepo>;
