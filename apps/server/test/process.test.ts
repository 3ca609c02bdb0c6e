import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { freePort } from './free-port.ts';

const SERVER = join(import.meta.dirname, '../src/main.ts');

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += String(d)));
  child.stderr.on('data', (d) => (output += String(d)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

async function waitReady(url: string, timeoutMs = 150_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) return;
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('server did not become ready');
}

/** How many of `pid`'s file descriptors are its listening TCP socket on `port` (Linux: /proc). */
function listeningDescriptors(pid: number, port: number): number {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set(
    readFileSync('/proc/net/tcp', 'utf8')
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter((f) => f[1]?.endsWith(`:${hexPort}`) && f[3] === '0A') // 0A: LISTEN
      .map((f) => f[9]),
  );
  return readdirSync(`/proc/${pid}/fd`).filter((fd) => {
    try {
      return inodes.has(/^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1] ?? '');
    } catch {
      return false; // closed while listing
    }
  }).length;
}

describe('the server process', () => {
  it('stops with one readable list of configuration problems, never a stack trace', async () => {
    const run = start({
      PORT: 'abc',
      DATABASE_URL: 'mysql://nope',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'cv-proc-')),
    });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('Cloud Vértice cannot start');
    expect(run.output()).toMatch(/PORT: /);
    expect(run.output()).toMatch(/DATABASE_URL: must be a postgres/);
    expect(run.output()).not.toMatch(/\n\s+at /);
  });

  it('starts on the embedded database, refuses a second process on the same DATA_DIR, and shuts down gracefully', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cv-proc-'));
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const first = start({ PORT: String(port), DATA_DIR: dataDir, APP_URL: url });
    try {
      await waitReady(url);
      expect(first.output()).toContain(`running at ${url}`);
      expect(first.output()).toContain('DEMO MODE');
      // A first start prints no library deprecation noise (Fastify's FSTDEP023 did, on every start).
      expect(first.output()).not.toMatch(/DeprecationWarning|FSTDEP/);
      const products = (await (await fetch(`${url}/api/products`)).json()) as { total: number };
      expect(products.total).toBe(8);
      // 64 descriptors of the one listening socket accept side by side (http/accept-handles.ts).
      await vi.waitFor(() => expect(listeningDescriptors(first.child.pid!, port)).toBe(64), {
        timeout: 10_000,
      });

      const second = start({ PORT: String(await freePort()), DATA_DIR: dataDir });
      expect(await second.exited).toBe(1);
      expect(second.output()).toMatch(/in use by another process/);

      // An in-flight request still completes after SIGTERM; then the process exits cleanly.
      const inFlight = fetch(`${url}/api/products?pageSize=100`).then((r) => r.status);
      first.child.kill('SIGTERM');
      expect(await inFlight).toBe(200);
      expect(await first.exited).toBe(0);
    } finally {
      first.child.kill('SIGKILL');
    }
  }, 240_000);
});
