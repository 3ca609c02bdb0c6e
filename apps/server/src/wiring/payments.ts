import { paymentGatewayOptionsFromEnv, type PaymentGateways } from '../integrations/payments/index.ts';
import { createGatewayResolver } from '../modules/payments/gateways.ts';
import { createPaymentsRepo } from '../modules/payments/payments.repo.ts';
import { createPaymentsService } from '../modules/payments/payments.service.ts';
import type { wireBilling } from './billing.ts';
import type { wireOrders } from './orders.ts';
import type { Platform } from './platform.ts';

/** The payment gateways enabled now (environment, or admin settings) and whether the sandbox banner shows. */
export function wireGateways({ config, settings }: Platform, override: PaymentGateways | undefined) {
  const gateways = createGatewayResolver({ config, settings, override });
  // At start-up: the environment alone decides the banner; admin-configured gateways show up in /api/site live.
  const sandboxPayments = override
    ? Object.keys(override).length === 0
    : Object.keys(paymentGatewayOptionsFromEnv(config)).length === 0;
  return { gateways, sandboxPayments };
}

/** Payments: start, settlement (which issues the invoice and queues the e-mails in its transaction), webhooks. */
export function wirePayments(
  { config, db, clock, settings, logger, mail, metrics, notifications }: Platform,
  { gateways }: ReturnType<typeof wireGateways>,
  { ordersRepo, effects }: ReturnType<typeof wireOrders>,
  { billing, billingRepo, billingLifecycle }: ReturnType<typeof wireBilling>,
) {
  return createPaymentsService({
    repo: createPaymentsRepo(db),
    orders: ordersRepo,
    clock,
    settings,
    gateways,
    appUrl: config.appUrl,
    logger,
    // The paid invoice is numbered and the e-mails are queued in the settling transaction (one per payment).
    onOrdersPaidInTx: async (tx, orderIds) => {
      await billing.issueInvoiceForOrders(orderIds, tx);
      await effects.onOrdersPaid(orderIds, tx);
    },
    mail,
    onSettled: (provider, outcome) => {
      metrics.payment(provider, outcome);
      // Settlements that wrote a staff notification (paid order, mismatch, duplicate, failed renewal): ring the bells.
      if (
        outcome === 'succeeded' ||
        outcome === 'mismatch' ||
        outcome === 'duplicate' ||
        outcome === 'failed'
      ) {
        void notifications.announce({ userId: null, audience: 'admins' }).catch(() => undefined);
      }
    },
    invoices: {
      find: (id) => billingRepo.findById(id),
      applyPayment: (tx, invoiceId, payment) => billingLifecycle.applyPayment(tx, invoiceId, payment),
    },
  });
}
