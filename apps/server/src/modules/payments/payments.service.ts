import { randomUUID } from 'node:crypto';
import type { DbOrTx } from '../../db/client.ts';
import type { InvoiceStatus } from '../../db/statuses.ts';
import type { Logger } from '../../lib/logger.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { convertAmount, formatMoney } from '../../lib/money.ts';
import {
  GatewayError,
  WebhookSignatureError,
  type GatewayPayment,
  type GatewayProvider,
  type PaymentGateway,
  type WebhookHeaders,
} from '../../integrations/payments/gateway.ts';
import { staffNotice } from '../notifications/in-app.ts';
import type { OrdersRepo, OrderRow } from '../orders/orders.repo.ts';
import { transitionOrder } from '../orders/orders.service.ts';
import type { OrderStatus } from '../orders/orders.state.ts';
import type { SettingsService } from '../../settings/settings.service.ts';
import type { GatewayResolver } from './gateways.ts';
import type { PaymentsRepo, TransactionRow } from './payments.repo.ts';
import type {
  ProviderId,
  TBankInstructions,
  TInvoicePayRequest,
  TPayment,
  TPayRequest,
  TProviderInfo,
} from './payments.schemas.ts';

export interface PaymentsServiceDeps {
  repo: PaymentsRepo;
  orders: OrdersRepo;
  clock: Clock;
  settings: SettingsService;
  /** The gateways enabled now (environment or admin settings) and whether the demo sandbox is on. */
  gateways: Pick<GatewayResolver, 'gateways' | 'sandboxEnabled'>;
  appUrl: string;
  logger: Logger;
  /** Runs inside the settling transaction for orders that just became paid (issues their invoice). */
  onOrdersPaidInTx?: (tx: DbOrTx, orderIds: string[]) => Promise<void>;
  /** Runs after commit for orders that just became paid (confirmation e-mails, admin e-mail). */
  onOrdersPaid?: (orderIds: string[]) => Promise<void>;
  /** After each settlement that changed a transaction: provider and outcome (metrics). */
  onSettled?: (provider: string, outcome: string) => void;
  /** Invoices paid through the gateways (renewals). */
  invoices?: InvoicePaymentPort;
}

export interface PayableInvoice {
  id: string;
  userId: string;
  invoiceNumber: string | null;
  status: string;
  totalMinor: number;
  currency: string;
}

/** What payments needs from billing to take the payment of an invoice. */
export interface InvoicePaymentPort {
  find(id: string): Promise<PayableInvoice | undefined>;
  /** Marks the invoice paid by this transaction inside `tx` (its side effects are queued in it). */
  applyPayment(
    tx: DbOrTx,
    invoiceId: string,
    payment: { provider: string; reference: string; transactionId: string },
  ): Promise<{ alreadyPaid: boolean }>;
}

export interface Payer {
  id: string;
  email: string;
  language?: string | null;
}

const FINAL = new Set(['succeeded', 'mismatch', 'refunded']);

/**
 * Payments: start a checkout with a gateway (or bank transfer / sandbox), then settle it from the return page, a
 * webhook or the admin, exactly once. Settlement locks the transaction row, so a webhook racing the return page, or
 * the same event delivered twice, marks the orders paid once; an amount or currency that does not match what we asked
 * for never marks anything paid and alerts the admins.
 */
