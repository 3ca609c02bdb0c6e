import { randomUUID } from 'node:crypto';
import type { DbOrTx } from '../../db/client.ts';
import { addMonths, type Clock } from '../../lib/clock.ts';
import { notFound } from '../../lib/errors.ts';
import type { Logger } from '../../lib/logger.ts';
import { COMPANY_PARTY_KEYS } from '../../settings/settings.registry.ts';
import type { SettingsService } from '../../settings/settings.service.ts';
import { computeLine, sumLines, type LineInput, type TaxMode } from './billing.compute.ts';
import { INVOICE_TEXT, isoDay, languageOf, planLabel, regionLabel } from './billing.i18n.ts';
import { licenseLine } from './billing.license.ts';
import type { InvoicesRepo } from './billing.invoices.repo.ts';
import { billToOf } from './billing.presenter.ts';
import type { BillingUserRow, InvoiceRow } from './billing.repo.ts';
import type { TParty } from './billing.schemas.ts';

export const INVOICE_SEQUENCE_SCOPE = 'invoice';
export const CREDIT_NOTE_SEQUENCE_SCOPE = 'credit_note';

/** What issuing reads and writes. */
export type IssuingRepo = Pick<
  InvoicesRepo,
  | 'findByIdempotencyKey'
  | 'findUser'
  | 'insertInvoice'
  | 'updateInvoice'
  | 'insertItems'
  | 'linkTransaction'
  | 'nextNumber'
  | 'ordersForInvoice'
  | 'paymentForOrder'
>;

export interface IssueInput {
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
}

/**
 * Issuing invoices: numbered gap-free per year inside the caller's transaction, with the customer's and the seller's
 * data frozen as they were at issue time and the tax of the customer's country.
 */
export function createInvoiceIssuer(deps: {
  repo: IssuingRepo;
  settings: Pick<SettingsService, 'getMany'>;
  clock: Clock;
  logger: Logger;
}) {
  const { repo, settings, clock, logger } = deps;

  async function sellerAndTax(tx: DbOrTx, country?: string | null) {
    const s = await settings.getMany(
      [
        ...COMPANY_PARTY_KEYS,
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
  async function issue(tx: DbOrTx, input: IssueInput): Promise<{ invoice: InvoiceRow; created: boolean }> {
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
    const invoiceNumber = await repo.nextNumber(tx, INVOICE_SEQUENCE_SCOPE, prefix, now.getUTCFullYear());
    const numbered = await repo.updateInvoice(tx, inserted.id, { invoiceNumber });
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

  return { sellerAndTax, issue, issueForOrdersIn };
}

export type InvoiceIssuer = ReturnType<typeof createInvoiceIssuer>;
