import type { Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import { createTtlCache } from '../../lib/ttl-cache.ts';
import type { ReportsService } from '../reports/reports.service.ts';
import type { SettingsService } from '../../settings/settings.service.ts';
import type { AlertItemRow, DashboardRepo } from './dashboard.repo.ts';
import type { TAlert, TDashboard } from './dashboard.schemas.ts';

const HOUR = 3_600_000;
const ITEMS_PER_ALERT = 5;

/** What a tickets module can plug in: the "waiting on staff" figure and its oldest tickets. */
export interface TicketsFigures {
  waitingOnStaff(periodStart: Date): Promise<{
    value: number;
    previous: number | null;
    oldestSince: Date | null;
    items: Array<{
      id: string;
      label: string;
      at: Date | null;
      customer: { id: string; email: string } | null;
    }>;
  }>;
}

export interface DashboardDeps {
  repo: DashboardRepo;
  reports: ReportsService;
  settings: SettingsService;
  clock: Clock;
  logger: Logger;
  /** Contabo instances not assigned to any service (a Contabo call: cached for a minute). */
  unassignedInstances?: () => Promise<{ count: number; ids: number[] }>;
  /** Absent until a tickets module exists: then the card and the alert appear. */
  tickets?: TicketsFigures;
}

export const monthStart = (d: Date, offset = 0) =>
  new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1));
const isoMonth = (d: Date) => d.toISOString().slice(0, 10);

function percentOf(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 10;
}

type LedgerSlice = Awaited<ReturnType<ReportsService['slices']>>['rows'][number];

/** Ledger rows summed per key (e.g. per plan over every month); the label is the first one seen. */
function sumBy(rows: LedgerSlice[], keyOf: (row: LedgerSlice) => string) {
  const out = new Map<
    string,
    { key: string | null; label: string | null; revenueMinor: number; refundsMinor: number }
  >();
  for (const r of rows) {
    const k = keyOf(r);
    const entry = out.get(k) ?? { key: r.key, label: r.label, revenueMinor: 0, refundsMinor: 0 };
    entry.revenueMinor += r.revenueMinor;
    entry.refundsMinor += r.refundsMinor;
    out.set(k, entry);
  }
  return [...out.values()];
}

function itemsOf(rows: AlertItemRow[], href: (row: AlertItemRow) => string) {
  return rows.map((r) => ({
    id: String(r.id),
    label: r.label,
    at: r.at ? new Date(r.at) : null,
    href: href(r),
    customer: r.user_id && r.email ? { id: r.user_id, email: r.email } : null,
  }));
}

/**
 * The operator's dashboard: figures with their previous period, the chart series and the alerts, all from aggregate
 * queries. Money figures come from the same ledger as the sales report, so the two always agree.
 */
