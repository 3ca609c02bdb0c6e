import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currencyDigits, majorToMinor, minorToMajor, minorToMajorNumber } from './amounts.ts';
import { startPaymentFakes, type PaymentFakes } from './fakes/index.ts';
import { assertCheckoutRequest, GatewayError, headerValue } from './gateway.ts';
import { createPaymentGateways, paymentGatewayOptionsFromEnv } from './index.ts';

describe('minor ↔ major', () => {
  it('USD has 2 decimals', () => {
    expect(minorToMajor(1234, 'USD')).toBe('12.34');
    expect(minorToMajor(5, 'USD')).toBe('0.05');
    expect(minorToMajor(100, 'USD')).toBe('1.00');
    expect(minorToMajor(0, 'USD')).toBe('0.00');
    expect(majorToMinor('12.34', 'USD')).toBe(1234);
    expect(majorToMinor('0.05', 'USD')).toBe(5);
    expect(majorToMinor('12', 'USD')).toBe(1200);
    expect(majorToMinor('12.3', 'USD')).toBe(1230);
  });

  it('JPY and CLP have none', () => {
    expect(currencyDigits('JPY')).toBe(0);
    expect(minorToMajor(1500, 'JPY')).toBe('1500');
    expect(majorToMinor('1500', 'JPY')).toBe(1500);
    expect(minorToMajor(25_990, 'CLP')).toBe('25990');
    expect(majorToMinor(25_990, 'CLP')).toBe(25_990);
    expect(minorToMajorNumber(25_990, 'clp')).toBe(25_990);
  });

  it('COP has 2 (ISO 4217)', () => {
    expect(minorToMajor(8_990_050, 'COP')).toBe('89900.50');
    expect(minorToMajorNumber(8_990_050, 'COP')).toBe(89_900.5);
    expect(majorToMinor(89_900.5, 'COP')).toBe(8_990_050);
  });

  it('has none of the float traps of amount / 100', () => {
    // 0.1 + 0.2, 1.005 and 4.35 are the classic binary-float failures
    expect(majorToMinor(0.1 + 0.2, 'USD')).toBe(30);
    expect(majorToMinor(4.35, 'USD')).toBe(435);
    expect(majorToMinor('1.005', 'USD')).toBe(101); // half away from zero, like lib/money
    expect(majorToMinor('-1.005', 'USD')).toBe(-101);
    expect(majorToMinor(1.15, 'USD')).toBe(115);
    for (let minor = 0; minor < 100_000; minor += 7) {
      expect(majorToMinor(minorToMajorNumber(minor, 'USD'), 'USD')).toBe(minor);
    }
  });

  it('round-trips large amounts exactly', () => {
    expect(minorToMajor(999_999_999_99, 'USD')).toBe('999999999.99');
    expect(majorToMinor('999999999.99', 'USD')).toBe(999_999_999_99);
    expect(minorToMajor(-1234, 'USD')).toBe('-12.34');
  });

  it('rejects what is not an amount', () => {
    expect(() => minorToMajor(12.5, 'USD')).toThrow(RangeError);
    expect(() => majorToMinor('12,34', 'USD')).toThrow(RangeError);
    expect(() => majorToMinor('1e3', 'USD')).toThrow(RangeError);
    expect(() => majorToMinor(Number.NaN, 'USD')).toThrow(RangeError);
    expect(() => minorToMajor(1, 'US')).toThrow(/ISO 4217/);
    expect(() => majorToMinor('99999999999999999', 'USD')).toThrow(/out of range/);
  });

  it('handles tiny numbers printed in exponent form', () => {
    expect(majorToMinor(1e-7, 'USD')).toBe(0);
  });
});

describe('checkout request validation', () => {
  const valid = {
    paymentId: 'p1',
    amountMinor: 100,
    currency: 'USD',
    description: 'x',
    customerEmail: 'a@b.c',
    returnUrl: 'https://x.test/r',
    cancelUrl: 'https://x.test/c',
  };

  it('accepts a valid request and lists every problem of a bad one', () => {
    expect(() => assertCheckoutRequest('stripe', valid)).not.toThrow();
    const error = (() => {
      try {
        assertCheckoutRequest('paypal', {
          ...valid,
          amountMinor: 0,
          currency: 'usd',
          cancelUrl: '/relative',
        });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ provider: 'paypal', retryable: false });
    expect((error as Error).message).toMatch(/amountMinor.*currency.*cancelUrl/);
  });

  it('reads headers case-insensitively', () => {
    expect(headerValue({ 'X-Signature': ['a', 'b'] }, 'x-signature')).toBe('a');
    expect(headerValue({ 'x-request-id': '  ' }, 'x-request-id')).toBeUndefined();
  });
});

describe('createPaymentGateways', () => {
  let fakes: PaymentFakes;
  beforeAll(async () => {
    fakes = await startPaymentFakes();
  });
  afterAll(async () => {
    await fakes.close();
  });

  it('builds only the configured providers', () => {
    expect(Object.keys(createPaymentGateways({}))).toEqual([]);
    const gateways = createPaymentGateways({ mercadopago: fakes.mercadopago.gatewayOptions() });
    expect(Object.keys(gateways)).toEqual(['mercadopago']);
    expect(gateways.mercadopago?.provider).toBe('mercadopago');
  });

  it('maps env config to options', () => {
    expect(paymentGatewayOptionsFromEnv({})).toEqual({});
    expect(
      paymentGatewayOptionsFromEnv({
        STRIPE_SECRET_KEY: 'sk',
        STRIPE_WEBHOOK_SECRET: 'whsec',
        MERCADOPAGO_ACCESS_TOKEN: 'APP_USR',
        PAYPAL_CLIENT_ID: 'id',
        PAYPAL_CLIENT_SECRET: 'secret',
        PAYPAL_MODE: 'sandbox',
      }),
    ).toEqual({
      stripe: { secretKey: 'sk', webhookSecret: 'whsec' },
      mercadopago: { accessToken: 'APP_USR', webhookSecret: undefined },
      paypal: { clientId: 'id', clientSecret: 'secret', webhookId: undefined, mode: 'sandbox' },
    });
  });

  it('runs one checkout through every fake with the same interface', async () => {
    const gateways = createPaymentGateways({ ...fakes.gatewayOptions(), timeoutMs: 5000 });
    for (const gateway of Object.values(gateways)) {
      const session = await gateway.createCheckout({
        paymentId: crypto.randomUUID(),
        amountMinor: 4794,
        currency: 'MXN',
        description: 'Pedido CV-2026-000045 — VPS 10 NVMe, 12 meses',
        customerEmail: 'ana@example.com',
        returnUrl: 'https://cloudvertice.test/pago/retorno',
        cancelUrl: 'https://cloudvertice.test/carrito',
      });
      expect(session.redirectUrl.startsWith('http://127.0.0.1:')).toBe(true);
      const res = await fetch(session.redirectUrl, { redirect: 'manual' });
      const query = Object.fromEntries(new URL(res.headers.get('location')!).searchParams);
      const payment = await gateway.confirmOnReturn(session.providerTxId, query);
      expect(payment).toMatchObject({ status: 'succeeded', amountMinor: 4794, currency: 'MXN' });
    }
  });
});
