import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { useTestApp, type TestApp } from '../app.ts';
import { AppError } from '../../src/lib/errors.ts';
import { createLogger } from '../../src/lib/logger.ts';

// Routes used only by these tests, registered before the app is ready.
function registerTestRoutes(app: TestApp['app']) {
  app.post('/api/__test/echo', async (req) => req.body);
  app.get('/api/__test/conflict', async () => {
    throw new AppError('conflict', 'Already there', { field: 'x' });
  });
  app.get('/api/__test/boom', async () => {
    throw new Error('database password is hunter2');
  });
}

const t = useTestApp({ seed: false, beforeReady: registerTestRoutes });

describe('HTTP core', () => {
  it('answers health and readiness', async () => {
    expect((await t.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject('/readyz')).json()).toMatchObject({ status: 'ready' });
  });

  it('puts an x-request-id on every response, echoing a well-formed incoming one', async () => {
    const fresh = await t.app.inject('/healthz');
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const echoed = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'trace-12345678' } });
    expect(echoed.headers['x-request-id']).toBe('trace-12345678');
    const rejected = await t.app.inject({
      url: '/healthz',
      headers: { 'x-request-id': 'bad id with spaces' },
    });
    expect(rejected.headers['x-request-id']).not.toBe('bad id with spaces');
  });

  it('answers unknown API routes with a JSON 404 in the error model', async () => {
    const res = await t.app.inject('/api/does-not-exist');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      error: { code: 'not_found', message: 'Route GET /api/does-not-exist not found' },
    });
  });

  it('turns malformed JSON into a 400, never a 500', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/__test/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"broken": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('bad_request');
  });

  it('maps AppError codes to statuses and hides unknown errors behind a 500 with the request id', async () => {
    const res = await t.app.inject('/api/__test/conflict');
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({
      error: { code: 'conflict', message: 'Already there', details: { field: 'x' } },
    });
    const boom = await t.app.inject('/api/__test/boom');
    expect(boom.statusCode).toBe(500);
    expect(boom.json().error.code).toBe('internal_error');
    expect(boom.json().error.requestId).toBe(boom.headers['x-request-id']);
    expect(boom.body).not.toContain('database password');
  });

  it('publishes OpenAPI 3 and the Swagger UI', async () => {
    const spec = (await t.app.inject('/api/openapi.json')).json();
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        '/api/products',
        '/api/products/{id}',
        '/api/regions',
        '/api/images',
        '/healthz',
      ]),
    );
    const docs = await t.app.inject('/api/docs/');
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });

  it('sends security headers', async () => {
    const res = await t.app.inject('/healthz');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('reports site facts with demo mode when nothing is configured', async () => {
    const site = (await t.app.inject('/api/site')).json();
    expect(site).toMatchObject({ name: 'Cloud Vértice', demoMode: true, currency: 'USD' });
    expect(site.demo).toEqual({ contaboSimulated: true, sandboxPayments: true, emailOutbox: true });
  });
});

describe('logger', () => {
  it('redacts credentials, tokens and the Authorization header', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger('info', sink);
    logger.info({
      req: { headers: { authorization: 'Bearer abc.def.ghi', cookie: 'session=xyz' } },
      body: { password: 'hunter2hunter2', refreshToken: 'rt-123', rootPassword: 'R00t!pass' },
    });
    const out = lines.join('');
    for (const secret of ['abc.def.ghi', 'session=xyz', 'hunter2hunter2', 'rt-123', 'R00t!pass']) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('[redacted]');
  });
});

describe('request bodies', () => {
  it('treats an empty JSON body as no body, and still rejects malformed JSON', async () => {
    const empty = await t.app.inject({
      method: 'POST',
      url: '/api/__test/echo',
      headers: { 'content-type': 'application/json' },
      payload: '',
    });
    expect(empty.statusCode).toBe(200);
    const proto = await t.app.inject({
      method: 'POST',
      url: '/api/__test/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"__proto__": {"polluted": true}}',
    });
    expect(proto.statusCode).toBe(400);
  });
});