export function createDashboardService(deps: DashboardDeps) {
  const { repo, reports, settings, clock } = deps;
  const contaboCache = createTtlCache<{ count: number; ids: number[] }>(60_000, 1);

  async function unassigned(): Promise<{ count: number; ids: number[] } | null> {
    if (!deps.unassignedInstances) return null;
    try {
      return await contaboCache.get('unassigned', deps.unassignedInstances);
    } catch (error) {
      deps.logger.warn({ err: error }, 'dashboard: Contabo inventory unavailable');
      return null;
    }
  }

  /** `ticketsFigures`: the tickets figures the dashboard reads anyway (read once for the card and the alert). */
  async function alerts(
    now: Date,
    hours: number,
    ticketsFigures: ReturnType<TicketsFigures['waitingOnStaff']> | undefined,
  ): Promise<TAlert[]> {
    const n = ITEMS_PER_ALERT;
    const [found, orphans, tickets] = await Promise.all([
      repo.alerts(now, new Date(now.getTime() - hours * HOUR), n),
      unassigned(),
      ticketsFigures,
    ]);
    const {
      newPaid: fresh,
      paidWaiting: waiting,
      provisioningFailed: failed,
      expiring,
      overdue,
      mismatch,
      contaboActions: contabo,
      adminTasks: tasks,
    } = found;
    const order = (r: AlertItemRow) => `/admin/orders/${r.id}`;
    const server = () => `/admin/servers`;
    const list: TAlert[] = [
      {
        kind: 'paid_orders_waiting',
        severity: 'error',
        count: waiting.count,
        hours,
        href: '/admin/orders?status=paid',
        items: itemsOf(waiting.items, order),
      },
      {
        kind: 'new_paid_orders',
        severity: 'info',
        count: fresh.count,
        href: '/admin/orders?status=paid',
        items: itemsOf(fresh.items, order),
      },
      {
        kind: 'provisioning_failed',
        severity: 'error',
        count: failed.count,
        href: '/admin/orders?status=provisioning',
        items: itemsOf(failed.items, order),
      },
      {
        kind: 'payment_mismatch',
        severity: 'error',
        count: mismatch.count,
        href: '/admin/invoices',
        items: itemsOf(mismatch.items, (r) =>
          r.user_id ? `/admin/customers/${r.user_id}` : '/admin/invoices',
        ),
      },
      {
        kind: 'contabo_errors',
        severity: 'error',
        count: contabo.count,
        href: '/admin/servers',
        items: itemsOf(contabo.items, server),
      },
      {
        kind: 'expired_unpaid',
        severity: 'warning',
        count: overdue.count,
        href: '/admin/invoices?status=unpaid',
        items: itemsOf(overdue.items, () => '/admin/invoices?status=unpaid'),
      },
      {
        kind: 'expiring_soon',
        severity: 'warning',
        count: expiring.count,
        href: '/admin/billing',
        items: itemsOf(expiring.items, server),
      },
      {
        kind: 'unassigned_instances',
        severity: 'warning',
        count: orphans?.count ?? null,
        href: '/admin/contabo?assigned=false',
        items: (orphans?.ids ?? []).slice(0, n).map((id) => ({
          id: String(id),
          label: String(id),
          at: null,
          href: '/admin/contabo?assigned=false',
          customer: null,
        })),
      },
      {
        kind: 'admin_tasks',
        severity: 'warning',
        count: tasks.count,
        href: '/admin/billing#tasks',
        items: itemsOf(tasks.items, () => '/admin/billing#tasks'),
      },
    ];
    if (tickets) {
      list.push({
        kind: 'tickets_waiting',
        severity: 'info',
        count: tickets.value,
        href: '/admin/tickets',
        items: tickets.items.map((t) => ({ ...t, href: `/admin/tickets/${t.id}` })),
      });
    }
    // Only what needs attention: a zero is not an alert, an unknown (null) is shown as "could not check".
    return list.filter((a) => (a.count === null ? Boolean(deps.unassignedInstances) : a.count > 0));
  }

  return {
    async get(): Promise<TDashboard> {
      const now = clock.now();
      const periodStart = monthStart(now);
      const previousPeriodStart = monthStart(now, -1);
      const chartStart = monthStart(now, -11);
      const chartEnd = monthStart(now, 1);
      const s = await settings.getMany([
        'store.currency',
        'reports.exchangeRates',
        'security.requireAdmin2fa',
        'console.paidWaitingAlertHours',
      ]);
      const ticketsFigures = deps.tickets?.waitingOnStaff(periodStart);
      const [orders, services, ledger, activeByPlan, regions, signups, alertList, tickets] =
        await Promise.all([
          repo.orders(periodStart),
          repo.services(periodStart, s['store.currency'], s['reports.exchangeRates']),
          // One pass over the 12 months' ledger, by month and plan: the monthly series and the plans' revenue are
          // both sums of it (each document is rounded once, so the sums are exact).
          reports.slices(chartStart, chartEnd, 'month', 'plan'),
          repo.activeByPlan(),
          repo.liveByRegion(),
          repo.newCustomersByMonth(chartStart, chartEnd),
          alerts(now, s['console.paidWaitingAlertHours'], ticketsFigures),
          ticketsFigures,
        ]);

      const months: string[] = [];
      for (let i = 0; i < 12; i++) months.push(isoMonth(monthStart(chartStart, i)));
      const monthly = { rows: ledger.rows, unconverted: ledger.unconverted };
      const byPlan = {
        rows: sumBy(ledger.rows, (r) => r.key ?? '').sort((a, b) => b.revenueMinor - a.revenueMinor),
      };
      const monthlySales = months.map((month) => {
        const f = reports.totalOf(ledger.rows.filter((r) => r.period === month));
        return {
          month,
          revenueMinor: f.revenueMinor,
          refundsMinor: f.refundsMinor,
          netMinor: f.netMinor,
          costMinor: f.costMinor,
          marginMinor: f.marginMinor,
        };
      });
      const thisMonth = monthlySales[11]!;
      const lastMonth = monthlySales[10]!;

      const plans = new Map<string, TDashboard['charts']['plans'][number]>();
      const keyOf = (id: string | null) => id ?? 'none';
      for (const p of activeByPlan) {
        plans.set(keyOf(p.productId), {
          productId: p.productId,
          name: p.name,
          activeServices: p.count,
          revenueMinor: 0,
        });
      }
      for (const r of byPlan.rows) {
        // Revenue not tied to a plan (a cart of several plans, a manual invoice) has no bar of its own.
        if (!r.key) continue;
        const entry = plans.get(keyOf(r.key)) ?? {
          productId: r.key,
          name: r.label,
          activeServices: 0,
          revenueMinor: 0,
        };
        entry.revenueMinor = r.revenueMinor - r.refundsMinor;
        plans.set(keyOf(r.key), entry);
      }

      const marginNow = services.mrrMinor - services.costMinor;
      const marginPrev = services.mrrPreviousMinor - services.costPreviousMinor;
      const unconverted = monthly.unconverted;
      return {
        currency: s['store.currency'],
        generatedAt: now,
        periodStart,
        previousPeriodStart,
        figures: {
          ordersAwaitingPayment: {
            value: orders.pending,
            previous: orders.pendingPrevious,
            oldestSince: orders.pendingOldest,
          },
          ordersAwaitingFulfilment: {
            value: orders.fulfilment,
            previous: orders.fulfilmentPrevious,
            oldestSince: orders.fulfilmentOldest,
          },
          revenueMinor: { value: thisMonth.netMinor, previous: lastMonth.netMinor },
          mrrMinor: { value: services.mrrMinor, previous: services.mrrPreviousMinor },
          contaboCostMinor: { value: services.costMinor, previous: services.costPreviousMinor },
          marginMinor: {
            value: marginNow,
            previous: marginPrev,
            percent: percentOf(marginNow, services.mrrMinor),
            previousPercent: percentOf(marginPrev, services.mrrPreviousMinor),
          },
          activeCustomers: { value: services.activeCustomers, previous: services.activeCustomersPrevious },
          activeVps: { value: services.liveVps, previous: services.liveVpsPrevious },
          suspendedServices: { value: services.suspended, previous: services.suspendedPrevious },
          newCustomers: {
            value: signups.get(months[11]!) ?? 0,
            previous: signups.get(months[10]!) ?? 0,
          },
          ...(tickets
            ? {
                ticketsWaitingOnStaff: {
                  value: tickets.value,
                  previous: tickets.previous,
                  oldestSince: tickets.oldestSince,
                },
              }
            : {}),
        },
        charts: {
          monthlySales,
          plans: [...plans.values()]
            .sort((a, b) => b.activeServices - a.activeServices || b.revenueMinor - a.revenueMinor)
            .slice(0, 10),
          regions,
          newCustomers: months.map((month) => ({ month, count: signups.get(month) ?? 0 })),
        },
        alerts: alertList,
        security: { staffTwoFactorRequired: s['security.requireAdmin2fa'] },
        unconverted: {
          documents: unconverted.documents,
          services: services.unconverted,
          currencies: unconverted.currencies,
        },
      };
    },
  };
}

export type DashboardService = ReturnType<typeof createDashboardService>;
