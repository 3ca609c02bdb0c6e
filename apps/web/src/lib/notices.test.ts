import i18next, { type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import en from '../i18n/en.json';
import es from '../i18n/es.json';
import { ADMIN_TASK_EXAMPLES, ADMIN_TASK_TYPES, adminTaskText } from './adminTasks.ts';
import { formatDate, formatMoney } from './format.ts';
import { NOTICE_EXAMPLES, NOTICE_TYPES, noticeOptions, noticeText, type NoticeNames } from './notices.ts';

const LANGUAGES = ['es', 'en'] as const;

/** An i18next like the app's, with no fallback language: a key missing in one language stays missing. */
async function setup() {
  const missing: string[] = [];
  const i18n = i18next.createInstance();
  await i18n.init({
    resources: { es: { translation: es }, en: { translation: en } },
    lng: 'es',
    fallbackLng: false,
    interpolation: { escapeValue: false },
    missingInterpolationHandler: (text, match) => {
      missing.push(`${String(match[1])} in "${text}"`);
      return '';
    },
  });
  const fixed = (lng: string) => i18n.getFixedT(lng) as unknown as TFunction;
  const names = (lng: string): NoticeNames => ({
    money: (minor, currency) => formatMoney(minor, currency, lng === 'en' ? 'en-US' : 'es-419'),
    date: (iso) => formatDate(iso, lng === 'en' ? 'en-US' : 'es-419'),
  });
  return { i18n, missing, fixed, names };
}

/** Text that still holds a placeholder, a key instead of its words, or nothing at all. */
const unrendered = (text: string) => !text.trim() || /{{|}}|notices\.|adminTasks\./.test(text);

describe('in-app notification texts', () => {
  it('renders every notice type in Spanish and English with all its parameters', async () => {
    const { i18n, missing, fixed, names } = await setup();
    for (const lng of LANGUAGES) {
      const t = fixed(lng);
      for (const type of NOTICE_TYPES) {
        const options = noticeOptions(NOTICE_EXAMPLES[type], names(lng), t);
        for (const part of ['title', 'body'] as const) {
          const key = `notices.${type}.${part}`;
          expect(i18n.exists(key, { lng, ...options }), `${lng} ${key}`).toBe(true);
        }
        const text = noticeText(
          { type, title: 'stored', body: 'stored', params: NOTICE_EXAMPLES[type] },
          names(lng),
          t,
        );
        for (const part of [text.title, text.body]) {
          expect(unrendered(part), `${lng} ${type}: ${part}`).toBe(false);
          expect(part).not.toBe('stored');
        }
      }
    }
    expect(missing, 'placeholders without a value').toEqual([]);
  });

  it('formats amounts, dates, providers and Contabo outcomes in the reader’s language', async () => {
    const { fixed, names } = await setup();
    const render = (lng: 'es' | 'en', type: keyof typeof NOTICE_EXAMPLES) =>
      noticeText({ type, title: '', body: '', params: NOTICE_EXAMPLES[type] }, names(lng), fixed(lng));
    expect(render('en', 'ticket.new').title).toBe('New ticket T-000042: No arranca');
    expect(render('es', 'ticket.new').title).toBe('Nuevo ticket T-000042: No arranca');
    expect(render('en', 'renewal.overdue').body).toContain('$12.99');
    expect(render('es', 'renewal.overdue').body).toContain(formatMoney(1299, 'USD', 'es-419'));
    expect(render('en', 'invoice.issued').body).toMatch(/Renewal for \$12\.99, due on Mar (9|10), 2026\./);
    expect(render('en', 'contabo.error').body).toMatch(
      /^GET \/v1\/compute\/instances → 503 \(server error\)\./,
    );
    expect(render('es', 'contabo.error').body).toContain('503 (error del servidor)');
    expect(render('es', 'renewal.payment_failed').body).toBe(
      'Stripe rechazó el pago de la factura CV-2026-000012.',
    );
    expect(render('en', 'order.paid')).toEqual({
      title: 'Orders paid, ready to fulfil',
      body: '2 orders paid with Test payment.',
    });
  });

  it('shows a notification stored without params (or of an unknown type) as it was written', async () => {
    const { fixed, names } = await setup();
    const old = {
      type: 'ticket.new',
      title: 'Nuevo ticket T-1: x',
      body: 'Ana abrió un ticket.',
      params: null,
    };
    expect(noticeText(old, names('en'), fixed('en'))).toEqual({ title: old.title, body: old.body });
    const unknown = { ...old, type: 'something.new', params: { a: 1 } };
    expect(noticeText(unknown, names('en'), fixed('en'))).toEqual({ title: old.title, body: old.body });
  });
});

describe('admin task texts', () => {
  it('renders every task type and variant in Spanish and English with all its parameters', async () => {
    const { missing, fixed } = await setup();
    for (const lng of LANGUAGES) {
      for (const type of ADMIN_TASK_TYPES) {
        for (const params of ADMIN_TASK_EXAMPLES[type]) {
          const text = adminTaskText({ type, title: 'stored', params }, fixed(lng));
          for (const part of [text.label, text.title, ...text.lines]) {
            expect(unrendered(part), `${lng} ${type}: ${part}`).toBe(false);
          }
          expect(text.title).toContain(String(params.instanceId));
          expect(text.lines.length, `${lng} ${type} ${JSON.stringify(params)}`).toBe(params.apiError ? 2 : 1);
        }
      }
    }
    expect(missing, 'placeholders without a value').toEqual([]);
  });

  it('reads the Contabo cancellation in English, and an old task as stored', async () => {
    const { fixed } = await setup();
    const [unpaid] = ADMIN_TASK_EXAMPLES.contabo_cancel;
    expect(adminTaskText({ type: 'contabo_cancel', title: '', params: unpaid }, fixed('en'))).toEqual({
      label: 'Contabo cancellation',
      title: 'Cancel instance 100001 (web-01) at Contabo',
      lines: ['The service ended after 14 days suspended for an unpaid invoice.'],
    });
    const old = { type: 'contabo_cancel', title: 'Cancelar en Contabo la instancia 7', params: null };
    expect(adminTaskText(old, fixed('en'))).toMatchObject({ title: old.title, lines: [] });
  });
});
