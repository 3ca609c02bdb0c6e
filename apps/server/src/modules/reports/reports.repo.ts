import { sql, type SQL } from 'drizzle-orm';
import { queryRows, unitOfWork, type Db } from '../../db/client.ts';
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

interface LedgerSqlRow {
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
}

const isMonthStart = (d: Date) =>
  d.getUTCDate() === 1 &&
  d.getUTCHours() === 0 &&
  d.getUTCMinutes() === 0 &&
  d.getUTCSeconds() === 0 &&
  d.getUTCMilliseconds() === 0;

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
  const repo = {
    transaction: unitOfWork(db),

    /** The ledger of `q`, from the monthly sums when they answer it exactly (whole UTC months, all customers). */
    async ledger(q: LedgerQuery): Promise<LedgerRow[]> {
      const monthly =
        !q.userId &&
        (q.grain === 'month' || q.grain === 'none') &&
        (q.dimension === 'none' || q.dimension === 'plan') &&
        isMonthStart(q.from) &&
        isMonthStart(q.to);
      return monthly ? repo.byMonth(q) : repo.byDocument(q);
    },

    /** The ledger aggregated from one row per document (any range, grain and dimension). */
    async byDocument(q: LedgerQuery): Promise<LedgerRow[]> {
      const grain = q.grain === 'none' ? null : q.grain;
      const period = grain ? sql`date_trunc(${grain}, l.at at time zone 'UTC')` : sql`null::timestamp`;
      const dimension = DIMENSION_LABEL[q.dimension];
      const rows = await queryRows<LedgerSqlRow>(
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
      return rows.map(present);
    },

    /**
     * The same ledger from `sales_ledger_months` for whole months, by month or not, by plan or not: the sums of the
     * documents in or paid in the base currency are read as they are; the documents that need the admin's fallback
     * rate are converted one by one from `sales_ledger` (few: only their currencies are read, by index).
     */
    async byMonth(q: LedgerQuery): Promise<LedgerRow[]> {
      const from = q.from.toISOString().slice(0, 10);
      const to = q.to.toISOString().slice(0, 10);
      const period = q.grain === 'month' ? sql`p.month` : sql`null::date`;
      const key = q.dimension === 'plan' ? sql`p.key` : sql`null::text`;
      const label = q.dimension === 'plan' ? sql`max(pd.name)::text` : sql`null::text`;
      const rows = await queryRows<LedgerSqlRow>(
        db,
        sql`
        with parts as (
          select m.month, nullif(m.product_key, '') as key, m.type, m.currency, m.documents,
            case when m.currency = ${q.base} then m.total_minor else m.pay_total_minor end as total,
            case when m.currency = ${q.base} then m.tax_minor else m.pay_tax_minor end as tax,
            case when m.currency = ${q.base} then m.cost_minor else m.pay_cost_minor end as cost
          from sales_ledger_months m
          where m.month >= ${from}::date and m.month < ${to}::date
            and (m.currency = ${q.base} or m.pay_currency = ${q.base})
          union all
          select date_trunc('month', l.at at time zone 'UTC')::date, l.product_id::text, l.type, l.currency, 1,
            x.total, x.tax, x.cost
          -- One index scan per currency that needs the fallback rate (none, usually): a lateral kept apart from
          -- the outer query (offset 0), so the planner cannot flatten it into a (parallel) scan of every document.
          from (
            select distinct m.currency from sales_ledger_months m
            where m.month >= ${from}::date and m.month < ${to}::date
              and m.currency <> ${q.base} and m.pay_currency <> ${q.base}
          ) c
          cross join lateral (
            select d.* from sales_ledger d
            where d.currency = c.currency and d.at >= ${q.from} and d.at < ${q.to}
              and d.pay_currency is distinct from ${q.base}
            offset 0
          ) l
          ${ledgerFactor(q.base, q.rates)}
          cross join lateral (
            select ${ledgerAmount('total', q.base)} as total, ${ledgerAmount('tax', q.base)} as tax,
              ${ledgerAmount('cost', q.base)} as cost
          ) x
        )
        select to_char(${period}, 'YYYY-MM-DD') as period, ${key} as key, ${label} as label,
          sum(case when p.type = 'invoice' then p.total else 0 end)::float8 as revenue,
          sum(case when p.type = 'credit_note' then p.total else 0 end)::float8 as refunds,
          sum(case when p.type = 'invoice' then p.tax else -p.tax end)::float8 as tax,
          sum(p.cost)::float8 as cost,
          coalesce(sum(p.documents) filter (where p.type = 'invoice' and p.total is not null), 0)::int as invoices,
          coalesce(sum(p.documents) filter (where p.type = 'credit_note' and p.total is not null), 0)::int
            as credit_notes,
          coalesce(sum(p.documents) filter (where p.total is null), 0)::int as unconverted,
          array_remove(array_agg(distinct case when p.total is null then p.currency end), null)
            as unconverted_currencies
        from parts p
        ${q.dimension === 'plan' ? sql`left join products pd on pd.id::text = p.key` : sql``}
        group by ${period}, ${key}
        order by 1 nulls first, 4 desc`,
      );
      return rows.map(present);
    },
  };
  return repo;
}

function present(r: LedgerSqlRow): LedgerRow {
  return {
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
  };
}

export type ReportsRepo = ReturnType<typeof createReportsRepo>;
