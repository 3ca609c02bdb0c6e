import type { DbOrTx } from '../../db/client.ts';
import type { Logger } from '../../lib/logger.ts';
import type { Clock } from '../../lib/clock.ts';
import { formatMoney } from '../../lib/money.ts';
import {
  GatewayError,
  type GatewayProvider,
  type PaymentGateway,
} from '../../integrations/payments/gateway.ts';
import { staffNotice } from '../notifications/in-app.ts';
import type { MailService } from '../notifications/mail.service.ts';
import type { PaymentsRepo, TransactionRow } from './payments.repo.ts';

/**
 * A refund the platform owes on a payment it could not apply (the orders or the invoice were already paid, e.g.
 * through another checkout of the same order). Written into `transactions.raw.autoRefund` in the settling
 * transaction; `refundId` is set once the gateway made the refund, in the transaction that tells the customer and the
 * admins — so a redelivered webhook, a retry or a crash in between never refunds twice (the gateway call is
 * idempotent by `auto-refund-<transaction id>`) and never tells anyone twice.
 */
export interface AutoRefund {
  amountMinor: number;
  currency: string;
  /** Why the payment could not be applied. */
  reason: 'order_already_paid' | 'invoice_already_paid' | 'invoice_not_payable';
  /** What it was for (order numbers or the invoice number), for the messages. */
  reference: string;
  refundId?: string;
  refundStatus?: string;
  refundedAt?: string;
  /** The gateway refused the refund for good (not retryable): an admin must look. */
  failedAt?: string;
}

export function owedRefund(row: TransactionRow): AutoRefund | undefined {
  const owed = row.raw?.autoRefund as AutoRefund | undefined;
  return owed && !owed.refundId && !owed.failedAt ? owed : undefined;
}

export function createAutoRefunds(deps: {
  repo: PaymentsRepo;
  clock: Clock;
  logger: Logger;
  appUrl: string;
  gatewayFor: (provider: string) => Promise<PaymentGateway | undefined>;
  mail?: Pick<MailService, 'queue'>;
}) {
  const { repo, clock, logger } = deps;

  async function tell(tx: DbOrTx, row: TransactionRow, owed: AutoRefund) {
    await repo.notifyAdmins(
      tx,
      staffNotice.duplicateRefunded({
        type:
          owed.reason === 'order_already_paid'
            ? 'payment.duplicate_refunded'
            : 'payment.invoice_already_paid',
        paymentId: row.id,
        provider: row.provider,
        reference: owed.reference,
        amountMinor: owed.amountMinor,
        currency: owed.currency,
      }),
    );
    const user = await repo.findUser(row.userId, tx);
    if (!user || !deps.mail) return;
    const language = user.language === 'en' ? 'en' : 'es';
    await deps.mail.queue(
      {
        to: user.email,
        userId: user.id,
        language,
        template: 'payment-refunded',
        data: {
          name: user.firstName || user.name,
          reference: owed.reference,
          amount: formatMoney(owed.amountMinor, owed.currency, language === 'en' ? 'en-US' : 'es-419'),
          link: `${deps.appUrl}/panel/${row.invoiceId ? 'invoices' : 'orders'}`,
        },
      },
      tx,
    );
  }

  /** A refund the gateway refused for good: recorded once and left to an admin (no retry would change it). */
  async function giveUp(row: TransactionRow, owed: AutoRefund, error: GatewayError) {
    await repo.transaction(async (tx) => {
      const locked = await repo.lock(tx, row.id);
      if (!locked || !owedRefund(locked)) return;
      await repo.update(
        row.id,
        { raw: { ...locked.raw, autoRefund: { ...owed, failedAt: clock.now().toISOString() } } },
        tx,
      );
      await repo.notifyAdmins(
        tx,
        staffNotice.autoRefundFailed({
          paymentId: row.id,
          provider: row.provider,
          reference: owed.reference,
          error: error.message,
        }),
      );
    });
  }

  return {
    /**
     * Makes the refund owed on this transaction, if any, and tells the customer and the admins. Idempotent. A
     * retryable gateway failure is thrown (the webhook answers 5xx and the provider redelivers; the owed refund is
     * found again then).
     */
    async refundOwed(txId: string): Promise<void> {
      const row = await repo.findById(txId);
      const owed = row && owedRefund(row);
      if (!row || !owed) return;
      let refund: { refundId: string; status: string };
      if (row.provider === 'sandbox') {
        refund = { refundId: `sandbox_refund_${row.id}`, status: 'succeeded' };
      } else {
        const gateway = await deps.gatewayFor(row.provider);
        if (!gateway || !row.providerTxId) {
          throw new GatewayError(
            `cannot refund ${row.provider} payment ${row.id}: gateway not configured`,
            row.provider as GatewayProvider,
            undefined,
            true,
          );
        }
        try {
          const made = await gateway.refund({
            providerTxId: row.providerTxId,
            amountMinor: owed.amountMinor,
            currency: owed.currency,
            idempotencyKey: `auto-refund-${row.id}`,
            reason: 'duplicate',
          });
          refund = { refundId: made.refundId, status: made.status };
        } catch (error) {
          if (error instanceof GatewayError && !error.retryable) {
            logger.error({ err: error, txId }, 'automatic refund of a duplicate payment refused');
            await giveUp(row, owed, error);
            return;
          }
          throw error;
        }
      }
      await repo.transaction(async (tx) => {
        const locked = await repo.lock(tx, row.id);
        const current = locked && owedRefund(locked);
        if (!locked || !current) return;
        await repo.update(
          row.id,
          {
            status: locked.status === 'duplicate' ? 'refunded' : locked.status,
            raw: {
              ...locked.raw,
              autoRefund: {
                ...current,
                refundId: refund.refundId,
                refundStatus: refund.status,
                refundedAt: clock.now().toISOString(),
              },
            },
          },
          tx,
        );
        await tell(tx, locked, current);
      });
    },
  };
}

export type AutoRefunds = ReturnType<typeof createAutoRefunds>;
