import { randomUUID } from 'node:crypto';
import type { Logger } from '../../lib/logger.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { convertAmount } from '../../lib/money.ts';
import { GatewayError, type PaymentGateway } from '../../integrations/payments/gateway.ts';
import type { SettingsService } from '../../settings/settings.service.ts';
import type { OrdersRepo } from '../orders/orders.repo.ts';
import type { GatewayResolver } from './gateways.ts';
import type { PaymentsRepo, TransactionRow } from './payments.repo.ts';
import type { PresentPayment } from './payments.presenter.ts';
import type { TInvoicePayRequest, TPayment, TPayRequest, TProviderInfo } from './payments.schemas.ts';
import type { InvoicePaymentPort } from './payments.settle.ts';

export interface Payer {
  id: string;
  email: string;
  language?: string | null;
}

/** What one checkout pays: orders of a cart (or one order) or an invoice. */
interface CheckoutSubject {
  amountMinor: number;
  currency: string;
  orderId: string | null;
  checkoutId: string | null;
  orderIds: string[];
  invoiceId: string | null;
  reference: string;
  description: string;
  cancelUrl: string;
}

export interface CheckoutDeps {
  repo: PaymentsRepo;
  orders: OrdersRepo;
  clock: Clock;
  settings: SettingsService;
  /** The gateways enabled now (environment or admin settings) and whether the demo sandbox is on. */
  gateways: Pick<GatewayResolver, 'gateways' | 'sandboxEnabled'>;
  appUrl: string;
  logger: Logger;
  /** Invoices paid through the gateways (renewals). */
  invoices?: InvoicePaymentPort;
  gatewayFor: (provider: string) => Promise<PaymentGateway | undefined>;
  expireAtGateway: (rows: TransactionRow[]) => Promise<void>;
  present: PresentPayment;
}

/**
 * Checkout: the payment methods on offer, and starting a payment of orders or of an invoice — one live checkout per
 * order / invoice (a new one replaces, and expires at its gateway, any earlier one).
 */
export function createCheckout(deps: CheckoutDeps) {
  const { repo, orders, clock, settings, logger, gatewayFor, present } = deps;

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
    what: CheckoutSubject,
  ): Promise<TPayment> {
    const rate =
      provider.currency === what.currency ? 1 : await settings.get('payments.mercadopago.exchangeRate');
    const providerAmountMinor = convertAmount(what.amountMinor, what.currency, provider.currency, rate);
    const id = randomUUID();
    // One live checkout per order / invoice: the new one replaces (and expires at the gateway) any earlier one.
    const { tx, ended } = await repo.transaction(async (dbTx) => {
      await repo.lockPayables(dbTx, { orderIds: what.orderIds, invoiceId: what.invoiceId });
      const endedRows = await repo.endLiveCheckouts(dbTx, {
        orderIds: what.orderIds,
        invoiceId: what.invoiceId,
        replacedBy: id,
      });
      const inserted = await repo.insert(
        {
          id,
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
        },
        dbTx,
      );
      return { tx: inserted, ended: endedRows };
    });
    await deps.expireAtGateway(ended);
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
    const updated = (await repo.attachSession(tx.id, { providerTxId, raw: { ...raw, redirectUrl } })) ?? tx;
    if (updated.raw?.replacedBy) {
      // A parallel checkout of the same orders replaced this one while its session was being opened.
      await deps.expireAtGateway([updated]);
      return present(updated, null);
    }
    return present(updated, redirectUrl);
  }

  return {
    enabledProviders,

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
        await orders.transaction((dbTx) =>
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
  };
}
