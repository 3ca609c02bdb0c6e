import { randomUUID } from 'node:crypto';
import type { DbOrTx } from '../../db/client.ts';
import { formatNumber, nextSequenceValue } from '../../db/sequences.ts';
import { addMonths, type Clock } from '../../lib/clock.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import type { Logger } from '../../lib/logger.ts';
import { offsetOf, type TPagination } from '../../lib/pagination.ts';
import type { SettingsService } from '../settings/settings.service.ts';
import { computeLine, csvRow, sumLines, type LineInput, type TaxMode } from './billing.compute.ts';
import { INVOICE_TEXT, isoDay, languageOf } from './billing.i18n.ts';
import { renderInvoicePdf, type RenderOptions } from './billing.pdf.ts';
import type { BillingRepo, BillingUserRow, InvoiceItemRow, InvoiceRow } from './billing.repo.ts';
import type {
  TAdminInvoice,
  TAdminInvoiceQuery,
  TInvoice,
  TInvoiceDetail,
  TParty,
} from './billing.schemas.ts';

export interface BillingServiceDeps {
  repo: BillingRepo;
  settings: SettingsService;
  clock: Clock;
  logger: Logger;
}

export const INVOICE_SEQUENCE_SCOPE = 'invoice';

export function presentInvoice(row: InvoiceRow): TInvoice {
  return {
    id: row.id,
    invoiceNumber: row.invoiceNumber,
    type: row.type,
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

export function presentInvoiceDetail(row: InvoiceRow, items: InvoiceItemRow[]): TInvoiceDetail {
  return {
    ...presentInvoice(row),
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

  async function sellerAndTax(tx: DbOrTx) {
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
      ],
      tx,
    );
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
      taxRate: s['billing.taxRate'],
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
  ): Promise<InvoiceRow> {
    const existing = await repo.findByIdempotencyKey(tx, input.key);
    if (existing) return existing;
    const user = await repo.findUser(tx, input.userId);
    if (!user) throw notFound('User');
    const { seller, prefix, taxName, taxRate, taxMode } = await sellerAndTax(tx);
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
    if (!inserted) return (await repo.findByIdempotencyKey(tx, input.key))!;
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
    return numbered!;
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
    const text = INVOICE_TEXT[languageOf(user?.language)];
    const now = clock.now();
    const lines: LineInput[] = [];
    let periodStart: Date | null = null;
    let periodEnd: Date | null = null;
    for (const { order, plan, regionName } of own) {
      const start = order.paidAt ?? now;
      const end = addMonths(start, order.periodMonths);
      periodStart ??= start;
      periodEnd ??= end;
      const period = { periodStart: start, periodEnd: end };
      lines.push({
        description:
          `${text.plan} ${plan} — ${text.months(order.periodMonths)} — ${text.region}: ${regionName} — ` +
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
    return issue(tx, {
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
  }

  async function detail(row: InvoiceRow): Promise<TInvoiceDetail> {
    return presentInvoiceDetail(row, await repo.items(row.id));
  }

  async function ownInvoice(userId: string, id: string): Promise<InvoiceRow> {
    const row = await repo.findById(id);
    if (!row || row.userId !== userId || row.status === 'draft') throw notFound('Invoice');
    return row;
  }

  return {
    issue,

    /** Issues the paid invoice for orders that were just paid together; idempotent (one invoice per payment). */
    async issueInvoiceForOrders(orderIds: string[], tx?: DbOrTx): Promise<InvoiceRow | null> {
      if (!orderIds.length) return null;
      if (tx) return issueForOrdersIn(tx, orderIds);
      return repo.db.transaction((dbTx) => issueForOrdersIn(dbTx, orderIds));
    },

    async listOwn(userId: string, page: TPagination) {
      const { rows, total } = await repo.listForUser(userId, page.pageSize, offsetOf(page));
      return { items: rows.map(presentInvoice), total };
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
      if (!row || row.status === 'draft' || (row.userId !== viewer.id && viewer.role !== 'admin'))
        throw notFound('Invoice');
      const body = await renderInvoicePdf(await detail(row), options);
      return { filename: `${row.invoiceNumber ?? row.id}.pdf`, body };
    },

    async listForAdmin(query: TAdminInvoiceQuery): Promise<{ items: TAdminInvoice[]; total: number }> {
      const { rows, total } = await repo.listForAdmin({
        ...(query.status ? { status: query.status } : {}),
        ...(query.search ? { search: query.search } : {}),
        ...(query.from ? { from: query.from } : {}),
        ...(query.to ? { to: query.to } : {}),
        limit: query.pageSize,
        offset: offsetOf(query),
      });
      return {
        items: rows.map((r) => ({
          ...presentInvoice(r.invoice),
          userId: r.invoice.userId,
          customerEmail: r.email,
        })),
        total,
      };
    },

    /** Voids an unpaid invoice; a paid one is corrected with a credit note instead. */
    async voidInvoice(id: string): Promise<TInvoiceDetail> {
      return repo.db.transaction(async (tx) => {
        const row = await repo.findById(id, tx);
        if (!row) throw notFound('Invoice');
        if (row.status === 'void') throw new AppError('conflict', 'The invoice is already void');
        if (row.status === 'paid')
          throw new AppError('conflict', 'A paid invoice cannot be voided; issue a credit note instead');
        const updated = await repo.updateInvoice(tx, id, { status: 'void', voidedAt: clock.now() });
        return presentInvoiceDetail(updated!, await repo.items(id, tx));
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
      for (const { invoice: i, email } of invoiceRows) {
        const billTo = presentParty(i.billTo);
        lines.push(
          csvRow([
            'invoice',
            i.id,
            i.invoiceNumber,
            i.issuedAt,
            i.status,
            email,
            billTo.companyName || billTo.name,
            billTo.taxId,
            i.currency,
            i.subtotalMinor,
            i.discountMinor,
            i.taxMinor,
            i.totalMinor,
            '',
            '',
            i.invoiceNumber,
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
