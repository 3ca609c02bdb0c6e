import type { Logger } from '../../lib/logger.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import {
  WebhookSignatureError,
  type GatewayPayment,
  type GatewayProvider,
  type PaymentGateway,
  type WebhookHeaders,
} from '../../integrations/payments/gateway.ts';
import type { PaymentsRepo } from './payments.repo.ts';
import { owedRefund, type AutoRefunds } from './payments.refunds.ts';
import type { Settlement } from './payments.settle.ts';

/**
 * Gateway webhooks: verify the signature, read the payment back from the provider (never trust the body), and settle
 * it once per event — a redelivered event answers `duplicate` (and retries a refund still owed on it).
 */
export function createWebhookHandler(deps: {
  repo: PaymentsRepo;
  logger: Logger;
  gatewayFor: (provider: string) => Promise<PaymentGateway | undefined>;
  settleOnce: Settlement['settleOnce'];
  refunds: AutoRefunds;
}) {
  const { repo, logger, gatewayFor } = deps;

  /** A redelivered webhook of a payment whose refund is still owed (the gateway failed last time): try again. */
  async function retryOwedRefund(provider: string, providerTxId: string | null): Promise<void> {
    const row = providerTxId ? await repo.findByProviderTx(provider, providerTxId) : undefined;
    if (row && owedRefund(row)) await deps.refunds.refundOwed(row.id);
  }

  return async function handleWebhook(
    provider: GatewayProvider,
    headers: WebhookHeaders,
    rawBody: Buffer,
    query: Record<string, string>,
  ): Promise<{ received: boolean; duplicate: boolean }> {
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
    if (await repo.webhookProcessed(provider, event.eventId)) {
      await retryOwedRefund(provider, event.providerTxId);
      return { received: true, duplicate: true };
    }
    const webhook = { provider, eventId: event.eventId, type: event.type, payload: event.raw };
    const known = event.providerTxId ? await repo.findByProviderTx(provider, event.providerTxId) : undefined;
    let payment: GatewayPayment | null = null;
    if (event.providerTxId) {
      // PayPal orders are captured by us; a replaced checkout is only read, never captured.
      payment =
        provider === 'paypal' && !known?.raw?.replacedBy
          ? await gateway.confirmOnReturn(event.providerTxId, {})
          : await gateway.fetchPayment(event.providerTxId);
    }
    const txId = payment && (payment.paymentId ?? event.paymentId ?? known?.id);
    if (payment && txId) {
      const { duplicate } = await deps.settleOnce(txId, payment, {
        eventId: event.eventId,
        source: 'webhook',
        webhook,
      });
      if (duplicate) return { received: true, duplicate: true };
    } else {
      if (payment)
        logger.warn({ provider, eventId: event.eventId }, 'webhook for an unknown payment ignored');
      const fresh = await repo.transaction((tx) => repo.claimWebhook(tx, webhook));
      if (!fresh) return { received: true, duplicate: true };
    }
    return { received: true, duplicate: false };
  };
}
