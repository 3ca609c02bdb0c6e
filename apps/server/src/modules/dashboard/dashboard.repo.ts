import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.ts';

/** Services "in service" at instant T: assigned by then and not ended before it. */
const IN_SERVICE_AT = (t: Date) =>
  sql`coalesce(v.assigned_at, v.created_at) < ${t} and (v.terminated_at is null or v.terminated_at >= ${t})`;
/** Suspended at T (a service reactivated since has its suspension cleared, so this is a lower bound). */
const SUSPENDED_AT = (t: Date) => sql`(v.suspended_at is not null and v.suspended_at < ${t})`;
/** A live VPS: the service is active and the server is running or stopped (not being built, not broken). */
const LIVE_VPS = sql`v.service_status = 'active' and v.status in ('running', 'stopped')`;

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

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));

/**
 * The console's figures as aggregate queries (one pass per table, FILTER for "now" and "at the start of the month"),
 * never rows loaded into memory. Amounts of services are converted to the base currency with the admin's rates
 * (`rates`, base → 1); a service priced in a currency without a rate is counted in `unconverted`.
 */
export function createDashboardRepo(db: Db) {
  return {
    async orders(periodStart: Date) {
      const waiting = sql`o.status in ('paid', 'processing', 'provisioning')`;
      const [row] = await queryRows<Record<string, unknown>>(
        db,
        sql`select
          count(*) filter (where o.status = 'pending') as pending,
          min(o.created_at) filter (where o.status = 'pending') as pending_oldest,
          count(*) filter (where o.created_at < ${periodStart}
            and (o.paid_at is null or o.paid_at >= ${periodStart})
            and (o.cancelled_at is null or o.cancelled_at >= ${periodStart})) as pending_prev,
          count(*) filter (where ${waiting}) as fulfil,
          min(o.paid_at) filter (where ${waiting}) as fulfil_oldest,
          count(*) filter (where o.paid_at < ${periodStart}
            and (o.completed_at is null or o.completed_at >= ${periodStart})
            and (o.cancelled_at is null or o.cancelled_at >= ${periodStart})) as fulfil_prev
        from orders o`,
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

    async services(periodStart: Date, base: string, rates: Record<string, number>) {
      const rate = sql`(case when coalesce(o.currency, p.currency) = ${base} then 1::numeric
        else (${JSON.stringify(rates)}::jsonb ->> coalesce(o.currency, p.currency))::numeric end)`;
      // Monthly equivalent: the price agreed on the order for the same period, else the plan's monthly price.
      const monthlyPrice = sql`(case when o.id is not null and o.period_months = v.period_months
        then (o.subtotal_minor + o.region_surcharge_minor + o.license_fee_minor)::numeric / o.period_months
        else coalesce(p.selling_price_minor, 0)::numeric end)`;
      const activeNow = sql`v.service_status = 'active'`;
      const activePrev = sql`${IN_SERVICE_AT(periodStart)} and not ${SUSPENDED_AT(periodStart)}`;
      const [row] = await queryRows<Record<string, unknown>>(
        db,
        sql`select
          round(sum(${monthlyPrice} * ${rate}) filter (where ${activeNow}))::float8 as mrr,
          round(sum(${monthlyPrice} * ${rate}) filter (where ${activePrev}))::float8 as mrr_prev,
          round(sum(coalesce(p.cost_minor, 0) * ${rate}) filter (where ${activeNow}))::float8 as cost,
          round(sum(coalesce(p.cost_minor, 0) * ${rate}) filter (where ${activePrev}))::float8 as cost_prev,
          count(*) filter (where ${activeNow} and ${rate} is null) as unconverted,
          count(distinct v.user_id) filter (where ${activeNow}) as customers,
          count(distinct v.user_id) filter (where ${activePrev}) as customers_prev,
          count(*) filter (where ${LIVE_VPS}) as live,
          count(*) filter (where ${activePrev}) as live_prev,
          count(*) filter (where v.service_status = 'suspended') as suspended,
          count(*) filter (where ${IN_SERVICE_AT(periodStart)} and ${SUSPENDED_AT(periodStart)}) as suspended_prev
        from vps_instances v
        left join orders o on o.id = v.order_id
        left join products p on p.id = v.product_id
        where v.service_status in ('active', 'suspended')
           or v.terminated_at >= ${periodStart}`,
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

    /** Customers (staff excluded) who signed up per month in [from, to). */
    async newCustomersByMonth(from: Date, to: Date) {
      const rows = await queryRows<{ month: string; n: number }>(
        db,
        sql`select to_char(date_trunc('month', u.created_at at time zone 'UTC'), 'YYYY-MM-DD') as month,
            count(*)::int as n
          from users u
          where u.role = 'customer' and u.created_at >= ${from} and u.created_at < ${to}
          group by 1 order by 1`,
      );
      return new Map(rows.map((r) => [r.month, Number(r.n)]));
    },

    /** Active services per plan (for "best-selling plans"). */
    async activeByPlan() {
      const rows = await queryRows<{ product_id: string | null; name: string | null; n: number }>(
        db,
        sql`select v.product_id, max(p.name) as name, count(*)::int as n
          from vps_instances v left join products p on p.id = v.product_id
          where v.service_status = 'active'
          group by v.product_id`,
      );
      return rows.map((r) => ({ productId: r.product_id, name: r.name, count: Number(r.n) }));
    },

    async liveByRegion() {
      const rows = await queryRows<{ region: string | null; name: string | null; n: number }>(
        db,
        sql`select v.region, max(r.name) as name, count(*)::int as n
          from vps_instances v left join regions r on r.code = v.region
          where ${LIVE_VPS}
          group by v.region order by 3 desc`,
      );
      return rows.map((r) => ({ region: r.region, name: r.name, count: Number(r.n) }));
    },

    /**
     * Every alert's count (one query) and its first few items (one UNION ALL query): two round trips and two pool
     * connections instead of two per alert, each branch an index scan (see the indexes named in the schema). Item
     * labels are names and numbers, never sentences: the web shows them as they are, whatever the reader's language.
     */
    async alerts(now: Date, paidBefore: Date, limit: number): Promise<Record<AlertKind, AlertRows>> {
      const week = new Date(now.getTime() + 7 * DAY);
      const hourAgo = new Date(now.getTime() - HOUR);
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
      const [counts] = await queryRows<Record<string, unknown>>(
        db,
        sql`select
          (select count(*) from orders o where ${where.newPaid}) as "newPaid",
          (select count(*) from orders o where ${where.paidWaiting}) as "paidWaiting",
          (select count(*) from provisioning_attempts a join orders o on o.id = a.order_id
            where ${where.provisioningFailed}) as "provisioningFailed",
          (select count(*) from vps_instances v where ${where.expiring}) as "expiring",
          (select count(*) from invoices i where ${where.overdue}) as "overdue",
          (select count(*) from transactions t where ${where.mismatch}) as "mismatch",
          (select count(*) from vps_actions a where ${where.contaboActions})
            + (select count(*) from provisioning_attempts p where p.status = 'failed' and p.updated_at >= ${hourAgo})
            as "contaboActions",
          (select count(*) from admin_tasks t where ${where.adminTasks}) as "adminTasks"`,
      );
      const items = await queryRows<AlertItemRow & { kind: AlertKind }>(
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
      const out = {} as Record<AlertKind, AlertRows>;
      for (const kind of ALERT_KINDS) {
        out[kind] = { count: num(counts?.[kind]), items: items.filter((r) => r.kind === kind) };
      }
      return out;
    },
  };
}

export type DashboardRepo = ReturnType<typeof createDashboardRepo>;
