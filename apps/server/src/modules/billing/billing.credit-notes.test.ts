import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import { createLogger } from '../../lib/logger.ts';
import { createBillingWorld, invoiceRow } from '../../../test/fakes/billing.ts';
import { createCreditNotes } from './billing.credit-notes.ts';
import { creditableAmount, creditNoteContent } from './billing.credit-split.ts';
import { presentInvoiceDetail } from './billing.presenter.ts';
import type { InvoiceItemRow, InvoiceRow } from './billing.repo.ts';

const USER = '00000000-0000-4000-8000-000000000001';

/** A paid invoice of 100.00 net at `rate` %, tax added on top (exclusive) or contained (inclusive). */
function paidInvoice(rate: number, mode: 'exclusive' | 'inclusive', overrides: Partial<InvoiceRow> = {}) {
  const net = 10_000;
  const tax = Math.round((net * rate) / 100);
  return invoiceRow({
    userId: USER,
    status: 'paid',
    invoiceNumber: 'CV-2026-000007',
    taxRate: rate,
    taxMode: mode,
    subtotalMinor: mode === 'exclusive' ? net : net + tax,
    taxMinor: tax,
    totalMinor: net + tax,
    ...overrides,
  });
}

const line = (invoiceId: string, sortOrder: number, unit: number, tax: number): InvoiceItemRow => ({
  id: `item-${sortOrder}`,
  invoiceId,
  description: `line ${sortOrder}`,
  quantity: 1,
  unitPriceMinor: unit,
  discountMinor: 0,
  taxMinor: tax,
  totalMinor: unit + tax,
  periodStart: null,
  periodEnd: null,
  sortOrder,
});

describe('credit-note tax split', () => {
  it('crediting the whole invoice copies its lines and totals', () => {
    const invoice = paidInvoice(21, 'exclusive');
    const items = [line(invoice.id, 0, 8_000, 1_680), line(invoice.id, 1, 2_000, 420)];
    const { lines, totals } = creditNoteContent(invoice, items, 12_100, 'unused');
    expect(totals).toEqual({ subtotalMinor: 10_000, discountMinor: 0, taxMinor: 2_100, totalMinor: 12_100 });
    expect(lines.map((l) => [l.description, l.unitPriceMinor, l.taxMinor, l.totalMinor])).toEqual([
      ['line 0', 8_000, 1_680, 9_680],
      ['line 1', 2_000, 420, 2_420],
    ]);
  });

  it('a partial credit on a tax-exclusive invoice is one line priced net, with the tax at the invoice rate', () => {
    const { lines, totals } = creditNoteContent(paidInvoice(21, 'exclusive'), [], 5_000, 'Partial credit');
    // 50.00 gross at 21 %: 41.3223… net → 41.32, tax 8.68.
    expect(totals).toEqual({ subtotalMinor: 4_132, discountMinor: 0, taxMinor: 868, totalMinor: 5_000 });
    expect(lines).toEqual([
      {
        description: 'Partial credit',
        quantity: 1,
        unitPriceMinor: 4_132,
        discountMinor: 0,
        taxMinor: 868,
        totalMinor: 5_000,
        periodStart: null,
        periodEnd: null,
      },
    ]);
  });

  it('a partial credit on a tax-inclusive invoice is priced gross, with the same tax split', () => {
    const { lines, totals } = creditNoteContent(paidInvoice(21, 'inclusive'), [], 5_000, 'Partial credit');
    expect(totals).toEqual({ subtotalMinor: 5_000, discountMinor: 0, taxMinor: 868, totalMinor: 5_000 });
    expect(lines[0]).toMatchObject({ unitPriceMinor: 5_000, taxMinor: 868, totalMinor: 5_000 });
  });

  it('rounds the net to the cent, half away from zero, and the tax is what is left of the amount', () => {
    const split = (rate: number, amount: number) => {
      const { totals } = creditNoteContent(paidInvoice(rate, 'exclusive'), [], amount, '');
      return [totals.subtotalMinor, totals.taxMinor];
    };
    expect(split(25, 999)).toEqual([799, 200]); // 799.2 → 799
    expect(split(25, 1_001)).toEqual([801, 200]); // 800.8 → 801
    expect(split(4, 13)).toEqual([13, 0]); // 12.5 → 13
    expect(split(10.5, 1_000)).toEqual([905, 95]); // 904.977… → 905
  });

  it('two partial credits that add up to the invoice give back exactly its tax', () => {
    const invoice = paidInvoice(21, 'exclusive');
    const half = creditNoteContent(invoice, [], 6_050, '').totals;
    expect(half).toMatchObject({ subtotalMinor: 5_000, taxMinor: 1_050 });
    expect(half.taxMinor * 2).toBe(invoice.taxMinor);
  });

  it('an invoice that charged no tax is credited without tax, whatever its rate says', () => {
    const invoice = paidInvoice(21, 'exclusive', { taxMinor: 0, totalMinor: 10_000 });
    expect(creditNoteContent(invoice, [], 3_000, '').totals).toMatchObject({
      subtotalMinor: 3_000,
      taxMinor: 0,
      totalMinor: 3_000,
    });
  });

  it('credits at most what is left, only on a paid invoice, and all of what is left by default', () => {
    const invoice = paidInvoice(21, 'exclusive');
    const earlier = [invoiceRow({ userId: USER, type: 'credit_note', totalMinor: 5_000 })];
    expect(creditableAmount(invoice, earlier, undefined)).toBe(7_100);
    expect(creditableAmount(invoice, earlier, 7_100)).toBe(7_100);
    expect(() => creditableAmount(invoice, earlier, 7_101)).toThrow(AppError);
    expect(() => creditableAmount({ ...invoice, status: 'issued' }, [], 100)).toThrow(/void an unpaid one/);
    const all = [invoiceRow({ userId: USER, type: 'credit_note', totalMinor: 12_100 })];
    expect(() => creditableAmount(invoice, all, undefined)).toThrow(/fully credited/);
  });
});

