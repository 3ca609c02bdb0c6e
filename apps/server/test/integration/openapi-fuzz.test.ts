/**
 * The outside probe, as a test (#15 "Done when"): every operation of `/api/openapi.json` — including the ones added
 * later, since the list is read from the document at run time — is called as anonymous, a customer and an admin with
 * bodies, path parameters and queries generated from its own schemas plus hostile values, under a fixed seed and a
 * bounded count. Every answer must be below 500, every 4xx must have the error shape, and a rejected request must
 * leave every table as it was.
 */
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { admin, customer, login, ORIGIN, CHECKOUT_TERMS } from '../auth-helpers.ts';
import { TEST_ENGINE } from '../db.ts';
import { bodyFor, paramFor, type JsonSchema } from '../fuzz/arbitraries.ts';

const SEED = 20_261_506;
const RUNS = Number(process.env.FUZZ_RUNS ?? 2);
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
// Counters that a refused request is allowed to move (rate limits count refused requests on purpose) and keys
// created lazily on first use.
const VOLATILE_TABLE = /rate_limit|^jwks$/;

interface Operation {
  method: (typeof METHODS)[number];
  path: string;
  summary: string;
  params: { name: string; in: 'path' | 'query'; required: boolean; schema?: JsonSchema }[];
  body?: JsonSchema;
}

interface Caller {
  name: 'anonymous' | 'customer' | 'admin';
  email?: string;
  password?: string;
  token?: string;
}

let t: TestApp;
let operations: Operation[] = [];
let tables: string[] = [];
let idPool: string[] = [];
const callers: Caller[] = [{ name: 'anonymous' }];

function operationsOf(doc: { paths: Record<string, Record<string, Record<string, unknown>>> }): Operation[] {
  const list: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method] as
        | {
            summary?: string;
            parameters?: Operation['params'];
            requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
          }
        | undefined;
      if (!op) continue;
      list.push({
        method,
        path,
        summary: op.summary ?? '',
        params: (op.parameters ?? []).filter((p) => p.in === 'path' || p.in === 'query'),
        body: op.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  // Ending sessions last: they would sign the callers out of every later operation.
  const endsSessions = (op: Operation) => /logout|sessions/.test(op.path);
  return list.sort((a, b) => Number(endsSessions(a)) - Number(endsSessions(b)));
}

/** A long-lived stream (Server-Sent Events) never ends under inject: it is exercised by its own tests. */
const isStream = (op: Operation) => /Server-Sent Events/i.test(op.summary) || op.path.endsWith('/events');

async function fingerprint(): Promise<Record<string, string>> {
  const parts = tables.map(
    (name) =>
      sql`select ${name} as name, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as hash from ${sql.identifier(name)} x`,
  );
  const rows = await queryRows<{ name: string; hash: string }>(
    t.database.db,
    sql.join(parts, sql` union all `),
  );
  return Object.fromEntries(rows.map((r) => [r.name, r.hash]));
}

/** Signs the caller in again when an earlier operation ended its session; true when it did (state changed). */
async function ensureSignedIn(caller: Caller): Promise<boolean> {
  if (!caller.token || !caller.email) return false;
  const me = await t.app.inject({
    url: '/api/auth/me',
    headers: { authorization: `Bearer ${caller.token}` },
  });
  if (me.statusCode === 200) return false;
  const res = await login(t.app, caller.email, caller.password);
  if (res.statusCode === 200) caller.token = res.json().accessToken;
  return true;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`${what} did not answer in ${ms} ms`)), ms),
    ),
  ]);
}

