import { randomUUID } from 'node:crypto';
import type { AuditInTx } from '../../audit/audit.service.ts';
import type { DbOrTx } from '../../db/client.ts';
import {
  GatewayError,
  type GatewayProvider,
  type GatewayRefund,
} from '../../integrations/payments/gateway.ts';
import type { PaymentGateways } from '../../integrations/payments/index.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import type { Logger } from '../../lib/logger.ts';
import { convertAmount } from '../../lib/money.ts';
import { creditableAmount, creditNoteContent } from './billing.credit-split.ts';
import { INVOICE_TEXT, languageOf } from './billing.i18n.ts';
import type { InvoicesRepo } from './billing.invoices.repo.ts';
import { CREDIT_NOTE_SEQUENCE_SCOPE } from './billing.issuing.ts';
import type { InvoiceRow } from './billing.repo.ts';
import type { TCreditNoteRequest, TInvoiceDetail } from './billing.schemas.ts';

const GATEWAY_PROVIDERS = new Set(['stripe', 'mercadopago', 'paypal']);

/** What issuing a credit note reads and writes. */
export type CreditNotesRepo = Pick<
  InvoicesRepo,
  | 'transaction'
  | 'findById'
  | 'lockInvoice'
  | 'creditNotesOf'
  | 'transactionsOf'
  | 'items'
  | 'findByIdempotencyKey'
  | 'insertInvoice'
  | 'updateInvoice'
  | 'insertItems'
  | 'insertTransaction'
  | 'nextNumber'
>;

export interface CreditNotesDeps {
  repo: CreditNotesRepo;
  clock: Clock;
  logger: Logger;
  /** The invoice prefix in force (a credit note is numbered `<prefix>-NC-<year>-NNNNNN`). */
  invoicePrefix: (tx: DbOrTx) => Promise<string>;
  /** An invoice or credit note as the API shows it, read inside `tx`. */
  detail: (row: InvoiceRow, tx?: DbOrTx) => Promise<TInvoiceDetail>;
  /** The payment gateways enabled now, for refunds through them. */
  gateways?: () => Promise<PaymentGateways>;
}

/** Audit hooks of a credit note issued from the admin console. */
export interface CreditNoteAudit {
  /** Before money leaves through a gateway (which no rollback undoes): throws when it cannot be recorded. */
  beforeGatewayRefund: () => Promise<void>;
  audited: AuditInTx<TInvoiceDetail>;
}

