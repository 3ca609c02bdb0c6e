import { describe, expect, it } from 'vitest';
import {
  GATEWAYS,
  gatewaySchema,
  gatewayUpdate,
  gatewayValues,
  type GatewayDescription,
} from './gateways.ts';

const gateway = (id: string): GatewayDescription => {
  const found = GATEWAYS.find((g) => g.id === id);
  if (!found) throw new Error(`no gateway ${id}`);
  return found;
};
const stripe = gateway('stripe');
const mercadopago = gateway('mercadopago');
const paypal = gateway('paypal');

/** The i18n keys of the problems the form shows, by field. */
function problems(g: GatewayDescription, values: Record<string, unknown>) {
  const result = gatewaySchema(g).safeParse({
    ...gatewayValues(g, { source: null, currency: 'ARS', exchangeRate: 1000 }),
    ...values,
  });
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((issue) => [issue.path.join('.'), issue.message]));
}

describe('payment gateway descriptions', () => {
  it('describe the three gateways in the order the page shows them, with their keys', () => {
    expect(GATEWAYS.map((g) => g.id)).toEqual(['stripe', 'mercadopago', 'paypal']);
    expect(stripe.fields.map((f) => [f.name, f.secret, f.required])).toEqual([
      ['secretKey', true, true],
      ['webhookSecret', true, true],
    ]);
    expect(paypal.fields.map((f) => [f.name, f.secret, f.required])).toEqual([
      ['clientId', true, true],
      ['clientSecret', true, true],
      ['webhookId', false, false],
      ['mode', false, false],
    ]);
    expect(mercadopago.exchange).toBe(true);
    expect(GATEWAYS.filter((g) => g.exchange)).toHaveLength(1);
  });

  it('start empty (stored keys are never shown), with the stored exchange settings', () => {
    expect(gatewayValues(stripe, { source: 'settings' })).toEqual({
      remove: false,
      secretKey: '',
      webhookSecret: '',
    });
    expect(gatewayValues(paypal, { source: null })).toMatchObject({ mode: 'live', clientId: '' });
    expect(gatewayValues(mercadopago, { source: 'env', currency: 'ARS', exchangeRate: 1050.5 })).toEqual({
      remove: false,
      accessToken: '',
      webhookSecret: '',
      currency: 'ARS',
      exchangeRate: '1050.5',
    });
  });
});

describe('gateway form checks', () => {
  it('require every required key unless the stored keys are removed', () => {
    expect(problems(stripe, {})).toEqual({
      secretKey: 'validation.required',
      webhookSecret: 'validation.required',
    });
    expect(problems(stripe, { secretKey: ' sk_test_1 ' })).toEqual({ webhookSecret: 'validation.required' });
    expect(problems(stripe, { remove: true })).toEqual({});
    expect(problems(paypal, { clientId: 'id', clientSecret: 'secret' })).toEqual({});
    expect(problems(paypal, { clientId: 'id', clientSecret: 'secret', mode: 'test' })).toHaveProperty('mode');
  });

  it('cap key length and trim blanks', () => {
    expect(problems(stripe, { secretKey: 'x'.repeat(301), webhookSecret: 'w' })).toEqual({
      secretKey: 'validation.tooLong',
    });
    expect(problems(stripe, { secretKey: '   ', webhookSecret: 'w' })).toEqual({
      secretKey: 'validation.required',
    });
  });

  it('store a webhook secret only with an access token, and check currency and rate', () => {
    expect(problems(mercadopago, {})).toEqual({});
    expect(problems(mercadopago, { webhookSecret: 'whsec' })).toEqual({ accessToken: 'validation.required' });
    expect(problems(mercadopago, { currency: 'AR', exchangeRate: '0' })).toEqual({
      currency: 'validation.currency',
      exchangeRate: 'validation.exchangeRate',
    });
    expect(problems(mercadopago, { exchangeRate: '1.2.3' })).toEqual({
      exchangeRate: 'validation.exchangeRate',
    });
    expect(problems(mercadopago, { currency: 'brl', exchangeRate: '5,25' })).toEqual({});
  });
});

describe('gateway settings update', () => {
  it('sends the typed keys, or empty ones when the stored keys are removed', () => {
    const typed = { remove: false, secretKey: 'sk', webhookSecret: 'wh' };
    expect(gatewayUpdate(stripe, null, typed)).toEqual({ stripe: { secretKey: 'sk', webhookSecret: 'wh' } });
    expect(gatewayUpdate(stripe, 'settings', { ...typed, remove: true })).toEqual({
      stripe: { secretKey: '', webhookSecret: '' },
    });
    expect(
      gatewayUpdate(paypal, 'settings', {
        remove: true,
        clientId: 'a',
        clientSecret: 'b',
        webhookId: 'c',
        mode: 'sandbox',
      }),
    ).toEqual({ paypal: { clientId: '', clientSecret: '', webhookId: '', mode: 'live' } });
    expect(
      gatewayUpdate(paypal, null, {
        remove: false,
        clientId: 'a',
        clientSecret: 'b',
        webhookId: '',
        mode: 'sandbox',
      }),
    ).toEqual({ paypal: { clientId: 'a', clientSecret: 'b', webhookId: '', mode: 'sandbox' } });
  });

  it('always sends the exchange settings, and optional keys only when typed and not from the environment', () => {
    const base = { remove: false, accessToken: '', webhookSecret: '', currency: 'brl', exchangeRate: '5,25' };
    expect(gatewayUpdate(mercadopago, 'settings', base)).toEqual({
      mercadopago: { currency: 'BRL', exchangeRate: 5.25 },
    });
    expect(
      gatewayUpdate(mercadopago, null, { ...base, accessToken: 'APP_USR', webhookSecret: 'sec' }),
    ).toEqual({
      mercadopago: { currency: 'BRL', exchangeRate: 5.25, accessToken: 'APP_USR', webhookSecret: 'sec' },
    });
    expect(gatewayUpdate(mercadopago, 'settings', { ...base, remove: true })).toEqual({
      mercadopago: { currency: 'BRL', exchangeRate: 5.25, accessToken: '', webhookSecret: '' },
    });
    // Keys from the environment are never sent, whatever the form holds.
    expect(gatewayUpdate(mercadopago, 'env', { ...base, accessToken: 'APP_USR', remove: true })).toEqual({
      mercadopago: { currency: 'BRL', exchangeRate: 5.25 },
    });
  });
});