beforeAll(async () => {
  t = await createTestApp();
  const staff = await admin(t);
  const buyer = await customer(t);
  callers.push({ name: 'customer', email: buyer.email, password: buyer.password, token: buyer.accessToken });
  callers.push({ name: 'admin', email: staff.email, password: staff.password, token: staff.accessToken });
  // Some real rows for ids to point at: a server assigned to the customer and an order of theirs.
  const as = (o: InjectOptions, token: string) =>
    t.app.inject({ ...o, headers: { authorization: `Bearer ${token}` } } as InjectOptions);
  const instance = (await as({ url: '/api/admin/contabo/instances?assigned=false' }, staff.accessToken))
    .json()
    .items.find((i: { status: string }) => i.status === 'running');
  await as(
    {
      method: 'POST',
      url: '/api/admin/vps/assign',
      payload: { contaboInstanceId: instance.instanceId, userId: buyer.userId },
    },
    staff.accessToken,
  );
  const product = (await t.app.inject('/api/products')).json().items[0];
  const image = (await t.app.inject('/api/images')).json().items[0];
  await as(
    {
      method: 'POST',
      url: '/api/orders',
      payload: {
        legalAccepted: CHECKOUT_TERMS,
        items: [{ productId: product.id, periodMonths: 1, region: 'EU', imageId: image.id }],
      },
    },
    buyer.accessToken,
  );

  operations = operationsOf((await t.app.inject('/api/openapi.json')).json());
  const found = await queryRows<{ table_name: string }>(
    t.database.db,
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  tables = found.map((r) => r.table_name).filter((name) => !VOLATILE_TABLE.test(name));
  for (const name of tables) {
    const hasId = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from information_schema.columns where table_schema = 'public' and table_name = ${name} and column_name = 'id' and data_type = 'uuid'`,
    );
    if (!hasId[0]?.n) continue;
    const ids = await queryRows<{ id: string }>(
      t.database.db,
      sql`select id::text as id from ${sql.identifier(name)} limit 2`,
    );
    idPool.push(...ids.map((r) => r.id));
  }
  idPool = [...new Set(idPool)];
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe(`OpenAPI-driven fuzz (${TEST_ENGINE})`, () => {
  it('reads a document with the operations of every module', () => {
    expect(operations.length).toBeGreaterThan(60);
    expect(tables.length).toBeGreaterThan(15);
    expect(idPool.length).toBeGreaterThan(5);
  });

  it('no 5xx, every 4xx in the error shape, no state change on a rejected request', async () => {
    const problems: string[] = [];
    let requests = 0;
    // The state after the previous request is the state before the next one: one fingerprint per request.
    let before = await fingerprint();
    for (const op of operations) {
      if (isStream(op)) continue;
      const pathParams = op.params.filter((p) => p.in === 'path');
      const queryParams = op.params.filter((p) => p.in === 'query');
      const request = fc.record({
        path: fc.record(Object.fromEntries(pathParams.map((p) => [p.name, paramFor(p.schema, idPool)]))),
        query: fc.record(Object.fromEntries(queryParams.map((p) => [p.name, paramFor(p.schema)])), {
          requiredKeys: queryParams.filter((p) => p.required).map((p) => p.name),
        }),
        body: op.body ? bodyFor(op.body) : fc.constant(undefined),
      });
      for (const caller of callers) {
        if (await ensureSignedIn(caller)) before = await fingerprint();
        await fc.assert(
          fc.asyncProperty(request, async (input) => {
            const url = op.path.replace(/\{(\w+)\}/g, (_, name: string) =>
              encodeURIComponent(String((input.path as Record<string, string>)[name] ?? '')),
            );
            const headers: Record<string, string> = { origin: ORIGIN };
            if (caller.token) headers.authorization = `Bearer ${caller.token}`;
            const options: InjectOptions = {
              method: op.method.toUpperCase() as InjectOptions['method'],
              url,
              query: input.query as Record<string, string>,
              headers,
            };
            if (input.body !== undefined) {
              headers['content-type'] = 'application/json';
              options.payload = JSON.stringify(input.body);
            }
            const res = await withTimeout(t.app.inject(options), 20_000, `${op.method} ${url}`);
            requests++;
            const where = `${caller.name} ${op.method.toUpperCase()} ${op.path} → ${res.statusCode}`;
            const after = await fingerprint();
            const previous = before;
            before = after;
            if (res.statusCode >= 500) {
              problems.push(
                `${where}: ${res.body.slice(0, 300)} (input ${JSON.stringify(input).slice(0, 300)})`,
              );
              return;
            }
            if (res.statusCode < 400) return;
            let shaped: boolean;
            try {
              const body = res.json() as { error?: { code?: unknown; message?: unknown } };
              shaped = typeof body.error?.code === 'string' && typeof body.error?.message === 'string';
            } catch {
              shaped = false;
            }
            if (!shaped) problems.push(`${where}: body not in the error shape: ${res.body.slice(0, 200)}`);
            const changed = Object.keys(after).filter((name) => after[name] !== previous[name]);
            if (changed.length) problems.push(`${where}: refused but changed ${changed.join(', ')}`);
          }),
          { seed: SEED, numRuns: RUNS, endOnFailure: true },
        );
      }
    }
    expect(requests).toBeGreaterThan(operations.length);
    expect(problems).toEqual([]);
  }, 600_000);
});
