import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../lib/money.ts';
import { CUSTOMER_NOTICE_TYPES, STAFF_NOTICE_TYPES, customerNotice, staffNotice } from './in-app.ts';

// The web renders each notice the server writes (`notices.<type>.title|body`, es and en) from its params; it is read
// as files here, since the server never imports the web app. The web's own test renders every type with examples.
const web = (file: string) => readFileSync(new URL(`../../../../web/src/${file}`, import.meta.url), 'utf8');
type Tree = { [key: string]: string | Tree };
const catalogue = (language: string) => JSON.parse(web(`i18n/${language}.json`)) as Tree;
const at = (tree: Tree, path: string): Tree => path.split('.').reduce((node, key) => node[key] as Tree, tree);

/** A template's placeholders, and the params the web computes them from (see apps/web/src/lib/notices.ts). */
const placeholders = (text: string) => [...text.matchAll(/{{\s*(\w+)/g)].map((m) => m[1]!);
const FROM: Record<string, string> = {
  amount: 'amountMinor',
  reported: 'reportedMinor',
  expected: 'expectedMinor',
  result: 'outcome',
};

const when = new Date('2026-03-10T00:00:00Z');
const ticket = { ticketId: 't1', number: 'T-000042', subject: 'No arranca', customer: 'Ana' };
const written = [
  customerNotice.serverReady('u1', 'en', { serverName: 'web-01', vpsId: 'v1', ip: '203.0.113.10' }),
  customerNotice.invoiceIssued('u1', 'es', {
    invoiceId: 'i1',
    invoiceNumber: 'CV-2026-000012',
    totalMinor: 1299,
    currency: 'USD',
    dueAt: when,
  }),
  customerNotice.suspensionWarning('u1', 'en', {
    invoiceId: 'i1',
    serverName: 'web-01',
    invoiceNumber: 'CV-2026-000012',
    suspendAt: when,
  }),
  customerNotice.suspended('u1', 'es', { invoiceId: 'i1', serverName: 'web-01' }),
  staffNotice.ticketNew(ticket),
  staffNotice.ticketCustomerReply(ticket),
  staffNotice.renewalOverdue({
    invoiceNumber: 'CV-2026-000012',
    serverName: 'web-01',
    customer: 'ana@example.com',
    totalMinor: 1299,
    currency: 'USD',
  }),
  staffNotice.renewalPaymentFailed({ reference: 'CV-2026-000012', provider: 'stripe' }),
  staffNotice.contaboError({ operation: 'GET /x', outcome: 'timeout', status: null, windowMinutes: 15 }),
  staffNotice.ordersPaid({ count: 1, provider: 'sandbox' }),
  staffNotice.paymentMismatch({
    paymentId: 'p1',
    provider: 'stripe',
    reported: { amountMinor: 4499, currency: 'USD' },
    expected: { amountMinor: 4599, currency: 'USD' },
  }),
  ...(['payment.duplicate_refunded', 'payment.invoice_already_paid'] as const).map((type) =>
    staffNotice.duplicateRefunded({
      type,
      paymentId: 'p1',
      provider: 'stripe',
      reference: 'P-2026-000007',
      amountMinor: 4599,
      currency: 'USD',
    }),
  ),
  staffNotice.autoRefundFailed({ paymentId: 'p1', provider: 'stripe', reference: 'P-1', error: 'refused' }),
];

describe('in-app notice codes', () => {
  it('every notice is written as a known type with its params, and a fallback text', () => {
    const types = [...CUSTOMER_NOTICE_TYPES, ...STAFF_NOTICE_TYPES] as string[];
    expect(new Set(written.map((n) => n.type))).toEqual(new Set(types));
    for (const note of written) {
      expect(note.params, note.type).toBeTruthy();
      expect(note.title.length, note.type).toBeGreaterThan(0);
      expect(note.title.length, note.type).toBeLessThanOrEqual(255);
    }
  });

  it('the web knows every type and translates it in both languages from the params the server writes', () => {
    const known = web('lib/notices.ts');
    for (const language of ['es', 'en']) {
      const notices = at(catalogue(language), 'notices');
      for (const note of written) {
        expect(known, `web NOTICE_TYPES: ${note.type}`).toContain(`'${note.type}'`);
        const texts = at(notices, note.type);
        for (const part of ['title', 'body']) {
          const variants = [texts[part], texts[`${part}_one`], texts[`${part}_other`]].filter(Boolean);
          expect(variants.length, `${language} notices.${note.type}.${part}`).toBeGreaterThan(0);
          for (const name of variants.flatMap((text) => placeholders(text as string))) {
            expect(note.params, `${language} ${note.type} {{${name}}}`).toHaveProperty(FROM[name] ?? name);
          }
        }
      }
    }
  });

  it('the fallback text is Spanish for staff, in the customer’s language for them, with money and days in words', () => {
    expect(written.find((n) => n.type === 'renewal.overdue')!.body).toContain(formatMoney(1299, 'USD', 'es'));
    expect(written.find((n) => n.type === 'payment.mismatch')!.body).toMatch(/se esperaba/);
    expect(written.find((n) => n.type === 'invoice.issued')!.body).toContain('10 de marzo de 2026');
  });
});
