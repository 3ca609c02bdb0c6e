// Node-side helpers for browser tests: talk to the API directly (as the admin, to read the e-mail outbox; to set up a
// customer with a paid order and a server) and the crypto a person's devices would do (an SSH public key, the
// authenticator app's TOTP codes).
import { createHash, createHmac, generateKeyPairSync } from 'node:crypto';
import { expect } from 'vitest';
import { E2E_ADMIN } from './harness.ts';

type OutboxItem = { id: string; to: string; subject: string; template: string; createdAt: string };
type OutboxDetail = OutboxItem & { text: string; html: string };

export type Customer = { email: string; password: string; firstName: string; lastName: string };

/** A JSON request to the API as a browser of the site would send it; the answer's JSON (null when empty). */
export async function apiCall<T>(
  baseUrl: string,
  path: string,
  init: { method?: string; body?: unknown; token?: string } = {},
): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      accept: 'application/json',
      // Unsafe requests must come from the site's own origin (CSRF guard), as a browser's would.
      origin: baseUrl,
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path} → ${response.status}: ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

/**
 * Logs in as the e2e administrator and returns an access token. Every test logs in from 127.0.0.1, so a fast run can
 * meet the real per-address login limit: then it waits the `retryAfterSeconds` the 429 names, as a client should.
 */
export async function adminToken(baseUrl: string): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    try {
      const { accessToken } = await apiCall<{ accessToken: string }>(baseUrl, '/api/auth/login', {
        method: 'POST',
        body: { email: E2E_ADMIN.email, password: E2E_ADMIN.password },
      });
      return accessToken;
    } catch (error) {
      const wait = /→ 429: .*"retryAfterSeconds":(\d+)/.exec(String(error))?.[1];
      if (!wait || attempt >= 3) throw error;
      await new Promise((resolve) => setTimeout(resolve, (Number(wait) + 1) * 1000));
    }
  }
}

/** The current versions of the legal documents a registration or a checkout accepts. */
export async function legalAccepted(
  baseUrl: string,
  at: 'registration' | 'checkout',
): Promise<Record<string, number>> {
  const v = await apiCall<{ terms: number; privacy: number; refunds: number }>(baseUrl, '/api/legal');
  return at === 'registration'
    ? { terms: v.terms, privacy: v.privacy }
    : { terms: v.terms, refunds: v.refunds };
}

/** Creates a customer account through the API (its e-mail stays unconfirmed). */
export async function registerUser(baseUrl: string, body: Customer): Promise<void> {
  await apiCall(baseUrl, '/api/auth/register', {
    method: 'POST',
    body: { ...body, legalAccepted: await legalAccepted(baseUrl, 'registration') },
  });
}

/** Waits for an e-mail of `template` to `to` in the outbox and returns it with its text. */
export async function waitForEmail(
  baseUrl: string,
  token: string,
  to: string,
  template: string,
  timeoutMs = 15_000,
): Promise<OutboxDetail> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const list = await apiCall<{ items: OutboxItem[] }>(
      baseUrl,
      `/api/admin/outbox?to=${encodeURIComponent(to)}&pageSize=20`,
      { token },
    );
    const item = list.items.find((candidate) => candidate.template === template);
    if (item) return apiCall<OutboxDetail>(baseUrl, `/api/admin/outbox/${item.id}`, { token });
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`No "${template}" e-mail to ${to} within ${timeoutMs} ms`);
}

/** The path of the first link to `/<route>/<token>` in an e-mail's text. */
export function linkPath(text: string, route: string): string {
  const match = new RegExp(`https?://[^\\s/]+(/${route}/[^\\s"'<>]+)`).exec(text);
  if (!match?.[1]) throw new Error(`No /${route}/ link in:\n${text}`);
  return match[1];
}

/** A fresh ed25519 key in OpenSSH public-key format, and its SHA256 fingerprint as `ssh-keygen -l` prints it. */
export function sshEd25519PublicKey(comment = 'e2e@cloudvertice'): {
  publicKey: string;
  fingerprint: string;
} {
  const { publicKey } = generateKeyPairSync('ed25519');
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x ?? '', 'base64url');
  const field = (value: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(value.length);
    return Buffer.concat([length, value]);
  };
  const blob = Buffer.concat([field(Buffer.from('ssh-ed25519')), field(raw)]);
  const fingerprint = `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
  return { publicKey: `ssh-ed25519 ${blob.toString('base64')} ${comment}`, fingerprint };
}

function base32Decode(input: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const clean = input.replace(/[\s=]/g, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const bytes: number[] = [];
  for (const char of clean) {
    const index = alphabet.indexOf(char);
    if (index < 0) throw new Error(`Not base32: ${char}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

