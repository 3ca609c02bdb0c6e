import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import { createTestApp, type TestApp } from '../app.ts';
import { admin, api, customer } from '../auth-helpers.ts';
import { TEST_ENGINE } from '../db.ts';
import { createVpsInstance } from '../factories.ts';
import { EXE, HTML, LOG, multipart, PDF, PNG } from '../tickets-helpers.ts';

let t: TestApp;
let asStaff: ReturnType<typeof api>;
let a: Awaited<ReturnType<typeof customer>> & { as: ReturnType<typeof api> };
let b: Awaited<ReturnType<typeof customer>> & { as: ReturnType<typeof api> };
let ticketId: string;
let messageId: string;
let attachmentId: string;
let cannedId: string;

beforeAll(async () => {
  t = await createTestApp({
    env: { RATE_LIMIT_DISABLED: 'true', DATA_DIR: mkdtempSync(join(tmpdir(), 'cv-tickets-')) },
  });
  asStaff = api(t.app, (await admin(t)).accessToken);
  const ca = await customer(t);
  const cb = await customer(t);
  a = { ...ca, as: api(t.app, ca.accessToken) };
  b = { ...cb, as: api(t.app, cb.accessToken) };
  const created = await a.as({
    method: 'POST',
    url: '/api/tickets',
    ...multipart([
      { name: 'subject', value: 'Con adjunto' },
      { name: 'message', value: 'Adjunto la captura' },
      { name: 'files', file: { filename: 'captura.png', data: PNG, contentType: 'image/png' } },
    ]),
  });
  expect(created.statusCode, created.body).toBe(201);
  ticketId = created.json().id;
  messageId = created.json().messages[0].id;
  attachmentId = created.json().messages[0].attachments[0].id;
  cannedId = (
    await asStaff({
      method: 'POST',
      url: '/api/admin/canned-responses',
      payload: { title: 'Hola', body: 'Hola' },
    })
  ).json().id;
});
afterAll(async () => {
  await t.close();
});

const customerRoutes = (): InjectOptions[] => [
  { method: 'GET', url: `/api/tickets/${ticketId}` },
  { method: 'POST', url: `/api/tickets/${ticketId}/messages`, payload: { message: 'Hola' } },
  { method: 'POST', url: `/api/tickets/${ticketId}/close` },
  { method: 'POST', url: `/api/tickets/${ticketId}/rating`, payload: { rating: 5 } },
  { method: 'GET', url: `/api/tickets/${ticketId}/attachments/${attachmentId}` },
];

const staffRoutes = (): InjectOptions[] => [
  { method: 'GET', url: '/api/admin/tickets' },
  { method: 'POST', url: '/api/admin/tickets', payload: { userId: a.userId, subject: 'x', message: 'y' } },
  { method: 'GET', url: '/api/admin/tickets/unread-count' },
  { method: 'GET', url: '/api/admin/tickets/events' },
  { method: 'GET', url: `/api/admin/tickets/${ticketId}` },
  { method: 'PATCH', url: `/api/admin/tickets/${ticketId}`, payload: { status: 'closed' } },
  { method: 'POST', url: `/api/admin/tickets/${ticketId}/messages`, payload: { message: 'x' } },
  { method: 'PATCH', url: `/api/admin/tickets/${ticketId}/messages/${messageId}`, payload: { message: 'x' } },
  { method: 'GET', url: `/api/admin/tickets/${ticketId}/attachments/${attachmentId}` },
  { method: 'GET', url: '/api/admin/canned-responses' },
  { method: 'POST', url: '/api/admin/canned-responses', payload: { title: 'x', body: 'y' } },
  { method: 'PUT', url: `/api/admin/canned-responses/${cannedId}`, payload: { title: 'x', body: 'y' } },
  { method: 'DELETE', url: `/api/admin/canned-responses/${cannedId}` },
  { method: 'POST', url: `/api/admin/canned-responses/${cannedId}/render`, payload: { ticketId } },
];