describe('issuing credit notes over an in-memory store', () => {
  function setUp() {
    const world = createBillingWorld();
    const credits = createCreditNotes({
      repo: world.repo,
      clock: new ManualClock('2026-05-04T10:00:00Z'),
      logger: createLogger('silent'),
      invoicePrefix: async () => 'CV',
      detail: async (row) => presentInvoiceDetail(row, await world.repo.items(row.id)),
    });
    const invoice = world.addInvoice(paidInvoice(21, 'exclusive'));
    world.addItem(line(invoice.id, 0, 8_000, 1_680));
    world.addItem(line(invoice.id, 1, 2_000, 420));
    return { world, credits, invoice };
  }

  it('numbers a partial note in its own series and records the refund made elsewhere', async () => {
    const { world, credits, invoice } = setUp();
    const note = await credits.creditNote(invoice.id, {
      reason: 'Downtime',
      amountMinor: 5_000,
      refund: { provider: 'bank_transfer', reference: 'TR-9' },
    });
    expect(note).toMatchObject({
      type: 'credit_note',
      invoiceNumber: 'CV-NC-2026-000001',
      referenceInvoiceId: invoice.id,
      subtotalMinor: 4_132,
      taxMinor: 868,
      totalMinor: 5_000,
    });
    expect(note.items).toHaveLength(1);
    expect(world.tables.transactions).toMatchObject([
      {
        kind: 'refund',
        provider: 'bank_transfer',
        amountMinor: 5_000,
        reference: 'TR-9',
        status: 'succeeded',
      },
    ]);

    // The rest, by default: a second partial note (the invoice is no longer credited whole).
    const rest = await credits.creditNote(invoice.id, { reason: 'Closing' });
    expect(rest).toMatchObject({ invoiceNumber: 'CV-NC-2026-000002', subtotalMinor: 5_868, taxMinor: 1_232 });
    await expect(credits.creditNote(invoice.id, { reason: 'Again' })).rejects.toThrow(/fully credited/);
  });

  it('a note for the whole invoice carries its lines', async () => {
    const { credits, invoice } = setUp();
    const note = await credits.creditNote(invoice.id, { reason: 'Cancelled' });
    expect(note).toMatchObject({ subtotalMinor: 10_000, taxMinor: 2_100, totalMinor: 12_100 });
    expect(note.items.map((i) => i.totalMinor)).toEqual([9_680, 2_420]);
  });
});
