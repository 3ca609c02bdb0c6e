/**
 * The console's service figures computed the way the dashboard computed them before the service ledger (migration
 * 0007): one pass over every service joined to its order and plan. Tests compare the ledger's figures with these on
 * the same rows, so "the figures stay what they were" is checked, not assumed.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../src/db/client.ts';

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

export async function servicesFromSource(db: DbOrTx, t: Date, base: string, rates: Record<string, number>) {
  const inServiceAt = sql`coalesce(v.assigned_at, v.created_at) < ${t}
    and (v.terminated_at is null or v.terminated_at >= ${t})`;
  const suspendedAt = sql`(v.suspended_at is not null and v.suspended_at < ${t})`;
  const rate = sql`(case when coalesce(o.currency, p.currency) = ${base} then 1::numeric
    else (${JSON.stringify(rates)}::jsonb ->> coalesce(o.currency, p.currency))::numeric end)`;
  const monthlyPrice = sql`(case when o.id is not null and o.period_months = v.period_months
    then (o.subtotal_minor + o.region_surcharge_minor + o.license_fee_minor)::numeric / o.period_months
    else coalesce(p.selling_price_minor, 0)::numeric end)`;
  const activeNow = sql`v.service_status = 'active'`;
  const activePrev = sql`${inServiceAt} and not ${suspendedAt}`;
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
      count(*) filter (where v.service_status = 'active' and v.status in ('running', 'stopped')) as live,
      count(*) filter (where ${activePrev}) as live_prev,
      count(*) filter (where v.service_status = 'suspended') as suspended,
      count(*) filter (where ${inServiceAt} and ${suspendedAt}) as suspended_prev
    from vps_instances v
    left join orders o on o.id = v.order_id
    left join products p on p.id = v.product_id
    where v.service_status in ('active', 'suspended') or v.terminated_at >= ${t}`,
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
}

/** Active services per plan and live VPS per region, as the dashboard counted them from the services. */
export async function chartsFromSource(db: DbOrTx) {
  const plans = await queryRows<{ product_id: string | null; name: string | null; n: number }>(
    db,
    sql`select v.product_id, max(p.name) as name, count(*)::int as n
      from vps_instances v left join products p on p.id = v.product_id
      where v.service_status = 'active'
      group by v.product_id`,
  );
  const regions = await queryRows<{ region: string | null; name: string | null; n: number }>(
    db,
    sql`select v.region, max(r.name) as name, count(*)::int as n
      from vps_instances v left join regions r on r.code = v.region
      where v.service_status = 'active' and v.status in ('running', 'stopped')
      group by v.region`,
  );
  return {
    plans: plans.map((r) => ({ productId: r.product_id, name: r.name, count: Number(r.n) })),
    regions: regions.map((r) => ({ region: r.region, name: r.name, count: Number(r.n) })),
  };
}
