import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:http2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeLocalNginx } from '../../../bench/nginx.ts';

// Debian's nginx runs deploy/nginx.conf (upstreams and listen swapped for local ones, TLS with a throwaway
// self-signed certificate) in front of two tiny upstreams that echo what they receive.
const dir = mkdtempSync(join(tmpdir(), 'cv-nginx-'));
const upstreams: Server[] = [];
let nginx: ReturnType<typeof spawn> | null = null;
let port = 0;

function upstream(name: string): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.url?.endsWith('/events')) {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: first\n\n'); // must reach the client at once, while the stream stays open
      return;
    }
    if (req.url?.startsWith('/assets/')) {
      res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-cache' });
      return res.end('x'.repeat(4000));
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({ upstream: name, xff: req.headers['x-forwarded-for'], payload: 'y'.repeat(3000) }),
    );
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

beforeAll(async () => {
  upstreams.push(await upstream('a'), await upstream('b'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  port = (probe.address() as AddressInfo).port;
  await new Promise<void>((r) => probe.close(() => r()));
  const args = writeLocalNginx({
    upstreams: upstreams.map((s) => `127.0.0.1:${(s.address() as AddressInfo).port}`),
    port,
    prefix: dir,
    tls: { cert: join(dir, 'cert.pem'), key: join(dir, 'key.pem') },
  });
  execFileSync('nginx', ['-t', ...args], { stdio: 'ignore' });
  nginx = spawn('nginx', args, { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    try {
      await get('/healthz');
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error('nginx did not start');
});

afterAll(async () => {
  nginx?.kill('SIGTERM');
  for (const s of upstreams) s.close();
  rmSync(dir, { recursive: true, force: true });
});

/** One HTTP/2 request over TLS (nginx must negotiate h2). */
function get(path: string, headers: Record<string, string> = {}, firstChunkOnly = false) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      const session = connect(`https://localhost:${port}`, { rejectUnauthorized: false });
      session.on('error', reject);
      const req = session.request({ ':path': path, 'accept-encoding': 'gzip', ...headers });
      let status = 0;
      let responseHeaders: Record<string, unknown> = {};
      const chunks: Buffer[] = [];
      req.on('response', (h) => {
        status = Number(h[':status']);
        responseHeaders = h;
      });
      req.on('data', (c: Buffer) => {
        chunks.push(c);
        if (firstChunkOnly) {
          req.close();
          session.close();
          resolve({ status, headers: responseHeaders, body: Buffer.concat(chunks).toString('utf8') });
        }
      });
      req.on('end', () => {
        session.close();
        resolve({ status, headers: responseHeaders, body: Buffer.concat(chunks).toString('latin1') });
      });
      req.on('error', reject);
      req.end();
    },
  );
}

describe('deploy/nginx.conf on Debian nginx', () => {
  it('serves HTTP/2 over TLS with HSTS, compresses, and balances over the replicas', async () => {
    const res = await get('/api/products');
    expect(res.status).toBe(200);
    expect(res.headers['strict-transport-security']).toMatch(/max-age=63072000/);
    expect(res.headers['content-encoding']).toBe('gzip');
    const seen = new Set<string>();
    for (let i = 0; i < 4; i++) {
      const plain = await get('/api/products', { 'accept-encoding': 'identity' });
      seen.add((JSON.parse(plain.body) as { upstream: string }).upstream);
    }
    expect([...seen].sort()).toEqual(['a', 'b']);
  });

  it('replaces a client-sent X-Forwarded-For with the real client address (one trusted hop)', async () => {
    const res = await get('/api/me', { 'x-forwarded-for': '203.0.113.66', 'accept-encoding': 'identity' });
    expect((JSON.parse(res.body) as { xff: string }).xff).toBe('127.0.0.1');
  });

  it('caches hashed assets for a year and streams Server-Sent Events without buffering', async () => {
    const asset = await get('/assets/index-abc123.js');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const events = await get('/api/vps/123/events', {}, true);
    expect(events.status).toBe(200);
    expect(events.body).toContain('data: first');
  });
});
