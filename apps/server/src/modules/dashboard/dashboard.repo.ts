import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.ts';

export interface AlertItemRow {
  id: string;
  label: string;
  at: Date | string | null;
  user_id: string | null;
  email: string | null;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const ALERT_KINDS = [
  'newPaid',
  'paidWaiting',
  'provisioningFailed',
  'expiring',
  'overdue',
  'mismatch',
  'contaboActions',
  'adminTasks',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export interface AlertRows {
  count: number;
  /** The first few, in the order the alert lists them (oldest waiting first, newest error first). */
  items: AlertItemRow[];
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const isMonthStart = (d: Date) => d.getTime() === Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));

/**
 * The console's figures as aggregate queries over index ranges and the sums the database keeps, never rows loaded
 * into memory. Amounts of services are converted to the base currency with the admin's rates (`rates`, base → 1); a
 * service priced in a currency without a rate is counted in `unconverted`.
 */
export function createDashboardRepo(db: Db) {
  return {
    /**
     * Orders awaiting payment and fulfilment now (by status) and at the start of the period: an order was waiting
     * for payment from its creation until paid or cancelled, for fulfilment from its payment until completed or
     * cancelled; each figure is one index range (see the indexes named in the schema), never the whole history.
     */
    async orders(periodStart: Date) {
      const waiting = sql`o.status in ('paid', 'processing', 'provisioning')`;
      const never = sql`'infinity'::timestamptz`;
      const [row] = await queryRows<Record<string, unknown>>(
        db,
        sql`select
          (select count(*) from orders o where o.status = 'pending') as pending,
          (select min(o.created_at) from orders o where o.status = 'pending') as pending_oldest,
          (select count(*) from orders o
            where least(coalesce(o.paid_at, ${never}), coalesce(o.cancelled_at, ${never})) >= ${periodStart}
              and o.created_at < ${periodStart}) as pending_prev,
          (select count(*) from orders o where ${waiting}) as fulfil,
          (select min(o.paid_at) from orders o where ${waiting}) as fulfil_oldest,
          (select count(*) from orders o
            where least(coalesce(o.completed_at, ${never}), coalesce(o.cancelled_at, ${never})) >= ${periodStart}
              and o.paid_at < ${periodStart}) as fulfil_prev`,
      );
      return {
        pending: num(row?.pending),
        pendingOldest: date(row?.pending_oldest),
        pendingPrevious: num(row?.pending_prev),
        fulfilment: num(row?.fulfil),
        fulfilmentOldest: date(row?.fulfil_oldest),
        fulfilmentPrevious: num(row?.fulfil_prev),
      };
    },

    /**
     * The service figures now and at the start of the period, from the sums the database keeps (the service
     * ledger, db/schema/service-ledger.ts): a few rows per plan, region and month, never one per service. Sums of
     * monthly prices are kept per currency and price period as exact fractions (`price_minor / months`); each is
     * divided and converted once here, then rounded once.
     */
    async services(periodStart: Date, base: string, rates: Record<string, number>) {
      const month = isoDay(periodStart);
      const [row] = await queryRows<Record<string, unknown>>(
        db,
        sql`select
          round(sum(g.price::numeric / g.months * x.rate) filter (where g.now))::float8 as mrr,
          round(sum(g.price::numeric / g.months * x.rate) filter (where not g.now))::float8 as mrr_prev,
          round(sum(g.cost * x.rate) filter (where g.now))::float8 as cost,
          round(sum(g.cost * x.rate) filter (where not g.now))::float8 as cost_prev,
          coalesce(sum(g.active) filter (where g.now and x.rate is null), 0)::int as unconverted,
          (select n.customers from customer_ledger_now n) as customers,
          (select coalesce(sum(c.customers), 0)::int from customer_ledger_months c where c.month <= ${month}::date)
            as customers_prev,
          coalesce(sum(g.live) filter (where g.now), 0)::int as live,
          coalesce(sum(g.active) filter (where not g.now), 0)::int as live_prev,
          coalesce(sum(g.suspended) filter (where g.now), 0)::int as suspended,
          coalesce(sum(g.suspended) filter (where not g.now), 0)::int as suspended_prev
        from (
          select true as now, n.currency, n.months, sum(n.price_minor) as price, sum(n.cost_minor) as cost,
            sum(n.services_active) as active, sum(n.services_live) as live, sum(n.services_suspended) as suspended
          from service_ledger_now n
          group by n.currency, n.months
          union all
          select false, m.currency, m.months, sum(m.price_minor), sum(m.cost_minor), sum(m.services_active), 0,
            sum(m.services_suspended)
          from service_ledger_months m
          where m.month <= ${month}::date
          group by m.currency, m.months
        ) g
        cross join lateral (
          select case when g.currency = ${base} then 1::numeric
            else (${JSON.stringify(rates)}::jsonb ->> nullif(g.currency, ''))::numeric end as rate
        ) x`,
      );
      return {
        mrrMinor: num(row?.mrr),
        mrrPreviousMinor: num(row?.mrr_prev),
        costMinor: num(row?.cost),
        costPreviousMinor: num(row?.cost_prev),
        unconverted: num(row?.unconverted),
        activeCustomers: num(row?.customers),
        activeCustomersPrevious: num(row?.customers_prev),
        liveVps: num(row?.live),
        liveVpsPrevious: num(row?.live_prev),
        suspended: num(row?.suspended),
        suspendedPrevious: num(row?.suspended_prev),
      };
    },

    /**
     * Customers (staff excluded) who signed up per month in [from, to): from the per-month counts the database keeps
     * (db/schema/console-counts.ts) when both ends are UTC month starts (what the dashboard asks), else counted.
     */
    async newCustomersByMonth(from: Date, to: Date) {
      const rows =
        isMonthStart(from) && isMonthStart(to)
          ? await queryRows<{ month: string; n: number }>(
              db,
              sql`select to_char(m.month, 'YYYY-MM-DD') as month, m.customers as n
                from customer_signup_months m
                where m.month >= ${isoDay(from)}::date and m.month < ${isoDay(to)}::date
                order by 1`,
            )
          : await queryRows<{ month: string; n: number }>(
              db,
              sql`select to_char(date_trunc('month', u.created_at at time zone 'UTC'), 'YYYY-MM-DD') as month,
                  count(*)::int as n
                from users u
                where u.role = 'customer' and u.created_at >= ${from} and u.created_at < ${to}
                group by 1 order by 1`,
            );
      return new Map(rows.map((r) => [r.month, Number(r.n)]));
    },

    /** Active services per plan (for "best-selling plans"), from the service ledger's sums. */
    async activeByPlan() {
      const rows = await queryRows<{ product_id: string | null; name: string | null; n: number }>(
        db,
        sql`select nullif(g.product_key, '') as product_id, p.name, g.n
          from (
            select n.product_key, sum(n.services_active)::int as n from service_ledger_now n
            group by n.product_key having sum(n.services_active) > 0
          ) g
          left join products p on p.id::text = g.product_key`,
      );
      return rows.map((r) => ({ productId: r.product_id, name: r.name, count: Number(r.n) }));
    },

    /** Live VPS per region, from the service ledger's sums. */
    async liveByRegion() {
      const rows = await queryRows<{ region: string | null; name: string | null; n: number }>(
        db,
        sql`select nullif(g.region_key, '') as region, r.name, g.n
          from (
            select n.region_key, sum(n.services_live)::int as n from service_ledger_now n
            group by n.region_key having sum(n.services_live) > 0
          ) g
          left join regions r on r.code = g.region_key
          order by 3 desc`,
      );
      return rows.map((r) => ({ region: r.region, name: r.name, count: Number(r.n) }));
    },

    /**
     * Every alert's count (one query) and its first few items (one UNION ALL query), side by side: two round trips
     * and two pool connections instead of two per alert, each branch an index scan (see the indexes named in the
     * schema). Item labels are names and numbers, never sentences: the web shows them as they are, whatever the
     * reader's language.
     */
    async alerts(now: Date, paidBefore: Date, limit: number): Promise<Record<AlertKind, AlertRows>> {
      const week = new Date(now.getTime() + 7 * DAY);
      const hourAgo = new Date(now.getTime() - HOUR);
      const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
      const where: Record<AlertKind, SQL> = {
        newPaid: sql`o.status = 'paid'`,
        paidWaiting: sql`o.status = 'paid' and o.paid_at < ${paidBefore}`,
        provisioningFailed: sql`a.status in ('failed', 'ambiguous') and o.status not in ('completed', 'cancelled')`,
        expiring: sql`v.service_status = 'active' and v.expires_at >= ${now} and v.expires_at < ${week}`,
        overdue: sql`i.type = 'invoice' and i.status in ('issued', 'overdue') and i.due_at < ${now}`,
        mismatch: sql`t.status = 'mismatch'`,
        contaboActions: sql`a.status = 'failed' and a.completed_at >= ${hourAgo}`,
        adminTasks: sql`t.status = 'open'`,
      };
      const countsQuery = queryRows<Record<string, unknown>>(
        db,
        sql`select
          (select count(*) from orders o where ${where.newPaid}) as "newPaid",
          (select count(*) from orders o where ${where.paidWaiting}) as "paidWaiting",
          (select count(*) from provisioning_attempts a join orders o on o.id = a.order_id
            where ${where.provisioningFailed}) as "provisioningFailed",
          (select count(*) from vps_instances v where ${where.expiring}) as "expiring",
          -- Unpaid past due: whole days before today from the per-day counts the database keeps, today's from
          -- the invoices (db/schema/console-counts.ts).
          (select coalesce(sum(d.invoices), 0) from unpaid_invoice_days d
            where d.day < ${isoDay(today)}::date)
            + (select count(*) from invoices i where ${where.overdue} and i.due_at >= ${today}) as "overdue",
          (select count(*) from transactions t where ${where.mismatch}) as "mismatch",
          (select count(*) from vps_actions a where ${where.contaboActions})
            + (select count(*) from provisioning_attempts p where p.status = 'failed' and p.updated_at >= ${hourAgo})
            as "contaboActions",
          (select count(*) from admin_tasks t where ${where.adminTasks}) as "adminTasks"`,
      );
      const itemsQuery = queryRows<AlertItemRow & { kind: AlertKind }>(
        db,
        sql`(select 'newPaid' as kind, o.id::text as id, o.order_number::text as label, o.paid_at as at,
              u.id::text as user_id, u.email::text as email
            from orders o join users u on u.id = o.user_id
            where ${where.newPaid} order by o.paid_at limit ${limit})
          union all
          (select 'paidWaiting', o.id::text, o.order_number::text, o.paid_at, u.id::text, u.email::text
            from orders o join users u on u.id = o.user_id
            where ${where.paidWaiting} order by o.paid_at limit ${limit})
          union all
          (select 'provisioningFailed', o.id::text, o.order_number::text, a.updated_at, u.id::text, u.email::text
            from provisioning_attempts a join orders o on o.id = a.order_id join users u on u.id = o.user_id
            where ${where.provisioningFailed} order by a.updated_at limit ${limit})
          union all
          (select 'expiring', v.id::text, coalesce(v.display_name, v.name, v.contabo_instance_id::text)::text,
              v.expires_at, u.id::text, u.email::text
            from vps_instances v join users u on u.id = v.user_id
            where ${where.expiring} order by v.expires_at limit ${limit})
          union all
          (select 'overdue', i.id::text, coalesce(i.invoice_number, i.id::text)::text, i.due_at, u.id::text,
              u.email::text
            from invoices i join users u on u.id = i.user_id
            where ${where.overdue} order by i.due_at limit ${limit})
          union all
          (select 'mismatch', coalesce(t.order_id, t.invoice_id, t.id)::text, coalesce(t.reference, t.provider)::text,
              t.created_at, u.id::text, u.email::text
            from transactions t join users u on u.id = t.user_id
            where ${where.mismatch} order by t.created_at desc limit ${limit})
          union all
          (select 'contaboActions', v.id::text, (a.action_type || ': ' || coalesce(a.error_code, 'error'))::text,
              a.completed_at, u.id::text, u.email::text
            from vps_actions a join vps_instances v on v.id = a.vps_instance_id join users u on u.id = v.user_id
            where ${where.contaboActions} order by a.completed_at desc limit ${limit})
          union all
          (select 'adminTasks', t.id::text,
              coalesce(v.display_name, v.name, v.contabo_instance_id::text, t.type)::text, t.created_at,
              u.id::text, u.email::text
            from admin_tasks t left join vps_instances v on v.id = t.vps_instance_id
              left join users u on u.id = v.user_id
            where ${where.adminTasks} order by t.created_at limit ${limit})`,
      );
      const [[counts], items] = await Promise.all([countsQuery, itemsQuery]);
      const out = {} as Record<AlertKind, AlertRows>;
      for (const kind of ALERT_KINDS) {
        out[kind] = { count: num(counts?.[kind]), items: items.filter((r) => r.kind === kind) };
      }
      return out;
    },
  };
}

export type DashboardRepo = ReturnType<typeof createDashboardRepo>;
