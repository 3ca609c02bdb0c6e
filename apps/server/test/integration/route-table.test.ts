import { randomUUID } from 'node:crypto';
import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../app.ts';
import { api, customer, PASSWORD } from '../auth-helpers.ts';
import { TEST_ENGINE } from '../db.ts';
import {
  createInvoice,
  createNotification,
  createOrder,
  createSnapshot,
  createSshKey,
  createTicket,
  createTicketAttachment,
  createTransaction,
  createVpsInstance,
} from '../factories.ts';

/**
 * Authorization over the whole route table, not a hand-written list: the app reports every route as it is registered
 * (`onRoute`), so a new route is checked without anyone remembering to add it.
 * - every `/api/admin/*` route: 401 for an anonymous caller, 403 for a verified customer (ROLE_EXPECTATIONS);
 * - every other route with a parameter that names a customer's resource: 404 for another customer asking for the
 *   first customer's resource. Each parameter is looked up in OWNED (how to make the first customer's resource) or
 *   NOT_OWNED (why it names nobody's resource); a parameter in neither FAILS this test until someone adds it.
 */

interface Fixtures {
  owner: Awaited<ReturnType<typeof customer>>;
  sessionId: string;
  sshKeyId: string;
  orderId: string;
  invoiceId: string;
  paymentId: string;
  vpsId: string;
  snapshotId: string;
  ticketId: string;
  attachmentId: string;
  notificationId: string;
}

/** Keyed by the route pattern up to and including the parameter. */
const OWNED: Record<string, (f: Fixtures) => string> = {
  '/api/account/sessions/:id': (f) => f.sessionId,
  '/api/account/ssh-keys/:id': (f) => f.sshKeyId,
  '/api/orders/:id': (f) => f.orderId,
  '/api/invoices/:id': (f) => f.invoiceId,
  '/api/payments/:id': (f) => f.paymentId,
  '/api/payments/sandbox/:id': (f) => f.paymentId,
  '/api/vps/:id': (f) => f.vpsId,
  '/api/vps/:id/snapshots/:snapId': (f) => f.snapshotId,
  '/api/tickets/:id': (f) => f.ticketId,
  '/api/tickets/:id/attachments/:attachmentId': (f) => f.attachmentId,
  '/api/notifications/:id': (f) => f.notificationId,
};

/** Parameters that name no customer's resource: the value to send, and why. */
const NOT_OWNED: Record<string, { value: string; why: string }> = {
  '/api/products/:id': { value: randomUUID(), why: 'the public catalogue' },
  '/api/auth/verify-email/:token': { value: 'not-a-token', why: 'a signed token, not an id' },
  '/api/webhooks/:provider': { value: 'stripe', why: 'gateway callbacks, authenticated by signature' },
  '/api/payments/sandbox/:id/:decision': { value: 'approve', why: 'the decision, not a resource' },
  '/api/vps/:id/rdns/:ip': { value: '203.0.113.10', why: 'an address of the VPS that :id names' },
  '/api/legal/:doc': { value: 'terms', why: 'a public legal document (terms, privacy, refunds)' },
};

/** A valid body for routes that validate one before they look the resource up (else they answer 400, not 404). */
const BODIES: Record<string, unknown> = {
  'POST /api/orders/:id/pay': { provider: 'sandbox', scope: 'order' },
  'POST /api/invoices/:id/pay': { provider: 'sandbox' },
  'POST /api/payments/:id/confirm': { query: {} },
  'PATCH /api/vps/:id': { displayName: 'someone-else' },
  'POST /api/vps/:id/reset-password': { generate: true },
  'POST /api/vps/:id/rescue': {},
  'POST /api/vps/:id/credentials': { password: PASSWORD },
  'POST /api/vps/:id/snapshots': { name: 'someone-else' },
  'PATCH /api/vps/:id/renewal': { autoRenew: false },
  'PUT /api/vps/:id/rdns/:ip': { ptr: 'host.example.com' },
  'POST /api/tickets/:id/messages': { message: 'someone else' },
  'POST /api/tickets/:id/rating': { rating: 5 },
  'POST /api/vps/:id/reinstall': {
    imageId: randomUUID(),
    generate: true,
    confirm: 'someone-else',
    password: PASSWORD,
  },
  'POST /api/vps/:id/firewall': { preset: 'ssh' },
  'PUT /api/vps/:id/firewall': { preset: 'web' },
  'PUT /api/vps/:id/probe': { enabled: true },
  'POST /api/vps/:id/vnc': { password: PASSWORD },
};

/**
 * Routes authenticated by a one-time ticket bound to the user and the VPS (the console's WebSocket), not by the
 * caller's session: a stranger's wrong ticket must get exactly what a made-up VPS id gets (no existence oracle).
 */
const TICKET_AUTHENTICATED = new Set(['GET /api/vps/:id/console/ws']);

/** A valid query string for routes that validate one before they look the resource up. */
const QUERIES: Record<string, string> = {
  'GET /api/vps/:id/console/ws': `?ticket=${'t'.repeat(40)}`,
};

/**
 * Who may not call an admin route, and what they get. Staff roles (e.g. `support`) join here: add the role's caller
 * and its status, and a list of the admin routes that role may use.
 */
const ROLE_EXPECTATIONS: Array<{ who: 'anonymous' | 'customer'; status: number }> = [
  { who: 'anonymous', status: 401 },
  { who: 'customer', status: 403 },
];

interface Route {
  method: string;
  url: string;
}

