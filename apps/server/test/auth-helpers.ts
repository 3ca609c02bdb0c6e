/**
 * Helpers for tests that go through the accounts API: register, read the e-mailed links, log in, and move time for
 * both our clock and better-auth (which reads `Date`).
 */
import { desc, eq } from 'drizzle-orm';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { beforeAll } from 'vitest';
import { emailOutbox, users } from '../src/db/schema/index.ts';
import { useTestApp, type TestApp, type TestAppOptions } from './app.ts';

/** APP_URL in tests (config default): cookie requests must carry this Origin. */
export const ORIGIN = 'http://localhost:3000';
export const PASSWORD = 'Montaña-azul-2026';

let sequence = 0;
export const uniqueEmail = (prefix = 'user') =>
  `${prefix}${++sequence}-${Date.now().toString(36)}@example.test`;

export { advance, freezeTime } from './app.ts';

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export function cookieOf(res: LightMyRequestResponse): string {
  const setCookie = res.headers['set-cookie'];
  const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const session = list.find((c) => /cv\.session_token=/.test(c));
  if (!session) throw new Error(`no session cookie in ${JSON.stringify(list)}`);
  return session.split(';')[0]!;
}

export async function register(
  app: FastifyInstance,
  body: Partial<{
    email: string;
    password: string;
    firstName: string;
    lastName: string;
    language: string;
  }> = {},
) {
  const payload = {
    email: uniqueEmail(),
    password: PASSWORD,
    firstName: 'Ana',
    lastName: 'Pérez',
    legalAccepted: { terms: 1, privacy: 1 },
    ...body,
  };
  const res = await app.inject({ method: 'POST', url: '/api/auth/register', payload });
  return { res, email: payload.email, password: payload.password };
}

/** Every stored e-mail to `to` (runs pending jobs first so the library's messages are stored and delivered). */
export async function emailsTo(t: TestApp, to: string) {
  await t.container.jobs.drain();
  return t.database.db
    .select()
    .from(emailOutbox)
    .where(eq(emailOutbox.toAddress, to.toLowerCase()))
    .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id));
}

/**
 * The newest e-mail to `to`. `Date` is frozen in these tests, so rows can share `created_at`: the fake SMTP mailer's
 * delivery order decides which is newest.
 */
export async function lastEmailTo(t: TestApp, to: string) {
  const rows = await emailsTo(t, to);
  const delivered = t.mailer?.sent.filter((m) => m.to === to.toLowerCase()).at(-1);
  return delivered
    ? (rows.find((r) => r.subject === delivered.subject && r.text === delivered.text) ?? rows[0])
    : rows[0];
}

/** The token at the end of the newest `/verify-email/…` or `/reset-password/…` link sent to `to`. */
export async function linkToken(
  t: TestApp,
  to: string,
  kind: 'verify-email' | 'reset-password',
): Promise<string> {
  const mail = await lastEmailTo(t, to);
  const match = mail?.text.match(new RegExp(`${ORIGIN}/${kind}/([^\\s]+)`));
  if (!match) throw new Error(`no ${kind} link sent to ${to}`);
  return decodeURIComponent(match[1]!);
}

export async function login(
  app: FastifyInstance,
  email: string,
  password = PASSWORD,
  extra: Record<string, string> = {},
) {
  return app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password, ...extra } });
}

/** Logs out the session that `headers` carry (a bearer access token, or the cookie with its Origin). */
export function logout(app: FastifyInstance, headers: Record<string, string>) {
  return app.inject({ method: 'POST', url: '/api/auth/logout', headers });
}

/** A registered, verified customer, logged in. */
export async function customer(
  t: TestApp,
  options: { verified?: boolean; role?: 'admin' | 'support' | 'customer' } = {},
) {
  const { email, password, res } = await register(t.app);
  if (res.statusCode !== 202) throw new Error(`register failed: ${res.body}`);
  const [row] = await t.database.db
    .update(users)
    .set({ emailVerified: options.verified ?? true, role: options.role ?? 'customer' })
    .where(eq(users.email, email.toLowerCase()))
    .returning({ id: users.id });
  const userId = row!.id;
  const loginRes = await login(t.app, email, password);
  if (loginRes.statusCode !== 200) throw new Error(`login failed: ${loginRes.body}`);
  const body = loginRes.json() as { accessToken: string; refreshToken: string; expiresIn: number };
  return { userId, email, password, ...body, cookie: cookieOf(loginRes) };
}

export const admin = (t: TestApp) => customer(t, { role: 'admin' });
export const support = (t: TestApp) => customer(t, { role: 'support' });

/** A new customer, and `ban()`: an administrator bans them through the admin API (answering 200). */
export async function customerToBan(t: TestApp) {
  const staff = await admin(t);
  const banned = await customer(t);
  const ban = async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/admin/customers/${banned.userId}/ban`,
      headers: bearer(staff.accessToken),
      payload: { reason: 'fraud' },
    });
    if (res.statusCode !== 200) throw new Error(`ban failed: ${res.statusCode} ${res.body}`);
  };
  return { ...banned, ban };
}

export function api(app: FastifyInstance, token: string) {
  return (options: InjectOptions) =>
    app.inject({ ...options, headers: { ...bearer(token), ...(options.headers ?? {}) } } as InjectOptions);
}

/** `useTestApp`, and the API as an administrator of that app (signed up before the first test). */
export function useTestAppWithAdmin(options: TestAppOptions = {}) {
  const t = useTestApp(options);
  let asAdmin: ReturnType<typeof api>;
  beforeAll(async () => {
    asAdmin = api(t.app, (await admin(t)).accessToken);
  });
  return { t, asAdmin: (options: InjectOptions) => asAdmin(options) };
}

/** The legal versions a checkout accepts in a fresh test database (each document starts at version 1). */
export const CHECKOUT_TERMS = { terms: 1, refunds: 1 };
