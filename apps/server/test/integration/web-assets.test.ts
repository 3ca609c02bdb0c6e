// Issue #16 item 8: the web app is served compressed and cacheable, and HEAD is answered wherever GET is.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../app.ts';
import { TEST_ENGINE } from '../db.ts';

const HTML = `<!doctype html><html><head><title>Cloud Vértice</title></head><body>${'<p>plan</p>'.repeat(200)}</body></html>`;
const SCRIPT = `console.log(${JSON.stringify('Vértice '.repeat(400))});`;
const ASSET = '/assets/index-DWNF9Jgn.js';

let t: TestApp;
let root: string;
beforeAll(async () => {
  // A built web app as `vite build` leaves it: hashed assets with their .br/.gz twins, index.html likewise.
  root = await mkdtemp(path.join(tmpdir(), 'cv-web-'));
  await mkdir(path.join(root, 'assets'));
  for (const [file, body] of [
    ['index.html', HTML],
    [ASSET.slice(1), SCRIPT],
  ] as const) {
    await writeFile(path.join(root, file), body);
    await writeFile(path.join(root, `${file}.br`), brotliCompressSync(body));
    await writeFile(path.join(root, `${file}.gz`), gzipSync(body));
  }
  await writeFile(path.join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  t = await createTestApp({ seed: false, webRoot: root });
});
afterAll(async () => {
  await t.close();
  await rm(root, { recursive: true, force: true });
});

describe(`web app delivery (${TEST_ENGINE})`, () => {
  it('caches hashed assets for a year and revalidates HTML and unhashed files', async () => {
    const asset = await t.app.inject({ method: 'GET', url: ASSET });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const url of ['/', '/pricing', '/panel/servers/abc', '/favicon.svg']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
    }
  });

  it('sends brotli or gzip to browsers that accept them, plain bytes otherwise', async () => {
    const br = await t.app.inject({ method: 'GET', url: ASSET, headers: { 'accept-encoding': 'gzip, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(SCRIPT);

    const gz = await t.app.inject({ method: 'GET', url: '/pricing', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['cache-control']).toBe('no-cache');
    expect(gz.headers['content-type']).toMatch(/text\/html/);
    expect(gunzipSync(gz.rawPayload).toString()).toBe(HTML);

    const plain = await t.app.inject({ method: 'GET', url: ASSET });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);
  });

  it('answers HEAD wherever GET answers (HEAD / is 200, as uptime monitors expect)', async () => {
    for (const url of ['/', '/pricing', ASSET, '/favicon.svg', '/healthz', '/api/products']) {
      const res = await t.app.inject({ method: 'HEAD', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toBe('');
    }
    // Unknown API paths and missing files stay JSON 404s.
    expect((await t.app.inject({ method: 'HEAD', url: '/api/nope' })).statusCode).toBe(404);
    const missing = await t.app.inject({ method: 'GET', url: '/assets/missing-12345678.js' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('not_found');
  });
});