describe(`support tickets: who may do what (${TEST_ENGINE})`, () => {
  it("another customer gets 404 on every route of someone else's ticket, and changes nothing", async () => {
    for (const route of customerRoutes()) {
      const res = await b.as(route);
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
    const own = await a.as({ url: `/api/tickets/${ticketId}` });
    expect(own.json()).toMatchObject({ status: 'open', rating: null });
    expect(own.json().messages).toHaveLength(1);
  });

  it('a customer gets 403 on every staff and canned-response route', async () => {
    for (const route of staffRoutes()) {
      const res = await a.as(route);
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    }
  });

  it('anonymous callers get 401 everywhere', async () => {
    for (const route of [
      { method: 'GET', url: '/api/tickets' } as InjectOptions,
      { method: 'POST', url: '/api/tickets', payload: { subject: 'x', message: 'y' } } as InjectOptions,
      { method: 'GET', url: '/api/tickets/unread-count' } as InjectOptions,
      { method: 'GET', url: '/api/tickets/events' } as InjectOptions,
      ...customerRoutes(),
      ...staffRoutes(),
    ]) {
      const res = await t.app.inject(route);
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(401);
    }
  });

  it('an unverified customer gets 403 email_not_verified, like orders', async () => {
    const c = await customer(t, { verified: false });
    const as = api(t.app, c.accessToken);
    for (const route of [
      { method: 'GET', url: '/api/tickets' } as InjectOptions,
      { method: 'POST', url: '/api/tickets', payload: { subject: 'x', message: 'y' } } as InjectOptions,
    ]) {
      const res = await as(route);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('email_not_verified');
    }
  });

  it('staff may download any attachment; the owner gets it as a download that never renders', async () => {
    for (const res of [
      await a.as({ url: `/api/tickets/${ticketId}/attachments/${attachmentId}` }),
      await asStaff({ url: `/api/admin/tickets/${ticketId}/attachments/${attachmentId}` }),
      await asStaff({ url: `/api/tickets/${ticketId}/attachments/${attachmentId}` }),
    ]) {
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('image/png');
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="captura.png"/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.rawPayload.equals(PNG)).toBe(true);
    }
  });
});

