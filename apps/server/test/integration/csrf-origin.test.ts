// Issue #16 item 2: a fresh `npm start` (no APP_URL) browsed at http://127.0.0.1:3000 or a LAN address must accept
// its own forms; a configured APP_URL keeps the strict origin check, and a refusal says which URL to use.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../app.ts';
import { TEST_ENGINE } from '../db.ts';
import { PASSWORD, uniqueEmail } from '../auth-helpers.ts';

const registration = (email: string) => ({
  email,
  password: PASSWORD,
  firstName: 'Ana',
  lastName: 'Pérez',
  legalAccepted: { terms: 1, privacy: 1 },
});

describe(`CSRF origin without and with APP_URL (${TEST_ENGINE})`, () => {
  let unconfigured: TestApp;
  let configured: TestApp;
  beforeAll(async () => {
    unconfigured = await createTestApp({ seed: false });
    configured = await createTestApp({ seed: false, env: { APP_URL: 'https://shop.example.com' } });
  });
  afterAll(async () => {
    await unconfigured?.close();
    await configured?.close();
  });

  const post = (t: TestApp, headers: Record<string, string>, email = uniqueEmail()) =>
    t.app.inject({ method: 'POST', url: '/api/auth/register', headers, payload: registration(email) });

  it('without APP_URL accepts a form sent from the host the browser is on (loopback or LAN address)', async () => {
    for (const host of ['127.0.0.1:3000', '192.168.1.20:3000', 'localhost:3000', '[::1]:3000']) {
      const res = await post(unconfigured, { host, origin: `http://${host}` });
      expect(res.statusCode, host).toBe(202);
    }
    // Referer (no Origin) from the same host counts too.
    const byReferer = await post(unconfigured, {
      host: '127.0.0.1:3000',
      referer: 'http://127.0.0.1:3000/register',
    });
    expect(byReferer.statusCode).toBe(202);
  });

  it('without APP_URL still refuses a foreign origin, and says which URL or variable to use', async () => {
    for (const origin of ['https://evil.example', 'http://127.0.0.1:4000', 'null', 'javascript:alert(1)']) {
      const res = await post(unconfigured, { host: '127.0.0.1:3000', origin });
      expect(res.statusCode, origin).toBe(403);
      expect(res.json().error.code).toBe('csrf_rejected');
    }
    const refused = await post(unconfigured, { host: '127.0.0.1:3000', origin: 'https://evil.example' });
    expect(refused.json().error.message).toContain('APP_URL');
    expect(refused.json().error.details).toEqual({ appUrl: 'http://localhost:3000', variable: 'APP_URL' });
  });

  it('with APP_URL set only that origin is accepted, whatever the Host header says', async () => {
    const ok = await post(configured, { host: 'shop.example.com', origin: 'https://shop.example.com' });
    expect(ok.statusCode).toBe(202);
    for (const [host, origin] of [
      ['127.0.0.1:3000', 'http://127.0.0.1:3000'],
      ['evil.example', 'https://evil.example'],
    ] as const) {
      const res = await post(configured, { host, origin });
      expect(res.statusCode, origin).toBe(403);
      expect(res.json().error.message).toContain('https://shop.example.com');
    }
  });
});
