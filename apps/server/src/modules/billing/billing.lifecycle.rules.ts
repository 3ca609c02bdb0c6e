import { addMonths } from '../../lib/clock.ts';

/**
 * The lifecycle's decisions as pure functions over rows and the clock's time: when each step is due and what it
 * changes. The steps (`billing.renewals.ts`, `billing.reminders.ts`, `billing.suspension.ts`) select rows through the
 * repository and apply these; keys and row locks make the applying idempotent.
 */

export const DAY = 86_400_000;

export const renewalKey = (vpsId: string, expiresAt: Date) => `renewal:${vpsId}:${expiresAt.toISOString()}`;

/** `days` days after `now` (before it when negative). */
export const daysAfter = (now: Date, days: number) => new Date(now.getTime() + days * DAY);

/** A service as the lifecycle decides on it (the columns it reads). */
export interface ServiceState {
  id: string;
  serviceStatus: string;
  expiresAt: Date | null;
  suspendedAt: Date | null;
}

/** What a renewal line is priced from: the service, the order it came from and today's catalogue price. */
export interface RenewalSource {
  vps: {
    id: string;
    expiresAt: Date | null;
    periodMonths: number;
    productId: string | null;
    region: string | null;
  };
  order: {
    periodMonths: number;
    productId: string;
    region: string;
    subtotalMinor: number;
    regionSurchargeMinor: number;
  } | null;
  /** Today's monthly price of the delivered plan and its region's surcharge. */
  price: number | null;
  regionSurcharge: number | null;
}

/**
 * The next period of a service and its price. The price agreed on the order when it covers the same period and the
 * server delivered is the one ordered; otherwise today's monthly price of the delivered plan and region (an
 * assignment with confirmed differences).
 */
export function renewalTerms(row: RenewalSource) {
  const { vps, order } = row;
  const periodStart = vps.expiresAt!;
  const months = vps.periodMonths;
  const asOrdered =
    order &&
    order.periodMonths === months &&
    order.productId === vps.productId &&
    order.region === vps.region;
  const unitPriceMinor = asOrdered
    ? order.subtotalMinor + order.regionSurchargeMinor
    : ((row.price ?? 0) + (row.regionSurcharge ?? 0)) * months;
  return {
    key: renewalKey(vps.id, periodStart),
    asOrdered: Boolean(asOrdered),
    months,
    periodStart,
    periodEnd: addMonths(periodStart, months),
    unitPriceMinor,
  };
}

/** Services expiring at or before this moment get their renewal invoice now. */
export const renewalHorizon = (now: Date, daysBefore: number) => daysAfter(now, daysBefore);

/**
 * The reminder due for an invoice: the latest threshold passed (of e.g. 7, 3, 1 days before it is due), or null
 * when none is; one e-mail per threshold and invoice (`key`).
 */
export function reminderDue(
  invoice: { id: string; dueAt: Date | null },
  now: Date,
  thresholds: number[],
): { key: string; threshold: number; daysLeft: number } | null {
  const left = (invoice.dueAt!.getTime() - now.getTime()) / DAY;
  const threshold = [...thresholds].sort((a, b) => a - b).find((d) => left <= d);
  if (threshold === undefined) return null;
  return { key: `reminder:${invoice.id}:${threshold}`, threshold, daysLeft: Math.max(1, Math.ceil(left)) };
}

/** Unpaid invoices due before this moment suspend their service (the grace days have passed). */
export const suspensionCutoff = (now: Date, graceDays: number) => daysAfter(now, -graceDays);

/** Only an active service is suspended. */
export const maySuspend = (current: ServiceState | undefined) => current?.serviceStatus === 'active';

/** When a suspended service is terminated. */
export const terminatesAt = (suspendedAt: Date, terminateAfterDays: number) =>
  daysAfter(suspendedAt, terminateAfterDays);

/** Services suspended at or before this moment are terminated now. */
export const terminationCutoff = (now: Date, terminateAfterDays: number) =>
  daysAfter(now, -terminateAfterDays);

/** Services suspended at or before this moment get their termination warning (at most as early as suspension). */
export const terminationWarningCutoff = (now: Date, terminateAfterDays: number, warningDays: number) =>
  daysAfter(now, -(terminateAfterDays - Math.min(warningDays, terminateAfterDays)));

/**
 * How a service ends, checked on its locked row: unpaid → terminated (from suspended), cancelled at the period end →
 * cancelled (from active, once expired); null when the row has moved on (paid, ended already, renewed).
 */
export function endingOf(
  current: ServiceState | undefined,
  reason: 'unpaid' | 'cancelled',
  now: Date,
): 'terminated' | 'cancelled' | null {
  if (reason === 'unpaid') return current?.serviceStatus === 'suspended' ? 'terminated' : null;
  if (current?.serviceStatus !== 'active' || !current.expiresAt || current.expiresAt > now) return null;
  return 'cancelled';
}

/**
 * What paying an invoice for a service's next period does: extends a live service to the period's end from its old
 * expiry (never backwards) and lifts a suspension; null when nothing changes.
 */
export function extensionOnPayment(
  current: ServiceState | undefined,
  periodEnd: Date,
): { expiresAt: Date; reactivate: boolean } | null {
  const live = current && (current.serviceStatus === 'active' || current.serviceStatus === 'suspended');
  if (!current || !live || (current.expiresAt && current.expiresAt >= periodEnd)) return null;
  return { expiresAt: periodEnd, reactivate: current.serviceStatus === 'suspended' };
}