/** Credit notes: corrections of paid invoices, with the money given back through the gateway or recorded. */
export function createCreditNotes(deps: CreditNotesDeps) {
  const { repo, clock, logger } = deps;

  /**
   * Gives the money back through the gateway that took the invoice's payment, before the credit note is issued. The
   * idempotency key is the credit note's place in the invoice's series, so retrying after a failure refunds once.
   */
  async function refundThroughGateway(
    invoiceId: string,
    asked: number | undefined,
    reason: string,
  ): Promise<{ provider: GatewayProvider; refund: GatewayRefund; amount: number }> {
    const invoice = await repo.findById(invoiceId);
    if (!invoice) throw notFound('Invoice');
    const previous = await repo.creditNotesOf(invoice.id);
    const amount = creditableAmount(invoice, previous, asked);
    const payment = (await repo.transactionsOf([invoice.id])).find(
      (t) => t.kind === 'payment' && t.status === 'succeeded' && GATEWAY_PROVIDERS.has(t.provider),
    );
    if (!payment?.providerTxId) {
      throw new AppError(
        'conflict',
        'This invoice was not paid through a payment gateway; record the refund you made instead',
      );
    }
    const provider = payment.provider as GatewayProvider;
    const gateway = (await deps.gateways?.())?.[provider];
    if (!gateway) throw new AppError('service_unavailable', `${provider} is not configured now`);
    const currency = payment.providerCurrency ?? payment.currency;
    const providerAmount =
      currency === invoice.currency
        ? amount
        : convertAmount(amount, invoice.currency, currency, payment.exchangeRate ?? 1);
    let refund: GatewayRefund;
    try {
      refund = await gateway.refund({
        providerTxId: payment.providerTxId,
        amountMinor: providerAmount,
        currency,
        idempotencyKey: `credit:${invoice.id}:${previous.length + 1}`,
        reason,
      });
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
      logger.warn({ err: error, invoiceId, provider }, 'the gateway refused the refund');
      throw new AppError(
        error.retryable ? 'service_unavailable' : 'conflict',
        `${provider} did not refund: ${error.message}`,
      );
    }
    if (refund.status === 'failed')
      throw new AppError('conflict', `${provider} reported the refund as failed`);
    return { provider, refund, amount };
  }

  /**
   * Issues a credit note for a paid invoice — all of what is left of it, or part — with its own number
   * (`<prefix>-NC-<year>-NNNNNN`) that references the invoice; with `refund`, the money given back is recorded as a
   * refund transaction. Concurrent credit notes on one invoice are serialised by the invoice row lock.
   */
  async function creditNote(
    invoiceId: string,
    input: TCreditNoteRequest,
    audit?: CreditNoteAudit,
  ): Promise<TInvoiceDetail> {
    const throughGateway = input.refund && 'throughGateway' in input.refund;
    if (throughGateway) await audit?.beforeGatewayRefund();
    const viaGateway = throughGateway
      ? await refundThroughGateway(invoiceId, input.amountMinor, input.reason)
      : null;
    return repo.transaction(async (tx) => {
      const invoice = await repo.lockInvoice(tx, invoiceId);
      if (!invoice) throw notFound('Invoice');
      const previous = await repo.creditNotesOf(invoice.id, tx);
      const amount = viaGateway ? viaGateway.amount : creditableAmount(invoice, previous, input.amountMinor);
      const text = INVOICE_TEXT[languageOf(invoice.language)];
      const full = amount === invoice.totalMinor;
      const { lines, totals } = creditNoteContent(
        invoice,
        full ? await repo.items(invoice.id, tx) : [],
        amount,
        `${text.partialCredit} — ${text.creditFor} ${invoice.invoiceNumber ?? ''}: ${input.reason}`,
      );
      const now = clock.now();
      // A gateway refund is keyed by the provider's refund id: a replayed refund never makes a second credit note.
      const key = viaGateway
        ? `credit:${invoice.id}:refund:${viaGateway.refund.refundId}`
        : `credit:${invoice.id}:${previous.length + 1}`;
      const existing = viaGateway ? await repo.findByIdempotencyKey(tx, key) : undefined;
      if (existing) return deps.detail(existing, tx);
      const inserted = await repo.insertInvoice(tx, {
        id: randomUUID(),
        type: 'credit_note',
        referenceInvoiceId: invoice.id,
        orderId: invoice.orderId,
        vpsInstanceId: invoice.vpsInstanceId,
        userId: invoice.userId,
        status: 'issued',
        currency: invoice.currency,
        ...totals,
        taxName: invoice.taxName,
        taxRate: invoice.taxRate,
        taxMode: invoice.taxMode,
        billTo: invoice.billTo,
        seller: invoice.seller,
        language: invoice.language,
        periodStart: invoice.periodStart,
        periodEnd: invoice.periodEnd,
        idempotencyKey: key,
        issuedAt: now,
        dueAt: null,
      });
      if (!inserted)
        throw new AppError('conflict', 'A credit note for this invoice is being issued; try again');
      const prefix = await deps.invoicePrefix(tx);
      const invoiceNumber = await repo.nextNumber(
        tx,
        CREDIT_NOTE_SEQUENCE_SCOPE,
        `${prefix}-NC`,
        now.getUTCFullYear(),
      );
      const numbered = await repo.updateInvoice(tx, inserted.id, { invoiceNumber });
      await repo.insertItems(
        tx,
        lines.map((l, i) => ({ ...l, id: randomUUID(), invoiceId: inserted.id, sortOrder: i })),
      );
      if (viaGateway) {
        const { refund } = viaGateway;
        await repo.insertTransaction(tx, {
          id: randomUUID(),
          invoiceId: inserted.id,
          userId: invoice.userId,
          kind: 'refund',
          provider: viaGateway.provider,
          providerTxId: refund.refundId,
          amountMinor: amount,
          currency: invoice.currency,
          providerAmountMinor: refund.amountMinor,
          providerCurrency: refund.currency,
          status: refund.status === 'succeeded' ? 'succeeded' : 'pending',
          reference: refund.refundId,
          raw: refund.raw,
          createdAt: now,
        });
      } else if (input.refund && 'provider' in input.refund) {
        await repo.insertTransaction(tx, {
          id: randomUUID(),
          invoiceId: inserted.id,
          userId: invoice.userId,
          kind: 'refund',
          provider: input.refund.provider,
          providerTxId: `refund_${inserted.id}`,
          amountMinor: amount,
          currency: invoice.currency,
          status: 'succeeded',
          reference: input.refund.reference,
          createdAt: now,
        });
      }
      logger.info({ invoiceId: invoice.id, creditNoteId: inserted.id, amount }, 'credit note issued');
      const result = await deps.detail(numbered!, tx);
      await audit?.audited(tx, result);
      return result;
    });
  }

  return { creditNote };
}
