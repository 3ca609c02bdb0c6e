import type { AuditInTx } from '../../audit/audit.service.ts';
import type { DbOrTx } from '../../db/client.ts';
import type { PaymentGateways } from '../../integrations/payments/index.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import type { Logger } from '../../lib/logger.ts';
import { offsetOf } from '../../lib/pagination.ts';
import type { SettingsService } from '../../settings/settings.service.ts';
import { createCreditNotes, type CreditNoteAudit } from './billing.credit-notes.ts';
import { exportBillingCsv } from './billing.export.ts';
import { createInvoiceIssuer } from './billing.issuing.ts';
import { renderInvoicePdf, type RenderOptions } from './billing.pdf.ts';
import { assertCanSeeInvoice } from './billing.policy.ts';
import { presentInvoice, presentInvoiceDetail } from './billing.presenter.ts';
import type { BillingRepo, InvoiceRow } from './billing.repo.ts';
import type {
  TAdminInvoice,
  TAdminInvoiceQuery,
  TCreditNoteRequest,
  TInvoiceDetail,
  TInvoiceQuery,
  TInvoiceSummary,
} from './billing.schemas.ts';

export { billToOf, presentInvoice, presentInvoiceDetail, type InvoiceExtras } from './billing.presenter.ts';
export { CREDIT_NOTE_SEQUENCE_SCOPE, INVOICE_SEQUENCE_SCOPE } from './billing.issuing.ts';

export interface BillingServiceDeps {
  repo: BillingRepo;
  settings: SettingsService;
  clock: Clock;
  logger: Logger;
  /** The company's logo for the PDF (PNG/JPEG), or null for the built-in mark. */
  logo?: () => Promise<Buffer | null>;
  /** The payment gateways enabled now, for refunds through them. */
  gateways?: () => Promise<PaymentGateways>;
}

/**
 * Invoices: issued when orders are paid (and for renewals, see `billing.lifecycle.ts`), read by their owner and the
 * admins, voided while unpaid, corrected by credit notes once paid, exported for the accountant. The use cases live
 * in their own files (`billing.issuing.ts`, `billing.credit-notes.ts`, `billing.export.ts`, `billing.presenter.ts`);
 * this factory puts them behind one service.
 */
export function createBillingService(deps: BillingServiceDeps) {
  const { repo, clock } = deps;
  const issuer = createInvoiceIssuer(deps);

  async function detail(row: InvoiceRow, tx?: DbOrTx): Promise<TInvoiceDetail> {
    const [items, referenceNumber, creditNotes] = await Promise.all([
      repo.items(row.id, tx),
      repo.referenceNumberOf(row.referenceInvoiceId, tx),
      row.type === 'invoice' ? repo.creditNotesOf(row.id, tx) : Promise.resolve([]),
    ]);
    const transactions = await repo.transactionsOf([row.id, ...creditNotes.map((c) => c.id)], tx);
    return presentInvoiceDetail(row, items, { referenceNumber, transactions, creditNotes });
  }

  async function ownInvoice(userId: string, id: string): Promise<InvoiceRow> {
    const row = await repo.findById(id);
    // The customer's own view: an admin reads invoices through the admin routes.
    assertCanSeeInvoice({ id: userId }, row);
    return row;
  }

  const creditNotes = createCreditNotes({
    ...deps,
    detail,
    invoicePrefix: async (tx) => (await issuer.sellerAndTax(tx)).prefix,
  });

  return {
    issue: issuer.issue,
    detail,

    /** Issues the paid invoice for orders that were just paid together; idempotent (one invoice per payment). */
    async issueInvoiceForOrders(orderIds: string[], tx?: DbOrTx): Promise<InvoiceRow | null> {
      if (!orderIds.length) return null;
      if (tx) return issuer.issueForOrdersIn(tx, orderIds);
      return repo.transaction((own) => issuer.issueForOrdersIn(own, orderIds));
    },

    async listOwn(userId: string, query: TInvoiceQuery) {
      const { rows, total } = await repo.listForUser(userId, query.status, query.pageSize, offsetOf(query));
      return { items: rows.map((r) => presentInvoice(r.invoice, r.referenceNumber)), total };
    },

    /** What the customer owes, for the panel's banner. */
    async summary(userId: string): Promise<TInvoiceSummary> {
      const groups = await repo.unpaidSummary(userId);
      const first = [...groups].sort(
        (a, b) => (a.nextDueAt?.getTime() ?? Infinity) - (b.nextDueAt?.getTime() ?? Infinity),
      )[0];
      return {
        unpaidCount: groups.reduce((n, g) => n + g.count, 0),
        overdueCount: groups.reduce((n, g) => n + g.overdue, 0),
        totals: groups.map((g) => ({ currency: g.currency, totalMinor: g.totalMinor })),
        nextDueAt: first?.nextDueAt ?? null,
        firstUnpaidId: first?.firstId ?? null,
      };
    },

    async getOwn(userId: string, id: string): Promise<TInvoiceDetail> {
      return detail(await ownInvoice(userId, id));
    },

    /** The PDF for its owner, or for any admin. */
    async pdf(
      viewer: { id: string; role: string },
      id: string,
      options: RenderOptions = {},
    ): Promise<{ filename: string; body: Buffer }> {
      const row = await repo.findById(id);
      assertCanSeeInvoice(viewer, row);
      const logo = deps.logo ? await deps.logo() : null;
      const body = await renderInvoicePdf(await detail(row), { logo, ...options });
      return { filename: `${row.invoiceNumber ?? row.id}.pdf`, body };
    },

    async listForAdmin(query: TAdminInvoiceQuery): Promise<{ items: TAdminInvoice[]; total: number }> {
      const { rows, total } = await repo.listForAdmin({
        ...(query.status ? { status: query.status } : {}),
        ...(query.type ? { type: query.type } : {}),
        ...(query.search ? { search: query.search } : {}),
        ...(query.from ? { from: query.from } : {}),
        ...(query.to ? { to: query.to } : {}),
        limit: query.pageSize,
        offset: offsetOf(query),
      });
      return {
        items: rows.map((r) => ({
          ...presentInvoice(r.invoice, r.referenceNumber),
          userId: r.invoice.userId,
          customerEmail: r.email,
        })),
        total,
      };
    },

    /** Voids an unpaid invoice; a paid one is corrected with a credit note instead. */
    async voidInvoice(id: string, audited?: AuditInTx<TInvoiceDetail>): Promise<TInvoiceDetail> {
      return repo.transaction(async (tx) => {
        const row = await repo.findById(id, tx);
        if (!row) throw notFound('Invoice');
        if (row.status === 'void') throw new AppError('conflict', 'The invoice is already void');
        if (row.status === 'paid')
          throw new AppError('conflict', 'A paid invoice cannot be voided; issue a credit note instead');
        if (row.type !== 'invoice') throw new AppError('conflict', 'A credit note cannot be voided');
        const updated = await repo.voidInvoice(tx, id, clock.now());
        const result = await detail(updated!, tx);
        await audited?.(tx, result);
        return result;
      });
    },

    /** Issues a credit note for a paid invoice (see `billing.credit-notes.ts`). */
    creditNote: (invoiceId: string, input: TCreditNoteRequest, audit?: CreditNoteAudit) =>
      creditNotes.creditNote(invoiceId, input, audit),

    /** Accounting export: every invoice issued and every transaction created in [from, to). */
    exportCsv: (from: Date, to: Date): Promise<string> => exportBillingCsv(repo, from, to),
  };
}

export type BillingService = ReturnType<typeof createBillingService>;
