import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { settings } from '../../src/db/schema/index.ts';
import { api, customer, useTestAppWithAdmin } from '../auth-helpers.ts';
import { TEST_ENGINE } from '../db.ts';

const { t, asAdmin } = useTestAppWithAdmin();

describe(`payment settings (${TEST_ENGINE})`, () => {
  it('starts in demo mode: no gateway, sandbox on', async () => {
    const res = (await asAdmin({ method: 'GET', url: '/api/admin/settings/payments' })).json();
    expect(res).toMatchObject({
      stripe: { configured: false, source: null },
      sandbox: true,
      bankTransfer: { enabled: true },
    });
    expect((await t.app.inject('/api/site')).json().demo.sandboxPayments).toBe(true);
  });

  it('the admin enables Stripe and PayPal with keys that are stored encrypted and never returned', async () => {
    const put = await asAdmin({
      method: 'PUT',
      url: '/api/admin/settings/payments',
      payload: {
        stripe: { secretKey: 'sk_test_secret_value_123', webhookSecret: 'whsec_secret_value_456' },
        paypal: { clientId: 'pp-client', clientSecret: 'pp-secret-789', mode: 'sandbox' },
        mercadopago: { currency: 'ARS', exchangeRate: 1200 },
      },
    });
    expect(put.statusCode).toBe(200);
    expect(put.body).not.toMatch(/sk_test_secret_value_123|whsec_secret_value_456|pp-secret-789/);
    expect(put.json()).toMatchObject({
      stripe: { configured: true, source: 'settings' },
      paypal: { configured: true, source: 'settings' },
      mercadopago: { configured: false, currency: 'ARS', exchangeRate: 1200 },
      sandbox: false,
    });
    const rows = await t.database.db
      .select()
      .from(settings)
      .where(eq(settings.key, 'payments.stripe.credentials'));
    expect(JSON.stringify(rows[0]!.value)).not.toContain('sk_test_secret_value_123');
    const providers = (await t.app.inject('/api/payments/providers'))
      .json()
      .items.map((p: { id: string }) => p.id);
    expect(providers).toEqual(['stripe', 'paypal', 'bank_transfer']);
    expect((await t.app.inject('/api/site')).json()).toMatchObject({
      demoMode: true,
      demo: { sandboxPayments: false },
    });
  });

  it('is for admins only', async () => {
    const c = api(t.app, (await customer(t)).accessToken);
    expect((await c({ method: 'GET', url: '/api/admin/settings/payments' })).statusCode).toBe(403);
    expect((await c({ method: 'PUT', url: '/api/admin/settings/payments', payload: {} })).statusCode).toBe(
      403,
    );
  });
});
