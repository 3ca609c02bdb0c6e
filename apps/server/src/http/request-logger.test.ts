import { Writable } from 'node:stream';
import Fastify, { LogController, type FastifyBaseLogger } from 'fastify';
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lazyRequestLogger } from './request-logger.ts';

function memoryLogger(level: string) {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const logger = pino({ level }, stream);
  const child = vi.spyOn(logger, 'child');
  return { logger, lines, child };
}

async function appWith(level: string) {
  const log = memoryLogger(level);
  const app = Fastify({
    loggerInstance: log.logger as FastifyBaseLogger,
    childLoggerFactory: lazyRequestLogger,
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: () => 'req-1',
  });
  app.get('/quiet', async (request) => {
    request.log.info({ detail: 'not at warn' }, 'below the level');
    request.log.debug('below the level too');
    return { ok: true };
  });
  app.get('/loud', async (request) => {
    request.log.warn({ detail: 42 }, 'something to see');
    request.log.error('and more');
    return { ok: true, level: request.log.level };
  });
  app.get('/chatty', { logLevel: 'debug' }, async (request) => {
    request.log.debug('route level');
    return { ok: true };
  });
  app.get('/nested', async (request) => {
    request.log.child({ module: 'inner' }).warn('from a child');
    return { bindings: (request.log as unknown as pino.Logger).bindings() };
  });
  await app.ready();
  return { app, ...log };
}

describe('per-request logger', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => close?.());

  it('builds no child for a request that writes nothing at the configured level', async () => {
    const { app, lines, child } = await appWith('warn');
    close = () => app.close();
    child.mockClear();
    const res = await app.inject('/quiet');
    expect(res.statusCode).toBe(200);
    expect(child).not.toHaveBeenCalled();
    expect(lines).toEqual([]);
  });

  it('writes lines with the request id bound, building the child once', async () => {
    const { app, lines, child } = await appWith('warn');
    close = () => app.close();
    child.mockClear();
    const res = await app.inject('/loud');
    expect(res.json()).toEqual({ ok: true, level: 'warn' });
    expect(child).toHaveBeenCalledTimes(1);
    expect(lines.map((l) => [l.reqId, l.msg, l.level])).toEqual([
      ['req-1', 'something to see', 40],
      ['req-1', 'and more', 50],
    ]);
    expect(lines[0]!.detail).toBe(42);
  });

  it("honours a route's own log level, and nested children keep the request id", async () => {
    const { app, lines } = await appWith('warn');
    close = () => app.close();
    await app.inject('/chatty');
    expect(lines.map((l) => [l.reqId, l.msg])).toEqual([['req-1', 'route level']]);
    const nested = await app.inject('/nested');
    expect(nested.json().bindings).toMatchObject({ reqId: 'req-1' });
    expect(lines.at(-1)).toMatchObject({ reqId: 'req-1', module: 'inner', msg: 'from a child' });
  });
});
