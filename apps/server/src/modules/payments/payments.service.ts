import { randomUUID } from 'node:crypto';
import type { DbOrTx } from '../../db/client.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import type { GatewayProvider, PaymentGateway } from '../../integrations/payments/gateway.ts';
import type { MailService } from '../notifications/mail.service.ts';
import { createCheckout, type CheckoutDeps } from './payments.checkout.ts';
import { createPaymentPresenter } from './payments.presenter.ts';
import { createAutoRefunds } from './payments.refunds.ts';
import type { TransactionRow } from './payments.repo.ts';
import type { TPayment } from './payments.schemas.ts';
import { createSettlement } from './payments.settle.ts';
import { FINAL } from './payments.settle.rules.ts';
import { createWebhookHandler } from './payments.webhooks.ts';

export type { InvoicePaymentPort, PayableInvoice } from './payments.settle.ts';
export type { Payer } from './payments.checkout.ts';

/** What checkout takes (repositories, clock, settings, gateways, …), and what settlement and refunds add. */
export interface PaymentsServiceDeps extends Omit<
  CheckoutDeps,
  'gatewayFor' | 'expireAtGateway' | 'present'
> {
  /** Runs inside the settling transaction for orders that just became paid (invoice, confirmation e-mails). */
  onOrdersPaidInTx?: (tx: DbOrTx, orderIds: string[]) => Promise<void>;
  /** Tells the customer about an automatic refund (a payment for something already paid), in the refund's transaction. */
  mail?: Pick<MailService, 'queue'>;
  /** After each settlement that changed a transaction: provider and outcome (metrics). */
  onSettled?: (provider: string, outcome: string) => void;
}

/**
 * Payments: start a checkout with a gateway (or bank transfer / sandbox), then settle it from the return page, a
 * webhook or the admin, exactly once. Settlement locks the transaction row, so a webhook racing the return page, or
 * the same event delivered twice, marks the orders paid once; an amount or currency that does not match what we asked
 * for never marks anything paid and alerts the admins. The use cases live in their own files: checkout
 * (`payments.checkout.ts`), settlement (`payments.settle.ts`, its rules in `payments.settle.rules.ts`), webhooks
 * (`payments.webhooks.ts`) and automatic refunds (`payments.refunds.ts`); this file wires them and holds the small ones.
 */
export function createPaymentsService(deps: PaymentsServiceDeps) {
  const { repo, orders, clock, logger } = deps;
  const gatewayFor = async (provider: string): Promise<PaymentGateway | undefined> =>
    (await deps.gateways.gateways())[provider as GatewayProvider];

  const refunds = createAutoRefunds({
    repo,
    clock,
    logger,
    appUrl: deps.appUrl,
    gatewayFor,
    ...(deps.mail ? { mail: deps.mail } : {}),
  });
  const present = createPaymentPresenter({
    orders,
    settings: deps.settings,
    ...(deps.invoices ? { invoices: deps.invoices } : {}),
  });
  const { settle, settleOnce, expireAtGateway } = createSettlement({
    repo,
    orders,
    clock,
    logger,
    gatewayFor,
    refunds,
    onOrdersPaidInTx: deps.onOrdersPaidInTx,
    onSettled: deps.onSettled,
    invoices: deps.invoices,
  });
  const checkout = createCheckout({ ...deps, gatewayFor, expireAtGateway, present });
  const handleWebhook = createWebhookHandler({ repo, logger, gatewayFor, settleOnce, refunds });

  async function ownTransaction(userId: string, id: string): Promise<TransactionRow> {
    const tx = await repo.findById(id);
    if (!tx || tx.userId !== userId) throw notFound('Payment');
    return tx;
  }

  return {
    enabledProviders: checkout.enabledProviders,
    settle,
    startPayment: checkout.startPayment,
    startInvoicePayment: checkout.startInvoicePayment,
    handleWebhook,

    async getPayment(userId: string, id: string): Promise<TPayment> {
      return present(await ownTransaction(userId, id));
    },

    /** The customer is back from the provider: confirm server-side (PayPal captures here). */
    async confirmReturn(userId: string, id: string, query: Record<string, string>): Promise<TPayment> {
      const tx = await ownTransaction(userId, id);
      const gateway = await gatewayFor(tx.provider);
      if (gateway && tx.providerTxId && !FINAL.has(tx.status)) {
        // A replaced PayPal checkout is never captured (that would take the money); it is only read.
        const payment = tx.raw?.replacedBy
          ? await gateway.fetchPayment(tx.providerTxId)
          : await gateway.confirmOnReturn(tx.providerTxId, query);
        await settle(tx.id, payment, { source: 'return' });
      }
      return present((await repo.findById(id))!);
    },

    /** Demo mode only: the sandbox page approves or declines a payment. */
    async decideSandbox(userId: string, id: string, decision: 'approve' | 'decline'): Promise<TPayment> {
      if (!(await deps.gateways.sandboxEnabled())) throw notFound('Payment');
      const tx = await ownTransaction(userId, id);
      if (tx.provider !== 'sandbox') throw notFound('Payment');
      // The sandbox's page of a replaced checkout is expired, as a gateway's would be.
      if (tx.raw?.replacedBy && tx.status === 'cancelled')
        throw new AppError('conflict', 'This checkout was replaced by a newer one; pay that one instead');
      await settle(
        tx.id,
        {
          providerTxId: tx.providerTxId ?? `sandbox_${tx.id}`,
          paymentId: tx.id,
          status: decision === 'approve' ? 'succeeded' : 'failed',
          amountMinor: tx.providerAmountMinor ?? tx.amountMinor,
          currency: tx.providerCurrency ?? tx.currency,
          raw: { sandbox: decision },
        },
        { source: 'sandbox' },
      );
      return present((await repo.findById(id))!);
    },

    /** The admin records a bank transfer (or any manual payment) for an unpaid order, with its bank reference. */
    async recordManualPayment(
      orderId: string,
      input: { reference: string; amountMinor?: number },
    ): Promise<TPayment> {
      const order = await orders.findById(orderId);
      if (!order) throw notFound('Order');
      if (order.status !== 'pending')
        throw new AppError('conflict', `Order ${order.orderNumber} is not awaiting payment`);
      const amountMinor = input.amountMinor ?? order.totalMinor;
      const tx = await repo.insert({
        id: randomUUID(),
        orderId: order.id,
        checkoutId: order.checkoutId,
        orderIds: [order.id],
        userId: order.userId,
        provider: 'bank_transfer',
        providerTxId: `manual_${input.reference}_${order.id}`,
        amountMinor: order.totalMinor,
        currency: order.currency,
        status: 'pending',
        reference: input.reference,
        createdAt: clock.now(),
      });
      await settle(
        tx.id,
        {
          providerTxId: tx.providerTxId!,
          paymentId: tx.id,
          status: 'succeeded',
          amountMinor,
          currency: order.currency,
          raw: { reference: input.reference },
        },
        { source: 'admin' },
      );
      return present((await repo.findById(tx.id))!);
    },
  };
}

export type PaymentsService = ReturnType<typeof createPaymentsService>;
