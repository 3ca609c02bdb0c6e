import { randomUUID } from 'node:crypto';
import type { AuditInTx } from '../../audit/audit.service.ts';
import type { DbOrTx } from '../../db/client.ts';
import { formatNumber, nextSequenceValue } from '../../db/sequences.ts';
import { addMonths, type Clock } from '../../lib/clock.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { assertCanSeeInvoice } from './billing.policy.ts';
import type { Logger } from '../../lib/logger.ts';
import { offsetOf } from '../../lib/pagination.ts';
import type { SettingsService } from '../../settings/settings.service.ts';
import { convertAmount, roundMinor } from '../../lib/money.ts';
import {
  GatewayError,
  type GatewayProvider,
  type GatewayRefund,
} from '../../integrations/payments/gateway.ts';
import type { PaymentGateways } from '../../integrations/payments/index.ts';
import { computeLine, csvRow, sumLines, type LineInput, type TaxMode } from './billing.compute.ts';
import { INVOICE_TEXT, isoDay, languageOf, planLabel, regionLabel } from './billing.i18n.ts';
import { licenseLine } from './billing.license.ts';
import { renderInvoicePdf, type RenderOptions } from './billing.pdf.ts';
import type {
  BillingRepo,
  BillingUserRow,
  InvoiceItemRow,
  InvoiceRow,
  TransactionRow,
} from './billing.repo.ts';
import type {
  TAdminInvoice,
  TAdminInvoiceQuery,
  TInvoice,
  TCreditNoteRequest,
  TInvoiceDetail,
  TInvoiceQuery,
  TInvoiceSummary,
  TParty,
} from './billing.schemas.ts';

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

const GATEWAY_PROVIDERS = new Set(['stripe', 'mercadopago', 'paypal']);

export const INVOICE_SEQUENCE_SCOPE = 'invoice';
export const CREDIT_NOTE_SEQUENCE_SCOPE = 'credit_note';

export function presentInvoice(row: InvoiceRow, referenceNumber: string | null = null): TInvoice {
  return {
    id: row.id,
    invoiceNumber: row.invoiceNumber,
    type: row.type === 'credit_note' ? 'credit_note' : 'invoice',
    referenceInvoiceId: row.referenceInvoiceId,
    referenceInvoiceNumber: referenceNumber,
    status: row.status as TInvoice['status'],
    orderId: row.orderId,
    vpsInstanceId: row.vpsInstanceId,
    currency: row.currency,
    subtotalMinor: row.subtotalMinor,
    discountMinor: row.discountMinor,
    taxMinor: row.taxMinor,
    totalMinor: row.totalMinor,
    taxName: row.taxName,
    taxRate: row.taxRate === null ? null : Number(row.taxRate),
    taxMode: row.taxMode === 'inclusive' ? 'inclusive' : 'exclusive',
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    issuedAt: row.issuedAt,
    dueAt: row.dueAt,
    paidAt: row.paidAt,
    voidedAt: row.voidedAt,
  };
}

function presentParty(value: Record<string, unknown>): TParty {
  const str = (key: string) => (typeof value[key] === 'string' ? (value[key] as string) : null);
  return {
    name: str('name') ?? '',
    companyName: str('companyName'),
    taxId: str('taxId'),
    address: str('address'),
    country: str('country'),
    email: str('email'),
    phone: str('phone'),
  };
}

export interface InvoiceExtras {
  referenceNumber: string | null;
  transactions: TransactionRow[];
  creditNotes: InvoiceRow[];
}

