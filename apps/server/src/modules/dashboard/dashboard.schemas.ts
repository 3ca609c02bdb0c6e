import { z } from 'zod';

/** A figure now and in the previous period (the previous month, or the value at the start of this month). */
export const ZFigure = z.object({ value: z.number().int(), previous: z.number().int().nullable() });
export const ZQueueFigure = ZFigure.extend({ oldestSince: z.date().nullable() });
export const ZMarginFigure = ZFigure.extend({
  percent: z.number().nullable(),
  previousPercent: z.number().nullable(),
});

export const ALERT_KINDS = [
  'new_paid_orders',
  'paid_orders_waiting',
  'provisioning_failed',
  'expiring_soon',
  'expired_unpaid',
  'payment_mismatch',
  'contabo_errors',
  'unassigned_instances',
  'admin_tasks',
  'tickets_waiting',
] as const;

export const ZAlertItem = z.object({
  id: z.string(),
  label: z.string(),
  at: z.date().nullable(),
  href: z.string(),
  customer: z.object({ id: z.uuid(), email: z.string() }).nullable(),
});

export const ZAlert = z.object({
  kind: z.enum(ALERT_KINDS),
  /** error: money or servers at risk now; warning: needs attention today; info: worth a look. */
  severity: z.enum(['error', 'warning', 'info']),
  /** Null when it could not be checked (e.g. Contabo did not answer). */
  count: z.number().int().nullable(),
  href: z.string(),
  items: z.array(ZAlertItem),
  /** For thresholds such as "paid orders waiting more than N hours". */
  hours: z.number().int().optional(),
});

export const ZMonthPoint = z.object({
  month: z.string(),
  revenueMinor: z.number().int(),
  refundsMinor: z.number().int(),
  netMinor: z.number().int(),
  costMinor: z.number().int(),
  marginMinor: z.number().int(),
});

export const ZDashboard = z.object({
  currency: z.string(),
  generatedAt: z.date(),
  /** First instant of this month and of the previous one (UTC). */
  periodStart: z.date(),
  previousPeriodStart: z.date(),
  figures: z.object({
    ordersAwaitingPayment: ZQueueFigure,
    ordersAwaitingFulfilment: ZQueueFigure,
    revenueMinor: ZFigure,
    mrrMinor: ZFigure,
    contaboCostMinor: ZFigure,
    marginMinor: ZMarginFigure,
    activeCustomers: ZFigure,
    activeVps: ZFigure,
    suspendedServices: ZFigure,
    newCustomers: ZFigure,
    /** Present only when a tickets module is plugged in. */
    ticketsWaitingOnStaff: ZQueueFigure.optional(),
  }),
  charts: z.object({
    monthlySales: z.array(ZMonthPoint),
    plans: z.array(
      z.object({
        productId: z.string().nullable(),
        name: z.string().nullable(),
        activeServices: z.number().int(),
        revenueMinor: z.number().int(),
      }),
    ),
    regions: z.array(
      z.object({ region: z.string().nullable(), name: z.string().nullable(), count: z.number().int() }),
    ),
    newCustomers: z.array(z.object({ month: z.string(), count: z.number().int() })),
  }),
  alerts: z.array(ZAlert),
  /** Security settings the operator should see at a glance (#15-16): off means staff may sign in with a password only. */
  security: z.object({ staffTwoFactorRequired: z.boolean() }),
  /** Documents or services left out of money figures for want of an exchange rate to the base currency. */
  unconverted: z.object({
    documents: z.number().int(),
    services: z.number().int(),
    currencies: z.array(z.string()),
  }),
});

export type TDashboard = z.infer<typeof ZDashboard>;
export type TAlert = z.infer<typeof ZAlert>;
export type TFigure = z.infer<typeof ZFigure>;
