import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { helmetHeaders, registerSecurityHeaders } from './security-headers.ts';

describe('security headers computed once', () => {
  const options = {
    contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], frameAncestors: ["'none'"] } },
    frameguard: { action: 'deny' as const },
    hsts: false as const,
  };

  it("are Helmet's own headers for the options", () => {
    const headers = new Map(helmetHeaders(options));
    expect(headers.get('Content-Security-Policy')).toContain("default-src 'self'");
    expect(headers.get('X-Frame-Options')).toBe('DENY');
    expect(headers.has('Strict-Transport-Security')).toBe(false);
    expect(
      new Map(helmetHeaders({ ...options, hsts: { maxAge: 60 } })).get('Strict-Transport-Security'),
    ).toBe('max-age=60; includeSubDomains');
  });

  it('reach replies sent by Fastify and streams that write their own head', async () => {
    const app = Fastify();
    registerSecurityHeaders(app, options);
    app.get('/json', async () => ({ ok: true }));
    app.get('/stream', (_request, reply) => {
      reply.hijack();
      reply.raw.writeHead(200, { 'content-type': 'text/event-stream' });
      reply.raw.end('data: 1\n\n');
    });
    for (const url of ['/json', '/stream']) {
      const res = await app.inject(url);
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    }
    await app.close();
  });
});