export function createPaymentsService(deps: PaymentsServiceDeps) {
  const { repo, orders, clock, settings, logger } = deps;
  const gatewayFor = async (provider: string): Promise<PaymentGateway | undefined> =>
    (await deps.gateways.gateways())[provider as GatewayProvider];

  async function enabledProviders(): Promise<TProviderInfo[]> {
    const s = await settings.getMany([
      'store.currency',
      'payments.bankTransfer.enabled',
      'payments.mercadopago.currency',
    ]);
    const list: TProviderInfo[] = [];
    const gateways = await deps.gateways.gateways();
    for (const id of ['stripe', 'paypal', 'mercadopago'] as const) {
      if (!gateways[id]) continue;
      list.push({
        id,
        currency:
          id === 'mercadopago'
            ? s['payments.mercadopago.currency'] || s['store.currency']
            : s['store.currency'],
        sandbox: false,
      });
    }
    if (s['payments.bankTransfer.enabled'])
      list.push({ id: 'bank_transfer', currency: s['store.currency'], sandbox: false });
    if (await deps.gateways.sandboxEnabled())
      list.push({ id: 'sandbox', currency: s['store.currency'], sandbox: true });
    return list;
  }

  async function bankInstructions(tx: TransactionRow, orderRows: OrderRow[]): Promise<TBankInstructions> {
    const b = await settings.get('payments.bankTransfer.details');
    return {
      ...b,
      reference: orderRows.length ? orderRows.map((o) => o.orderNumber).join(', ') : (tx.reference ?? tx.id),
      amountMinor: tx.amountMinor,
      currency: tx.currency,
    };
  }

  async function present(tx: TransactionRow, redirectUrl: string | null = null): Promise<TPayment> {
    const orderRows = await orders.listByIds(tx.orderIds);
    const invoice = tx.invoiceId && deps.invoices ? await deps.invoices.find(tx.invoiceId) : undefined;
    return {
      id: tx.id,
      provider: tx.provider as ProviderId,
      status: tx.status,
      amountMinor: tx.amountMinor,
      currency: tx.currency,
      providerAmountMinor: tx.providerAmountMinor,
      providerCurrency: tx.providerCurrency,
      orders: orderRows.map((o) => ({
        id: o.id,
        orderNumber: o.orderNumber,
        status: o.status as OrderStatus,
        totalMinor: o.totalMinor,
      })),
      invoice: invoice
        ? {
            id: invoice.id,
            invoiceNumber: invoice.invoiceNumber,
            status: invoice.status as InvoiceStatus,
            totalMinor: invoice.totalMinor,
            currency: invoice.currency,
          }
        : null,
      redirectUrl: redirectUrl ?? (typeof tx.raw?.redirectUrl === 'string' ? tx.raw.redirectUrl : null),
      instructions: tx.provider === 'bank_transfer' ? await bankInstructions(tx, orderRows) : null,
      createdAt: tx.createdAt,
    };
  }

  async function ownTransaction(userId: string, id: string): Promise<TransactionRow> {
    const tx = await repo.findById(id);
    if (!tx || tx.userId !== userId) throw notFound('Payment');
    return tx;
  }

  /** A succeeded payment for an invoice: mark it paid, or tell the admins when it could not be (void, paid). */
  async function settleInvoice(dbTx: DbOrTx, row: TransactionRow) {
    try {
      const result = await deps.invoices!.applyPayment(dbTx, row.invoiceId!, {
        provider: row.provider,
        reference: row.reference ?? row.id,
        transactionId: row.id,
      });
      if (result.alreadyPaid) {
        await repo.notifyAdmins(dbTx, {
          type: 'payment.invoice_already_paid',
          title: `Pago recibido para una factura ya pagada (${row.reference ?? row.invoiceId})`,
          body: `Payment ${row.id} succeeded but the invoice was already paid; review it and refund if needed.`,
          link: `/admin/invoices?search=${encodeURIComponent(row.reference ?? '')}`,
        });
      }
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      await repo.notifyAdmins(dbTx, {
        type: 'payment.invoice_not_payable',
        title: `Pago recibido para una factura que no admite pago (${row.reference ?? row.invoiceId})`,
        body: `Payment ${row.id} succeeded but: ${error.message}. Review it and refund if needed.`,
        link: `/admin/invoices?search=${encodeURIComponent(row.reference ?? '')}`,
      });
    }
  }

  /** The one place that marks orders paid. Idempotent; side effects run after the commit. */
  async function settle(txId: string, payment: GatewayPayment, meta: { eventId?: string; source: string }) {
    const now = clock.now();
    const paid: string[] = [];
    let settled: { provider: string; outcome: string } | null = null;
    await repo.db.transaction(async (dbTx) => {
      const row = await repo.lock(dbTx, txId);
      if (!row || FINAL.has(row.status)) return;
      settled = { provider: row.provider, outcome: payment.status };
      if (payment.paymentId && payment.paymentId !== row.id) {
        logger.warn(
          { txId, reported: payment.paymentId },
          'payment reference does not match the transaction; ignored',
        );
        return;
      }
      const raw = { ...(row.raw ?? {}), [`${meta.source}At`]: now.toISOString(), last: payment.raw };
      if (payment.status !== 'succeeded') {
        const status = payment.status === 'pending' ? 'pending' : payment.status;
        await repo.update(
          row.id,
          { status, raw, providerEventId: meta.eventId ?? row.providerEventId },
          dbTx,
        );
        // A renewal that could not be paid is a service heading for suspension: the staff hears of it.
        if (status === 'failed' && row.invoiceId) {
          await repo.notifyAdmins(
            dbTx,
            staffNotice.renewalPaymentFailed({
              reference: row.reference ?? row.invoiceId,
              provider: row.provider,
            }),
          );
        }
        return;
      }
      const expectedAmount = row.providerAmountMinor ?? row.amountMinor;
      const expectedCurrency = row.providerCurrency ?? row.currency;
      if (payment.amountMinor !== expectedAmount || payment.currency.toUpperCase() !== expectedCurrency) {
        await repo.update(row.id, { status: 'mismatch', raw }, dbTx);
        settled.outcome = 'mismatch';
        await repo.notifyAdmins(dbTx, {
          type: 'payment.mismatch',
          title: 'Pago con importe distinto al pedido',
          body:
            `${row.provider} reported ${formatMoney(payment.amountMinor, payment.currency)} for payment ${row.id}, ` +
            `expected ${formatMoney(expectedAmount, expectedCurrency)}. The orders were not marked paid.`,
          link: `/admin/payments/${row.id}`,
        });
        return;
      }
      await repo.update(
        row.id,
        {
          status: 'succeeded',
          raw,
          providerEventId: meta.eventId ?? row.providerEventId,
          providerTxId:
            row.provider === 'mercadopago'
              ? payment.providerTxId
              : (row.providerTxId ?? payment.providerTxId),
        },
        dbTx,
      );
      for (const orderId of row.orderIds) {
        const order = await orders.findById(orderId, dbTx);
        if (!order) continue;
        if (order.status === 'pending') {
          await transitionOrder(
            orders,
            dbTx,
            order,
            'paid',
            { type: 'system', id: null },
            {
              note: `Paid with ${row.provider} (payment ${row.id})`,
              patch: { paidAt: now, paymentStatus: 'paid', paymentMethod: row.provider },
            },
          );
          paid.push(order.id);
        } else {
          await repo.notifyAdmins(dbTx, {
            type: 'payment.order_not_pending',
            title: `Pago recibido para el pedido ${order.orderNumber} en estado ${order.status}`,
            body: `Payment ${row.id} succeeded but the order was ${order.status}; review it and refund if needed.`,
            link: `/admin/orders/${order.id}`,
          });
        }
      }
      if (paid.length) {
        await deps.onOrdersPaidInTx?.(dbTx, paid);
        await repo.notifyAdmins(dbTx, {
          type: 'order.paid',
          title: `Pedido pagado, listo para preparar`,
          body: `${paid.length} order(s) paid with ${row.provider}.`,
          link: '/admin/orders?status=paid',
        });
      }
      if (row.invoiceId && deps.invoices) await settleInvoice(dbTx, row);
    });
    const outcome = settled as { provider: string; outcome: string } | null;
    if (outcome) deps.onSettled?.(outcome.provider, outcome.outcome);
    if (paid.length && deps.onOrdersPaid) {
      await deps
        .onOrdersPaid(paid)
        .catch((error: unknown) => logger.error({ err: error, paid }, 'post-payment effects failed'));
    }
    return paid;
  }

  async function providerFor(id: string): Promise<TProviderInfo> {
    const provider = (await enabledProviders()).find((p) => p.id === id);
    if (!provider) {
      throw new AppError('bad_request', `Payment method ${id} is not available`, [
        { field: 'body.provider', message: 'not enabled' },
      ]);
    }
    return provider;
  }

  /** Records the pending transaction and opens the provider's checkout (or the sandbox / bank transfer). */
  async function openCheckout(
    payer: Payer,
    provider: TProviderInfo,
    what: {
      amountMinor: number;
      currency: string;
      orderId: string | null;
      checkoutId: string | null;
      orderIds: string[];
      invoiceId: string | null;
      reference: string;
      description: string;
      cancelUrl: string;
    },
  ): Promise<TPayment> {
    const rate =
      provider.currency === what.currency ? 1 : await settings.get('payments.mercadopago.exchangeRate');
    const providerAmountMinor = convertAmount(what.amountMinor, what.currency, provider.currency, rate);
    const tx = await repo.insert({
      id: randomUUID(),
      orderId: what.orderId,
      checkoutId: what.checkoutId,
      orderIds: what.orderIds,
      invoiceId: what.invoiceId,
      userId: payer.id,
      provider: provider.id,
      amountMinor: what.amountMinor,
      currency: what.currency,
      providerAmountMinor,
      providerCurrency: provider.currency,
      exchangeRate: rate,
      status: 'pending',
      reference: what.reference,
      createdAt: clock.now(),
    });
    let redirectUrl: string | null = null;
    let providerTxId: string | null = null;
    let raw: Record<string, unknown> = {};
    if (provider.id === 'sandbox') {
      providerTxId = `sandbox_${tx.id}`;
      redirectUrl = `${deps.appUrl}/pay/sandbox/${tx.id}`;
    } else if (provider.id !== 'bank_transfer') {
      const gateway = (await gatewayFor(provider.id))!;
      try {
        const session = await gateway.createCheckout({
          paymentId: tx.id,
          amountMinor: providerAmountMinor,
          currency: provider.currency,
          description: what.description,
          customerEmail: payer.email,
          returnUrl: `${deps.appUrl}/payments/${tx.id}/return`,
          cancelUrl: what.cancelUrl,
          notificationUrl: `${deps.appUrl}/api/webhooks/${provider.id}`,
          locale: payer.language === 'en' ? 'en' : 'es',
        });
        providerTxId = session.providerTxId;
        redirectUrl = session.redirectUrl;
        raw = { session: session.raw };
      } catch (error) {
        await repo.update(tx.id, { status: 'failed', raw: { error: (error as Error).message } });
        if (error instanceof GatewayError) {
          logger.warn({ err: error, provider: provider.id }, 'payment gateway refused the checkout');
          throw new AppError(
            'service_unavailable',
            'The payment provider is not answering right now; try again in a moment or choose another method',
          );
        }
        throw error;
      }
    }
    const updated = await repo.update(tx.id, { providerTxId, raw: { ...raw, redirectUrl } });
    return present(updated ?? tx, redirectUrl);
  }

  return {
    enabledProviders,
    settle,

    async startPayment(payer: Payer, orderId: string, request: TPayRequest): Promise<TPayment> {
      const order = await orders.findById(orderId);
      if (!order || order.userId !== payer.id) throw notFound('Order');
      if (order.status !== 'pending')
        throw new AppError('conflict', `Order ${order.orderNumber} is not awaiting payment`);
      const provider = await providerFor(request.provider);
      const orderRows =
        request.scope === 'checkout' && order.checkoutId
          ? await orders.listPendingInCheckout(payer.id, order.checkoutId)
          : [order];
      const numbers = orderRows.map((o) => o.orderNumber).join(', ');
      const payment = await openCheckout(payer, provider, {
        amountMinor: orderRows.reduce((sum, o) => sum + o.totalMinor, 0),
        currency: order.currency,
        orderId: orderRows.length === 1 ? order.id : null,
        checkoutId: order.checkoutId,
        orderIds: orderRows.map((o) => o.id),
        invoiceId: null,
        reference: numbers,
        description:
          payer.language === 'en' ? `Order ${numbers} — Cloud Vértice` : `Pedido ${numbers} — Cloud Vértice`,
        cancelUrl: `${deps.appUrl}/panel/orders/${order.id}?payment=cancelled`,
      });
      for (const o of orderRows) {
        await orders.db.transaction((dbTx) =>
          orders.updateStatus(dbTx, o.id, 'pending', { status: 'pending', paymentMethod: provider.id }),
        );
      }
      return payment;
    },

    /** Pays an unpaid invoice (a renewal) with any enabled method; settles through the same path as orders. */
    async startInvoicePayment(
      payer: Payer,
      invoiceId: string,
      request: TInvoicePayRequest,
    ): Promise<TPayment> {
      const invoice = deps.invoices ? await deps.invoices.find(invoiceId) : undefined;
      if (!invoice || invoice.userId !== payer.id) throw notFound('Invoice');
      if (invoice.status !== 'issued' && invoice.status !== 'overdue')
        throw new AppError('conflict', `Invoice ${invoice.invoiceNumber ?? invoice.id} is ${invoice.status}`);
      const provider = await providerFor(request.provider);
      const number = invoice.invoiceNumber ?? invoice.id;
      return openCheckout(payer, provider, {
        amountMinor: invoice.totalMinor,
        currency: invoice.currency,
        orderId: null,
        checkoutId: null,
        orderIds: [],
        invoiceId: invoice.id,
        reference: number,
        description:
          payer.language === 'en' ? `Invoice ${number} — Cloud Vértice` : `Factura ${number} — Cloud Vértice`,
        cancelUrl: `${deps.appUrl}/panel/invoices/${invoice.id}?payment=cancelled`,
      });
    },

    async getPayment(userId: string, id: string): Promise<TPayment> {
      return present(await ownTransaction(userId, id));
    },

    /** The customer is back from the provider: confirm server-side (PayPal captures here). */
    async confirmReturn(userId: string, id: string, query: Record<string, string>): Promise<TPayment> {
      const tx = await ownTransaction(userId, id);
      const gateway = await gatewayFor(tx.provider);
      if (gateway && tx.providerTxId && !FINAL.has(tx.status)) {
        const payment = await gateway.confirmOnReturn(tx.providerTxId, query);
        await settle(tx.id, payment, { source: 'return' });
      }
      return present((await repo.findById(id))!);
    },

    async handleWebhook(
      provider: GatewayProvider,
      headers: WebhookHeaders,
      rawBody: Buffer,
      query: Record<string, string>,
    ) {
      const gateway = await gatewayFor(provider);
      if (!gateway) throw notFound('Payment provider');
      let event;
      try {
        event = await gateway.verifyWebhook(headers, rawBody, query);
      } catch (error) {
        if (error instanceof WebhookSignatureError)
          throw new AppError('bad_request', `Invalid webhook signature: ${error.message}`);
        throw error;
      }
      const fresh = await repo.recordWebhook(provider, event.eventId, event.type, event.raw);
      if (!fresh) return { received: true, duplicate: true };
      try {
        if (event.providerTxId) {
          const payment =
            provider === 'paypal'
              ? await gateway.confirmOnReturn(event.providerTxId, {})
              : await gateway.fetchPayment(event.providerTxId);
          const txId =
            payment.paymentId ??
            event.paymentId ??
            (await repo.findByProviderTx(provider, event.providerTxId))?.id;
          if (txId) await settle(txId, payment, { eventId: event.eventId, source: 'webhook' });
          else logger.warn({ provider, eventId: event.eventId }, 'webhook for an unknown payment ignored');
        }
        await repo.markWebhookProcessed(provider, event.eventId);
      } catch (error) {
        // Forget the delivery so the provider's retry is processed instead of being taken for a duplicate.
        await repo.forgetWebhook(provider, event.eventId);
        throw error;
      }
      return { received: true, duplicate: false };
    },

    /** Demo mode only: the sandbox page approves or declines a payment. */
    async decideSandbox(userId: string, id: string, decision: 'approve' | 'decline'): Promise<TPayment> {
      if (!(await deps.gateways.sandboxEnabled())) throw notFound('Payment');
      const tx = await ownTransaction(userId, id);
      if (tx.provider !== 'sandbox') throw notFound('Payment');
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