/** RFC 6238 TOTP (SHA-1, 30 s, 6 digits) for a base32 secret; `step` defaults to the current time step. */
export function totp(secret: string, step = Math.floor(Date.now() / 30_000)): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const hmac = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const offset = (hmac[hmac.length - 1] ?? 0) & 0x0f;
  const code = (hmac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return code.toString().padStart(6, '0');
}

export const currentTotpStep = () => Math.floor(Date.now() / 30_000);

/** The administrator records a bank transfer for an unpaid order (`POST /api/admin/orders/:id/payments`). */
export async function recordBankTransfer(
  baseUrl: string,
  token: string,
  orderId: string,
  reference: string,
): Promise<{ id: string; status: string }> {
  return apiCall(baseUrl, `/api/admin/orders/${orderId}/payments`, {
    method: 'POST',
    body: { reference },
    token,
  });
}

/**
 * Registers a customer, confirms the e-mail with the link from the outbox (read with the administrator's `admin`
 * token) and returns the customer's access token.
 */
export async function registerVerified(baseUrl: string, customer: Customer, admin: string): Promise<string> {
  await registerUser(baseUrl, customer);
  const mail = await waitForEmail(baseUrl, admin, customer.email, 'verify-email');
  await apiCall(baseUrl, `/api/auth${linkPath(mail.text, 'verify-email')}`);
  const { accessToken } = await apiCall<{ accessToken: string }>(baseUrl, '/api/auth/login', {
    method: 'POST',
    body: { email: customer.email, password: customer.password },
  });
  return accessToken;
}

/** Orders a plan for one month and pays it with the sandbox, through the API (the checkout UI has its own test). */
export async function paidOrder(
  baseUrl: string,
  token: string,
  plan: string,
  region: string,
): Promise<{ id: string; orderNumber: string }> {
  const call = <T>(path: string, init?: Parameters<typeof apiCall>[2]) => apiCall<T>(baseUrl, path, init);
  const products = await call<{ items: Array<{ id: string; name: string }> }>('/api/products?pageSize=50');
  const product = products.items.find((item) => item.name === plan);
  if (!product) throw new Error(`No plan ${plan}`);
  const detail = await call<{ images: Array<{ id: string; osType: string }> }>(`/api/products/${product.id}`);
  const image = detail.images.find((item) => item.osType === 'Linux') ?? detail.images[0];
  const { items } = await call<{ items: Array<{ id: string; orderNumber: string }> }>('/api/orders', {
    method: 'POST',
    token,
    body: {
      items: [{ productId: product.id, periodMonths: 1, region, imageId: image?.id }],
      legalAccepted: await legalAccepted(baseUrl, 'checkout'),
    },
  });
  const order = items[0];
  if (!order) throw new Error('No order created');
  const payment = await call<{ id: string }>(`/api/orders/${order.id}/pay`, {
    method: 'POST',
    token,
    body: { provider: 'sandbox', scope: 'order' },
  });
  await call(`/api/payments/sandbox/${payment.id}/approve`, { method: 'POST', token });
  return order;
}

/**
 * The administrator (`admin` token) assigns one of the simulator's unassigned running instances to a paid order, as
 * "Pedidos por preparar" does (one of `plan` in `region` when there is one), and waits for the order to complete.
 */
export async function assignServer(
  baseUrl: string,
  admin: string,
  orderId: string,
  plan: string,
  region: string,
): Promise<void> {
  const { items } = await apiCall<{
    items: Array<{
      instanceId: number;
      status: string | null;
      productName: string | null;
      region: string | null;
    }>;
  }>(baseUrl, '/api/admin/contabo/instances?assigned=false', { token: admin });
  const running = items.filter((item) => item.status === 'running');
  const match = running.find((item) => item.productName === plan && item.region === region);
  const instance = match ?? running[0];
  if (!instance) throw new Error('No unassigned instance in the simulator');
  await apiCall(baseUrl, `/api/admin/orders/${orderId}/provision`, {
    method: 'POST',
    token: admin,
    // Another plan or region must be confirmed explicitly (the customer is then told).
    body: { contaboInstanceId: instance.instanceId, ...(match ? {} : { confirmMismatch: true }) },
  });
  await expect
    .poll(
      async () =>
        (await apiCall<{ status: string }>(baseUrl, `/api/admin/orders/${orderId}`, { token: admin })).status,
      { timeout: 20_000 },
    )
    .toBe('completed');
}
