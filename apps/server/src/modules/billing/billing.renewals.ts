import { AppError, notFound } from '../../lib/errors.ts';
import { customerNotice } from '../notifications/in-app.ts';
import { INVOICE_TEXT, isoDay, languageOf, planLabel, regionLabel } from './billing.i18n.ts';
import { serverName, type LifecycleContext, type ServiceRow } from './billing.lifecycle.context.ts';
import { licenseLine, renewalLicenseMinor } from './billing.license.ts';
import { renewalHorizon, renewalTerms } from './billing.lifecycle.rules.ts';
import type { InvoiceRow } from './billing.repo.ts';
import type { TInvoiceDetail } from './billing.schemas.ts';

/** Renewal invoices: issued some days before a service expires (due at expiry), or when the customer asks. */
export function createRenewals(ctx: LifecycleContext) {
  const { repo, billing, settings, clock, bells } = ctx;

  /** Issues the renewal invoice of one service for the period starting at its expiry (idempotent by key). */
  async function issueRenewal(row: ServiceRow): Promise<{ invoice: InvoiceRow; created: boolean }> {
    const { vps, order, plan, productCurrency, regionName, user, image } = row;
    const { key, asOrdered, months, periodStart, periodEnd, unitPriceMinor } = renewalTerms(row);
    const currency = order?.currency ?? productCurrency ?? (await settings.get('store.currency'));
    const language = languageOf(user.language);
    const license = licenseLine({
      language,
      image,
      amountMinor: renewalLicenseMinor({ asOrdered, order, image, months }),
      periodMonths: months,
      periodStart,
      periodEnd,
    });
    const text = INVOICE_TEXT[language];
    const issued = await repo.transaction(async (tx) => {
      const result = await billing.issue(tx, {
        key,
        userId: vps.userId,
        user,
        currency,
        status: 'issued',
        dueAt: periodStart,
        vpsInstanceId: vps.id,
        orderId: null,
        periodStart,
        periodEnd,
        lines: [
          {
            description:
              `${text.renewal}: ${planLabel(text, plan)} "${serverName(vps)}" — ${text.months(months)} — ` +
              `${text.region}: ${regionLabel(language, vps.region, regionName)} — ${isoDay(periodStart)} → ${isoDay(periodEnd)}`,
            quantity: 1,
            unitPriceMinor,
            periodStart,
            periodEnd,
          },
          ...(license ? [license] : []),
        ],
      });
      if (result.created) {
        await bells.write(tx, [
          customerNotice.invoiceIssued(user.id, language, {
            invoiceId: result.invoice.id,
            invoiceNumber: result.invoice.invoiceNumber ?? '',
            totalMinor: result.invoice.totalMinor,
            currency: result.invoice.currency,
            dueAt: periodStart,
          }),
        ]);
      }
      return result;
    });
    await bells.ring();
    return issued;
  }

  /** The step of the daily pass: every auto-renewing service inside the renewal window gets its invoice. */
  async function issueRenewals(now: Date): Promise<number> {
    const days = await settings.get('billing.renewalDaysBefore');
    let issued = 0;
    for (const row of await repo.servicesDueForRenewal(renewalHorizon(now, days))) {
      if ((await issueRenewal(row)).created) issued++;
    }
    return issued;
  }

  return {
    issueRenewals,

    /** Issues (or returns) the renewal invoice for a customer's service now, e.g. with auto-renew off. */
    async renewNow(userId: string, vpsId: string): Promise<TInvoiceDetail> {
      const row = await repo.serviceForRenewal(vpsId);
      if (!row || row.vps.userId !== userId) throw notFound('VPS');
      const { vps } = row;
      if (vps.serviceStatus === 'terminated' || vps.serviceStatus === 'cancelled')
        throw new AppError('conflict', 'This service has ended; order a new server instead');
      const [open] = await repo.openInvoicesOf([vps.id]);
      if (open) return billing.detail(open);
      if (!vps.expiresAt) throw new AppError('conflict', 'This service has no expiry date to renew from');
      const { invoice } = await issueRenewal(row);
      return billing.detail(invoice);
    },

    /**
     * The customer's renewal choice. Cancelling at the period end turns auto-renew off; turning auto-renew back on
     * withdraws a cancellation. With renewal off, a renewal invoice issued for the coming period (not yet due) is
     * voided: nothing is owed for a period the customer will not use.
     */
    async setRenewal(
      userId: string,
      vpsId: string,
      patch: { autoRenew?: boolean; cancelAtPeriodEnd?: boolean },
    ): Promise<void> {
      const now = clock.now();
      await repo.transaction(async (tx) => {
        const vps = await repo.lockService(tx, vpsId);
        if (!vps || vps.userId !== userId) throw notFound('VPS');
        if (vps.serviceStatus === 'terminated' || vps.serviceStatus === 'cancelled')
          throw new AppError('conflict', 'This service has ended');
        let autoRenew = patch.autoRenew ?? vps.autoRenew;
        let cancelAtPeriodEnd = patch.cancelAtPeriodEnd ?? vps.cancelAtPeriodEnd;
        if (patch.cancelAtPeriodEnd === true) autoRenew = false;
        if (patch.autoRenew === true) cancelAtPeriodEnd = false;
        await repo.updateService(tx, vps.id, { autoRenew, cancelAtPeriodEnd });
        if (!autoRenew && vps.serviceStatus === 'active') {
          await repo.voidUpcomingRenewals(tx, vps.id, now);
        }
      });
    },
  };
}