/** `/api/vps/:id/snapshots/:snapId/restore` → the key of each parameter: `/api/vps/:id`, `/api/vps/:id/snapshots/:snapId`. */
function parameterKeys(url: string): Array<{ name: string; key: string }> {
  const parts = url.split('/');
  return parts.flatMap((part, i) =>
    part.startsWith(':') ? [{ name: part.slice(1), key: parts.slice(0, i + 1).join('/') }] : [],
  );
}

function fill(url: string, values: Record<string, string>): string {
  return url.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(values[name]!));
}

/** One request per route and role: generous, so a loaded machine does not fail the sweep. */
const SWEEP_TIMEOUT = 300_000;

const label = (r: Route) => `${r.method} ${r.url}`;

describe(`route-table authorization (${TEST_ENGINE})`, () => {
  let t: TestApp;
  const routes: Route[] = [];
  let fixtures: Fixtures;
  let stranger: Awaited<ReturnType<typeof customer>>;

  beforeAll(async () => {
    t = await createTestApp({
      onRoute: (route: RouteOptions) => {
        for (const method of [route.method].flat()) {
          if (method === 'HEAD' || method === 'OPTIONS') continue;
          routes.push({ method, url: route.url });
        }
      },
    });
    const db = t.database.db;
    const owner = await customer(t);
    stranger = await customer(t);
    const as = api(t.app, owner.accessToken);
    const sessions = (await as({ method: 'GET', url: '/api/account/sessions' })).json() as {
      items: { id: string }[];
    };
    const vps = await createVpsInstance(db, { userId: owner.userId });
    const ticket = await createTicket(db, { userId: owner.userId, status: 'closed' });
    fixtures = {
      owner,
      sessionId: sessions.items[0]!.id,
      sshKeyId: (await createSshKey(db, { userId: owner.userId })).id,
      orderId: (await createOrder(db, { userId: owner.userId })).id,
      invoiceId: (await createInvoice(db, { userId: owner.userId, status: 'issued' })).id,
      paymentId: (await createTransaction(db, { userId: owner.userId })).id,
      vpsId: vps.id,
      snapshotId: (await createSnapshot(db, { vpsInstanceId: vps.id })).id,
      ticketId: ticket.id,
      attachmentId: (await createTicketAttachment(db, { ticketId: ticket.id })).id,
      notificationId: (await createNotification(db, { userId: owner.userId, audience: 'user' })).id,
    };
  }, SWEEP_TIMEOUT);

  afterAll(async () => {
    await t?.close();
  });

  it('collects the whole route table', () => {
    expect(routes.length).toBeGreaterThan(80);
    expect(routes.some((r) => r.url.startsWith('/api/admin/'))).toBe(true);
  });

  it(
    'refuses every admin route to anonymous callers (401) and customers (403)',
    async () => {
      const admin = routes.filter((r) => r.url.startsWith('/api/admin/'));
      const wrong: string[] = [];
      for (const route of admin) {
        const url = route.url.replace(/:(\w+)/g, () => randomUUID());
        for (const { who, status } of ROLE_EXPECTATIONS) {
          const headers = who === 'customer' ? { authorization: `Bearer ${stranger.accessToken}` } : {};
          const res = await t.app.inject({ method: route.method as 'GET', url, headers });
          if (res.statusCode !== status)
            wrong.push(`${label(route)} as ${who}: ${res.statusCode}, expected ${status}`);
        }
      }
      expect(wrong).toEqual([]);
      expect(admin.length).toBeGreaterThan(20);
    },
    SWEEP_TIMEOUT,
  );

  it(
    "answers 404 to a customer asking for another customer's resource, on every route with an owned parameter",
    async () => {
      const unknown: string[] = [];
      const wrong: string[] = [];
      const checked: string[] = [];
      const as = api(t.app, stranger.accessToken);
      for (const route of routes) {
        if (route.url.startsWith('/api/admin/')) continue;
        const params = parameterKeys(route.url);
        if (!params.length) continue;
        const values: Record<string, string> = {};
        let owned = false;
        for (const { name, key } of params) {
          const make = OWNED[key];
          if (make) {
            values[name] = make(fixtures);
            owned = true;
          } else if (NOT_OWNED[key]) values[name] = NOT_OWNED[key].value;
          else
            unknown.push(`${label(route)}: parameter "${name}" (${key}) is in neither OWNED nor NOT_OWNED`);
        }
        if (!owned || Object.keys(values).length !== params.length) continue;
        const body = BODIES[label(route)];
        const res = await as({
          method: route.method as 'GET',
          url: fill(route.url, values) + (QUERIES[label(route)] ?? ''),
          ...(body === undefined ? {} : { payload: body as object }),
        });
        checked.push(label(route));
        if (TICKET_AUTHENTICATED.has(label(route))) {
          const madeUp = await as({
            method: route.method as 'GET',
            url: fill(route.url, { ...values, id: randomUUID() }) + (QUERIES[label(route)] ?? ''),
          });
          if (res.statusCode !== madeUp.statusCode || res.body !== madeUp.body) {
            wrong.push(
              `${label(route)}: answers ${res.statusCode} but ${madeUp.statusCode} for a made-up id`,
            );
          }
          continue;
        }
        if (res.statusCode !== 404) {
          const hint = res.statusCode === 400 ? ' (add a valid body to BODIES)' : '';
          wrong.push(`${label(route)}: ${res.statusCode}${hint} ${res.body.slice(0, 120)}`);
        }
      }
      expect(unknown).toEqual([]);
      expect(wrong).toEqual([]);
      expect(checked.length).toBeGreaterThan(25);
    },
    SWEEP_TIMEOUT,
  );
});