export function presentInvoiceDetail(
  row: InvoiceRow,
  items: InvoiceItemRow[],
  extras: InvoiceExtras = { referenceNumber: null, transactions: [], creditNotes: [] },
): TInvoiceDetail {
  return {
    ...presentInvoice(row, extras.referenceNumber),
    payable: row.type === 'invoice' && (row.status === 'issued' || row.status === 'overdue'),
    // Checkouts opened but never completed are not payments of the invoice.
    transactions: extras.transactions
      .filter((t) => t.status !== 'pending' && t.status !== 'cancelled')
      .map((t) => ({
        id: t.id,
        kind: t.kind === 'refund' ? 'refund' : 'payment',
        provider: t.provider,
        amountMinor: t.amountMinor,
        currency: t.currency,
        status: t.status,
        reference: t.reference,
        createdAt: t.createdAt,
      })),
    creditNotes: extras.creditNotes.map((c) => ({
      id: c.id,
      invoiceNumber: c.invoiceNumber,
      totalMinor: c.totalMinor,
      issuedAt: c.issuedAt,
    })),
    language: row.language,
    billTo: presentParty(row.billTo),
    seller: presentParty(row.seller),
    items: items.map((i) => ({
      description: i.description,
      quantity: i.quantity,
      unitPriceMinor: i.unitPriceMinor,
      discountMinor: i.discountMinor,
      taxMinor: i.taxMinor,
      totalMinor: i.totalMinor,
      periodStart: i.periodStart,
      periodEnd: i.periodEnd,
    })),
  };
}

/** The customer's billing data as printed on an invoice (frozen at issue time). */
export function billToOf(user: BillingUserRow): TParty {
  const fullName = `${user.firstName} ${user.lastName}`.trim() || user.name;
  const cityLine = [user.postalCode, user.city, user.state].filter(Boolean).join(' ');
  const address = [user.addressLine1, user.addressLine2, cityLine].filter(Boolean).join(', ');
  return {
    name: fullName,
    companyName: user.companyName ?? null,
    taxId: user.taxId ?? null,
    address: address || null,
    country: user.country ?? null,
    email: user.email,
  };
}

/**
 * Invoices: issued when orders are paid (and, later, for renewals), numbered gap-free per year inside the issuing
 * transaction, with the customer's and the seller's data frozen as they were at issue time.
 */
