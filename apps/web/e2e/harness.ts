// Browser-test harness: starts the real server (which serves the built web app) on a free port with a fresh
// DATA_DIR, and drives Debian's Chromium through playwright-core. Set E2E_BASE_URL to test an already running
// server instead (nothing is spawned then).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'screenshots');
const WEB_DIST_INDEX = path.join(REPO_ROOT, 'apps/web/dist/index.html');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

export type TestServer = { baseUrl: string; stop: () => Promise<void> };

/**
 * The administrator the spawned server creates on start (ADMIN_EMAIL/ADMIN_PASSWORD), so tests can read the e-mail
 * outbox through the admin API. Against E2E_BASE_URL, the same variables must name an admin of that server.
 */
export const E2E_ADMIN = {
  email: process.env.ADMIN_EMAIL ?? 'admin-e2e@cloudvertice.test',
  password: process.env.ADMIN_PASSWORD ?? 'e2e-Admin-Password-2026',
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForReady(baseUrl: string, child: ChildProcess, output: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`Server exited with code ${child.exitCode} before it was ready:\n${output()}`);
    }
    try {
      const response = await fetch(`${baseUrl}/readyz`);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Server not ready after ${timeoutMs} ms:\n${output()}`);
}

type ServerOptions = NonNullable<Parameters<typeof startServerOnce>[0]>;

/**
 * Starts the real server, or uses E2E_BASE_URL when it is set. The port is found free and then given to the server,
 * so another process (a parallel test file, an outgoing connection) can take it in between: a start that failed with
 * EADDRINUSE is retried on a new port.
 */
export async function startServer(options: ServerOptions = {}): Promise<TestServer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startServerOnce(options);
    } catch (error) {
      if (attempt >= 3 || !String(error).includes('EADDRINUSE')) throw error;
    }
  }
}

async function startServerOnce({
  timeoutMs = 150_000,
  env = {},
  freshDatabase = false,
}: {
  timeoutMs?: number;
  /** Overrides of the spawned server's environment; `undefined` removes a variable (e.g. `APP_URL`). */
  env?: Record<string, string | undefined>;
  /**
   * Let the server create its embedded database itself (initdb and every migration), as a first `npm start` does.
   * Otherwise it starts from a copy of a migrated, empty one (see e2e/global-setup.ts): the same schema, seconds less.
   */
  freshDatabase?: boolean;
} = {}): Promise<TestServer> {
  const external = process.env.E2E_BASE_URL;
  if (external) return { baseUrl: external.replace(/\/$/, ''), stop: async () => undefined };

  if (!existsSync(WEB_DIST_INDEX)) {
    throw new Error('apps/web/dist is missing: run `npm run build -w apps/web` before the browser tests.');
  }
  const port = await freePort();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'cv-e2e-'));
  const baseUrl = `http://127.0.0.1:${port}`;
  let log = '';
  const childEnv: Record<string, string | undefined> = {
    ...process.env,
    PORT: String(port),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    APP_URL: baseUrl,
    ADMIN_EMAIL: E2E_ADMIN.email,
    ADMIN_PASSWORD: E2E_ADMIN.password,
    // Every browser context and API helper of a test shares 127.0.0.1, so the production limit of 100 requests
    // per minute per IP would throttle the test itself; the limits are tested in the server suite.
    RATE_LIMIT_IP_PER_MINUTE: '100000',
    ...env,
  };
  for (const key of Object.keys(childEnv)) if (childEnv[key] === undefined) delete childEnv[key];
  const template = inject('pgliteTemplateDir');
  if (!freshDatabase && template && !childEnv.DATABASE_URL) {
    await cp(path.join(template, 'pglite'), path.join(dataDir, 'pglite'), { recursive: true });
  }
  // The server suite's cheap password cost (test customers only; see apps/server/test/cheap-password-cost.ts).
  const preload = ['--import', './apps/server/test/cheap-password-cost.ts'];
  const child = spawn(process.execPath, ['--import', 'tsx', ...preload, 'apps/server/src/main.ts'], {
    cwd: REPO_ROOT,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const collect = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-8_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForReady(baseUrl, child, () => log, timeoutMs);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, stop };
}

export type E2e = { readonly server: TestServer; readonly browser: Browser; readonly baseUrl: string };

/**
 * The fixture of a test file: starts the server and Chromium before its tests and stops both after them. Call it at
 * the top of the file; read `server`, `browser` and `baseUrl` inside the tests.
 */
export function setupE2e(
  options: { env?: Record<string, string | undefined>; timeoutMs?: number; freshDatabase?: boolean } = {},
): E2e {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  beforeAll(
    async () => {
      server = await startServer(options);
      browser = await launchBrowser();
    },
    (options.timeoutMs ?? 150_000) + 30_000,
  );
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, 30_000);
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`The ${what} is not running: use it inside a test.`);
    return value;
  };
  return {
    get server() {
      return started(server, 'server');
    },
    get browser() {
      return started(browser, 'browser');
    },
    get baseUrl() {
      return started(server, 'server').baseUrl;
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
}

/** A fresh context (no stored language or theme) with a fixed locale, width and light colour scheme. */
export async function newPage(
  browser: Browser,
  options: { width?: number; height?: number; locale?: string } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    locale: options.locale ?? 'es-CO',
    colorScheme: 'light',
  });
  const page = await context.newPage();
  return { context, page };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** True when the page is wider than the viewport (horizontal scrolling). */
export async function hasHorizontalScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

/** Screenshots `<name>-1280` and `<name>-390`, checking there is no horizontal scroll at either width. */
export async function shootBoth(page: Page, name: string, ready: () => Promise<unknown>): Promise<void> {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: width > 500 ? 900 : 844 });
    await ready();
    // Full-page shots of a scrolled page draw the sticky header mid-page.
    await page.evaluate(() => window.scrollTo(0, 0));
    // Charts follow a resize on their ResizeObserver's next callback: a busy machine shows the old width for a moment
    // (the 390-px admin home once failed this way). A page still too wide after 3 s is a real overflow.
    await expect
      .poll(() => hasHorizontalScroll(page), { message: `${name} at ${width} px`, timeout: 3_000 })
      .toBe(false);
    await screenshot(page, `${name}-${width}`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}