describe(`support tickets: hostile input (${TEST_ENGINE})`, () => {
  it('refuses NUL bytes, oversize text, wrong types and non-UUID ids with 4xx in the error shape', async () => {
    const cases: Array<[InjectOptions, number]> = [
      [{ method: 'POST', url: '/api/tickets', payload: { subject: 'a\u0000b', message: 'x' } }, 400],
      [{ method: 'POST', url: '/api/tickets', payload: { subject: 'x', message: 'a\u0000' } }, 400],
      [{ method: 'POST', url: '/api/tickets', payload: { subject: 'x', message: 'a'.repeat(20_001) } }, 400],
      [{ method: 'POST', url: '/api/tickets', payload: { subject: 'x'.repeat(201), message: 'x' } }, 400],
      [{ method: 'POST', url: '/api/tickets', payload: { subject: '   ', message: 'x' } }, 400],
      [
        { method: 'POST', url: '/api/tickets', payload: { subject: 'x', message: 'y', priority: 'now!' } },
        400,
      ],
      [
        { method: 'POST', url: '/api/tickets', payload: { subject: 'x', message: 'y', department: 'nope' } },
        400,
      ],
      [{ method: 'POST', url: '/api/tickets', payload: { subject: 42, message: ['y'] } }, 400],
      [
        { method: 'POST', url: '/api/tickets', payload: { subject: 'x', message: 'y', vpsId: 'not-a-uuid' } },
        400,
      ],
      [
        { method: 'POST', url: '/api/tickets', payload: { subject: 'x', message: 'a'.repeat(2_000_000) } },
        413,
      ],
      [{ method: 'GET', url: '/api/tickets/not-a-uuid' }, 400],
      [{ method: 'GET', url: `/api/tickets/${ticketId}/attachments/1%00` }, 400],
      [{ method: 'GET', url: '/api/tickets?page=99999999999999999999' }, 400],
      [{ method: 'POST', url: `/api/tickets/${ticketId}/rating`, payload: { rating: 1e308 } }, 400],
      [{ method: 'POST', url: `/api/tickets/${ticketId}/rating`, payload: { rating: 6 } }, 400],
      [{ method: 'POST', url: `/api/tickets/${ticketId}/messages`, payload: {} }, 400],
    ];
    for (const [route, status] of cases) {
      const res = await a.as(route);
      expect(
        res.statusCode,
        `${route.method} ${route.url} ${JSON.stringify(route.payload)?.slice(0, 80)}`,
      ).toBe(status);
      expect(res.json().error.code).toEqual(expect.any(String));
    }
    const staffCases: Array<[InjectOptions, number]> = [
      [{ method: 'GET', url: '/api/admin/tickets?q=%00' }, 400],
      [{ method: 'GET', url: '/api/admin/tickets?assignee=bob' }, 400],
      [{ method: 'PATCH', url: `/api/admin/tickets/${ticketId}`, payload: {} }, 400],
      [{ method: 'PATCH', url: `/api/admin/tickets/${ticketId}`, payload: { status: 'deleted' } }, 400],
      [{ method: 'PATCH', url: `/api/admin/tickets/${ticketId}`, payload: { assigneeId: a.userId } }, 404],
      [{ method: 'POST', url: `/api/admin/tickets/${ticketId}/messages`, payload: { internal: true } }, 400],
      [{ method: 'GET', url: '/api/admin/tickets/00000000-0000-4000-8000-000000000000' }, 404],
    ];
    for (const [route, status] of staffCases) {
      const res = await asStaff(route);
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(status);
      expect(res.json().error.code).toEqual(expect.any(String));
    }
  });

  it("a ticket cannot be linked to another customer's server, order or invoice", async () => {
    const othersVps = await createVpsInstance(t.database.db, { userId: b.userId });
    const res = await a.as({
      method: 'POST',
      url: '/api/tickets',
      payload: { subject: 'x', message: 'y', vpsId: othersVps.id },
    });
    expect(res.statusCode).toBe(404);
    const own = await createVpsInstance(t.database.db, { userId: a.userId });
    const ok = await a.as({
      method: 'POST',
      url: '/api/tickets',
      payload: { subject: 'x', message: 'y', vpsId: own.id },
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().vpsId).toBe(own.id);
  });

  it('two replies at the same moment are both kept, in order', async () => {
    const results = await Promise.all(
      ['uno', 'dos', 'tres'].map((message) =>
        a.as({ method: 'POST', url: `/api/tickets/${ticketId}/messages`, payload: { message } }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual([201, 201, 201]);
    const bodies = (await a.as({ url: `/api/tickets/${ticketId}` }))
      .json()
      .messages.map((m: { body: string }) => m.body);
    expect(bodies.filter((x: string) => ['uno', 'dos', 'tres'].includes(x)).sort()).toEqual([
      'dos',
      'tres',
      'uno',
    ]);
  });
});

describe(`support tickets: attachments (${TEST_ENGINE})`, () => {
  it('keeps images, PDF and logs typed by their content, not their name', async () => {
    const res = await a.as({
      method: 'POST',
      url: `/api/tickets/${ticketId}/messages`,
      ...multipart([
        { name: 'message', value: 'Más archivos' },
        { name: 'files', file: { filename: 'factura.txt', data: PDF, contentType: 'text/plain' } },
        { name: 'files', file: { filename: 'syslog.log', data: LOG } },
      ]),
    });
    expect(res.statusCode, res.body).toBe(201);
    const files = res.json().messages.at(-1).attachments;
    expect(files.map((f: { contentType: string }) => f.contentType)).toEqual([
      'application/pdf',
      'text/plain; charset=utf-8',
    ]);
  });

  it('bad type → 415 (HTML, executables), too big → 413, too many → 413, all in the error shape and nothing kept', async () => {
    const before = (await a.as({ url: `/api/tickets/${ticketId}` })).json().messages.length;
    const send = (files: Array<{ filename: string; data: Buffer }>) =>
      a.as({
        method: 'POST',
        url: `/api/tickets/${ticketId}/messages`,
        ...multipart([
          { name: 'message', value: 'Archivos' },
          ...files.map((file) => ({ name: 'files', file })),
        ]),
      });
    for (const bad of [
      { filename: 'page.png', data: HTML },
      { filename: 'tool.exe', data: EXE },
    ]) {
      const res = await send([bad]);
      expect(res.statusCode).toBe(415);
      expect(res.json().error.code).toBe('unsupported_media_type');
    }
    const tooMany = await send(Array.from({ length: 6 }, (_, i) => ({ filename: `f${i}.png`, data: PNG })));
    expect(tooMany.statusCode).toBe(413);
    expect(tooMany.json().error.code).toBe('payload_too_large');

    await t.container.settings.set('tickets.maxFileBytes', 2048);
    try {
      const big = await send([{ filename: 'big.log', data: Buffer.alloc(4096, 'a') }]);
      expect(big.statusCode).toBe(413);
      expect(big.json().error).toMatchObject({ code: 'payload_too_large', message: expect.any(String) });
    } finally {
      await t.container.settings.set('tickets.maxFileBytes', 10 * 1024 * 1024);
    }
    expect((await a.as({ url: `/api/tickets/${ticketId}` })).json().messages.length).toBe(before);
  });

  it('an attachment on an internal note is not the customer’s to download', async () => {
    const note = await asStaff({
      method: 'POST',
      url: `/api/admin/tickets/${ticketId}/messages`,
      ...multipart([
        { name: 'message', value: 'Captura interna' },
        { name: 'internal', value: 'true' },
        { name: 'files', file: { filename: 'interna.png', data: PNG } },
      ]),
    });
    expect(note.statusCode, note.body).toBe(201);
    const internalFile = note.json().messages.at(-1);
    expect(internalFile.internal).toBe(true);
    const res = await a.as({ url: `/api/tickets/${ticketId}/attachments/${internalFile.attachments[0].id}` });
    expect(res.statusCode).toBe(404);
  });
});