export function createBillingService(deps: BillingServiceDeps) {
  const { repo, settings, clock, logger } = deps;

  async function sellerAndTax(tx: DbOrTx, country?: string | null) {
    const s = await settings.getMany(
      [
        'company.name',
        'company.legalName',
        'company.address',
        'company.taxId',
        'company.email',
        'company.phone',
        'billing.invoicePrefix',
        'billing.taxName',
        'billing.taxRate',
        'billing.taxMode',
        'billing.taxRatesByCountry',
      ],
      tx,
    );
    const byCountry = s['billing.taxRatesByCountry'];
    const countryRate = country ? byCountry[country.toUpperCase()] : undefined;
    const seller: TParty = {
      name: s['company.legalName'] || s['company.name'],
      companyName: s['company.name'],
      taxId: s['company.taxId'],
      address: s['company.address'],
      email: s['company.email'],
      phone: s['company.phone'],
    };
    return {
      seller,
      prefix: s['billing.invoicePrefix'],
      taxName: s['billing.taxName'],
      taxRate: countryRate ?? s['billing.taxRate'],
      taxMode: s['billing.taxMode'] as TaxMode,
    };
  }

  /**
   * Creates and numbers one invoice unless its idempotency key exists already (then returns the existing one). The
   * row is inserted before the number is drawn, so a concurrent duplicate waits on the unique key and draws nothing.
   */
  async function issue(
    tx: DbOrTx,
    input: {
      key: string;
      userId: string;
      /** The customer row when the caller has it already (saves a query per invoice in the daily job). */
      user?: BillingUserRow;
      currency: string;
      lines: LineInput[];
      status: 'issued' | 'paid';
      paidAt?: Date | null;
      dueAt?: Date | null;
      orderId?: string | null;
      vpsInstanceId?: string | null;
      periodStart?: Date | null;
      periodEnd?: Date | null;
      transactionId?: string | null;
    },
  ): Promise<{ invoice: InvoiceRow; created: boolean }> {
    const existing = await repo.findByIdempotencyKey(tx, input.key);
    if (existing) return { invoice: existing, created: false };
    const user = input.user ?? (await repo.findUser(tx, input.userId));
    if (!user) throw notFound('User');
    const { seller, prefix, taxName, taxRate, taxMode } = await sellerAndTax(tx, user.country);
    const lines = input.lines.map((l) => computeLine(l, taxRate, taxMode));
    const totals = sumLines(lines);
    const now = clock.now();
    const inserted = await repo.insertInvoice(tx, {
      id: randomUUID(),
      type: 'invoice',
      orderId: input.orderId ?? null,
      vpsInstanceId: input.vpsInstanceId ?? null,
      userId: user.id,
      status: input.status,
      currency: input.currency,
      ...totals,
      taxName,
      taxRate,
      taxMode,
      billTo: { ...billToOf(user) },
      seller: { ...seller },
      language: languageOf(user.language),
      periodStart: input.periodStart ?? null,
      periodEnd: input.periodEnd ?? null,
      idempotencyKey: input.key,
      issuedAt: now,
      dueAt: input.dueAt ?? now,
      paidAt: input.status === 'paid' ? (input.paidAt ?? now) : null,
    });
    if (!inserted) return { invoice: (await repo.findByIdempotencyKey(tx, input.key))!, created: false };
    const year = now.getUTCFullYear();
    const value = await nextSequenceValue(tx, INVOICE_SEQUENCE_SCOPE, year);
    const numbered = await repo.updateInvoice(tx, inserted.id, {
      invoiceNumber: formatNumber(prefix, year, value),
    });
    await repo.insertItems(
      tx,
      lines.map((l, i) => ({ ...l, id: randomUUID(), invoiceId: inserted.id, sortOrder: i })),
    );
    if (input.transactionId) await repo.linkTransaction(tx, input.transactionId, inserted.id);
    return { invoice: numbered!, created: true };
  }

  async function issueForOrdersIn(tx: DbOrTx, orderIds: string[]): Promise<InvoiceRow | null> {
    const rows = await repo.ordersForInvoice(tx, orderIds);
    if (!rows.length) return null;
    const first = rows[0]!.order;
    const own = rows.filter((r) => r.order.userId === first.userId && r.order.currency === first.currency);
    if (own.length !== rows.length) {
      logger.warn(
        { orderIds },
        'orders of different customers or currencies: invoicing the first group only',
      );
    }
    const payment = await repo.paymentForOrder(tx, first.id);
    const user = await repo.findUser(tx, first.userId);
    const language = languageOf(user?.language);
    const text = INVOICE_TEXT[language];
    const now = clock.now();
    const lines: LineInput[] = [];
    let periodStart: Date | null = null;
    let periodEnd: Date | null = null;
    for (const { order, plan, regionName: catalogName, image } of own) {
      const regionName = regionLabel(language, order.region, catalogName);
      const start = order.paidAt ?? now;
      const end = addMonths(start, order.periodMonths);
      periodStart ??= start;
      periodEnd ??= end;
      const period = { periodStart: start, periodEnd: end };
      lines.push({
        description:
          `${planLabel(text, plan)} — ${text.months(order.periodMonths)} — ${text.region}: ${regionName} — ` +
          `${isoDay(start)} → ${isoDay(end)} (${text.order} ${order.orderNumber})`,
        quantity: 1,
        unitPriceMinor: order.subtotalMinor,
        ...period,
      });
      if (order.regionSurchargeMinor > 0) {
        lines.push({
          description: `${text.regionSurcharge}: ${regionName} (${text.order} ${order.orderNumber})`,
          quantity: 1,
          unitPriceMinor: order.regionSurchargeMinor,
          ...period,
        });
      }
      const license = licenseLine({
        language,
        image,
        amountMinor: order.licenseFeeMinor,
        periodMonths: order.periodMonths,
        orderNumber: order.orderNumber,
        ...period,
      });
      if (license) lines.push(license);
      if (order.setupFeeMinor > 0) {
        lines.push({
          description: `${text.setupFee} (${text.order} ${order.orderNumber})`,
          quantity: 1,
          unitPriceMinor: order.setupFeeMinor,
        });
      }
    }
    // One invoice per payment (a cart paid together is one invoice); an order paid without a recorded payment
    // gets its own.
    const key = payment ? `payment:${payment.id}` : `order:${first.id}`;
    const { invoice } = await issue(tx, {
      key,
      userId: first.userId,
      currency: first.currency,
      lines,
      status: 'paid',
      paidAt: first.paidAt ?? now,
      dueAt: first.paidAt ?? now,
      orderId: own.length === 1 ? first.id : null,
      periodStart,
      periodEnd,
      transactionId: payment?.id ?? null,
    });
    return invoice;
  }

  async function detail(row: InvoiceRow, tx: DbOrTx = repo.db): Promise<TInvoiceDetail> {
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

  /** What is still creditable on a paid invoice, and the amount asked for (checked against it). */
  function creditable(invoice: InvoiceRow, previous: InvoiceRow[], asked: number | undefined) {
    if (invoice.type !== 'invoice' || invoice.status !== 'paid')
      throw new AppError('conflict', 'Only a paid invoice takes a credit note; void an unpaid one instead');
    const left = invoice.totalMinor - previous.reduce((sum, c) => sum + c.totalMinor, 0);
    if (left <= 0) throw new AppError('conflict', 'The invoice is fully credited already');
    const amount = asked ?? left;
    if (amount > left) {
      throw new AppError('bad_request', `At most ${left} can still be credited on this invoice`, [
        { field: 'body.amountMinor', message: `must be at most ${left}` },
      ]);
    }
    return amount;
  }

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
    const amount = creditable(invoice, previous, asked);
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

  return {
    issue,
    detail,

    /** Issues the paid invoice for orders that were just paid together; idempotent (one invoice per payment). */
    async issueInvoiceForOrders(orderIds: string[], tx?: DbOrTx): Promise<InvoiceRow | null> {
      if (!orderIds.length) return null;
      if (tx) return issueForOrdersIn(tx, orderIds);
      return repo.db.transaction((dbTx) => issueForOrdersIn(dbTx, orderIds));
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
      return repo.db.transaction(async (tx) => {
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

    /**
     * Issues a credit note for a paid invoice — all of what is left of it, or part — with its own number
     * (`<prefix>-NC-<year>-NNNNNN`) that references the invoice; with `refund`, the money given back is recorded as a
     * refund transaction. Concurrent credit notes on one invoice are serialised by the invoice row lock.
     */
    async creditNote(
      invoiceId: string,
      input: TCreditNoteRequest,
      audit?: {
        /** Before money leaves through a gateway (which no rollback undoes): throws when it cannot be recorded. */
        beforeGatewayRefund: () => Promise<void>;
        audited: AuditInTx<TInvoiceDetail>;
      },
    ): Promise<TInvoiceDetail> {
      const throughGateway = input.refund && 'throughGateway' in input.refund;
      if (throughGateway) await audit?.beforeGatewayRefund();
      const viaGateway = throughGateway
        ? await refundThroughGateway(invoiceId, input.amountMinor, input.reason)
        : null;
      return repo.db.transaction(async (tx) => {
        const invoice = await repo.lockInvoice(tx, invoiceId);
        if (!invoice) throw notFound('Invoice');
        const previous = await repo.creditNotesOf(invoice.id, tx);
        const amount = viaGateway ? viaGateway.amount : creditable(invoice, previous, input.amountMinor);
        const text = INVOICE_TEXT[languageOf(invoice.language)];
        const full = amount === invoice.totalMinor;
        let lines: Array<Omit<InvoiceItemRow, 'id' | 'invoiceId' | 'sortOrder'>>;
        let totals: { subtotalMinor: number; discountMinor: number; taxMinor: number; totalMinor: number };
        if (full) {
          lines = (await repo.items(invoice.id, tx)).map(
            ({ id: _id, invoiceId: _inv, sortOrder: _s, ...l }) => l,
          );
          totals = {
            subtotalMinor: invoice.subtotalMinor,
            discountMinor: invoice.discountMinor,
            taxMinor: invoice.taxMinor,
            totalMinor: invoice.totalMinor,
          };
        } else {
          const rate = invoice.taxMinor > 0 ? (invoice.taxRate ?? 0) : 0;
          const net = roundMinor((amount * 100) / (100 + rate));
          const unit = invoice.taxMode === 'inclusive' ? amount : net;
          lines = [
            {
              description: `${text.partialCredit} — ${text.creditFor} ${invoice.invoiceNumber ?? ''}: ${input.reason}`,
              quantity: 1,
              unitPriceMinor: unit,
              discountMinor: 0,
              taxMinor: amount - net,
              totalMinor: amount,
              periodStart: null,
              periodEnd: null,
            },
          ];
          totals = { subtotalMinor: unit, discountMinor: 0, taxMinor: amount - net, totalMinor: amount };
        }
        const now = clock.now();
        // A gateway refund is keyed by the provider's refund id: a replayed refund never makes a second credit note.
        const key = viaGateway
          ? `credit:${invoice.id}:refund:${viaGateway.refund.refundId}`
          : `credit:${invoice.id}:${previous.length + 1}`;
        const existing = viaGateway ? await repo.findByIdempotencyKey(tx, key) : undefined;
        if (existing) return detail(existing, tx);
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
        const { prefix } = await sellerAndTax(tx);
        const year = now.getUTCFullYear();
        const value = await nextSequenceValue(tx, CREDIT_NOTE_SEQUENCE_SCOPE, year);
        const numbered = await repo.updateInvoice(tx, inserted.id, {
          invoiceNumber: formatNumber(`${prefix}-NC`, year, value),
        });
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
        const result = await detail(numbered!, tx);
        await audit?.audited(tx, result);
        return result;
      });
    },

    /** Accounting export: every invoice issued and every transaction created in [from, to). */
    async exportCsv(from: Date, to: Date): Promise<string> {
      if (to <= from) throw new AppError('bad_request', '`to` must be after `from`');
      const [invoiceRows, txRows] = await Promise.all([
        repo.invoicesIssuedBetween(from, to),
        repo.transactionsBetween(from, to),
      ]);
      const header = [
        'record',
        'id',
        'number',
        'date',
        'status',
        'customer_email',
        'customer_name',
        'customer_tax_id',
        'currency',
        'subtotal_minor',
        'discount_minor',
        'tax_minor',
        'total_minor',
        'provider',
        'provider_tx_id',
        'invoice_number',
        'reference',
      ];
      const lines = [csvRow(header)];
      for (const { invoice: i, email, referenceNumber } of invoiceRows) {
        const billTo = presentParty(i.billTo);
        // Credit notes are exported negative, with the invoice they correct.
        const credit = i.type === 'credit_note';
        const sign = credit ? -1 : 1;
        lines.push(
          csvRow([
            credit ? 'credit_note' : 'invoice',
            i.id,
            i.invoiceNumber,
            i.issuedAt,
            i.status,
            email,
            billTo.companyName || billTo.name,
            billTo.taxId,
            i.currency,
            sign * i.subtotalMinor,
            sign * i.discountMinor,
            sign * i.taxMinor,
            sign * i.totalMinor,
            '',
            '',
            credit ? referenceNumber : i.invoiceNumber,
            i.idempotencyKey,
          ]),
        );
      }
      for (const { tx, email, invoiceNumber } of txRows) {
        lines.push(
          csvRow([
            'transaction',
            tx.id,
            '',
            tx.createdAt,
            tx.status,
            email,
            '',
            '',
            tx.currency,
            '',
            '',
            '',
            tx.kind === 'refund' ? -tx.amountMinor : tx.amountMinor,
            tx.provider,
            tx.providerTxId,
            invoiceNumber,
            tx.reference,
          ]),
        );
      }
      return `${lines.join('\r\n')}\r\n`;
    },
  };
}

export type BillingService = ReturnType<typeof createBillingService>;
