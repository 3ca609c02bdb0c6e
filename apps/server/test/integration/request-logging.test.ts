// Issue #16 item 9: in a terminal, request lines are debug-level (the banner stays readable); production's JSON
// request lines at info are unchanged.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { createLogger } from '../../src/lib/logger.ts';
import { useTestApp } from '../app.ts';
import { TEST_ENGINE } from '../db.ts';

const lines: Array<{ level: number; msg: string; req?: { url: string } }> = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
    done();
  },
});

const t = useTestApp({ seed: false, logger: createLogger('info', sink) });

const requestLines = (url: string) => lines.filter((l) => l.req?.url === url);

describe(`request logging (${TEST_ENGINE})`, () => {
  it('logs each request as JSON at info by default (production, piped output)', async () => {
    await t.app.inject({ method: 'GET', url: '/healthz?default' });
    await new Promise((resolve) => setImmediate(resolve));
    const logged = requestLines('/healthz?default');
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.every((l) => l.level === 30)).toBe(true);
  });

  it('keeps request lines at debug for a terminal: none at info, all of them at debug', async () => {
    for (const level of ['info', 'debug'] as const) {
      const container = { ...t.container, logger: createLogger(level, sink) };
      const app = await buildApp(container, { serveWeb: false, requestLogLevel: 'debug' });
      await app.ready();
      const url = `/healthz?terminal-${level}`;
      await app.inject({ method: 'GET', url });
      await new Promise((resolve) => setImmediate(resolve));
      const logged = requestLines(url);
      if (level === 'info') expect(logged).toEqual([]);
      else {
        expect(logged).toHaveLength(1);
        expect(logged[0]).toMatchObject({ level: 20, msg: 'request completed' });
      }
    }
  });
});
