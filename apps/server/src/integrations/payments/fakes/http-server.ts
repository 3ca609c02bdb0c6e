import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The tiny HTTP server under every provider fake: listens on 127.0.0.1:0, records each request, and offers the
 * fault controls all fakes share (latency to exercise client timeouts, forced error answers).
 */
export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** JSON or form body as parsed by the fake (form bodies keep Stripe's bracket nesting). */
  body: unknown;
}

export interface FakeReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type FakeRoute = (req: RecordedRequest) => FakeReply | Promise<FakeReply>;

export class FakeHttpServer {
  readonly requests: RecordedRequest[] = [];
  private server: Server | null = null;
  private baseUrl = '';
  private latencyMs = 0;
  private readonly forced: FakeReply[] = [];
  private readonly forcedOn: { method: string; path: RegExp; reply: FakeReply }[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly route: FakeRoute,
    private readonly parseBody: (raw: string, contentType: string) => unknown = parseJsonOrForm,
  ) {}

  /** `http://127.0.0.1:PORT`, set once started. */
  get url(): string {
    if (!this.baseUrl) throw new Error('Fake server is not started');
    return this.baseUrl;
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const rawBody = Buffer.concat(chunks).toString('utf8');
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        let body: unknown;
        try {
          body = this.parseBody(rawBody, String(req.headers['content-type'] ?? ''));
        } catch {
          body = undefined;
        }
        const recorded: RecordedRequest = {
          method: req.method ?? 'GET',
          path: url.pathname,
          query: url.searchParams,
          headers: req.headers,
          rawBody,
          body,
        };
        this.requests.push(recorded);
        void this.answer(recorded, res);
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const server = this.server;
    if (!server) return;
    this.server = null;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Every answer waits this long (0 = none): a latency above the adapter's timeout simulates a hung provider. */
  setLatency(ms: number): void {
    this.latencyMs = ms;
  }

  /** The next `times` requests get this answer instead of being handled (e.g. 500, 503, 429). */
  failNext(status = 500, times = 1, body: unknown = { message: 'Internal server error (fake)' }): void {
    for (let i = 0; i < times; i++) this.forced.push({ status, body });
  }

  /**
   * The next request to `method` + a path matching `path` gets this answer instead of being handled; requests to
   * other routes are served normally (e.g. fail the refund POST but not the lookup before it).
   */
  failNextOn(
    method: string,
    path: RegExp,
    status = 500,
    body: unknown = { message: 'Internal server error (fake)' },
  ): void {
    this.forcedOn.push({ method, path, reply: { status, body } });
  }

  /** Forgets recorded requests. */
  clearRequests(): void {
    this.requests.length = 0;
  }

  private takeForcedOn(req: RecordedRequest): FakeReply | undefined {
    const at = this.forcedOn.findIndex((f) => f.method === req.method && f.path.test(req.path));
    return at === -1 ? undefined : this.forcedOn.splice(at, 1)[0]!.reply;
  }

  private async answer(req: RecordedRequest, res: ServerResponse): Promise<void> {
    if (this.latencyMs > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          resolve();
        }, this.latencyMs);
        this.timers.add(timer);
      });
      if (res.destroyed) return;
    }
    let reply: FakeReply;
    try {
      reply = this.forced.shift() ?? this.takeForcedOn(req) ?? (await this.route(req));
    } catch (error) {
      reply = { status: 500, body: { message: error instanceof Error ? error.message : String(error) } };
    }
    if (res.destroyed) return;
    const headers: Record<string, string> = { ...reply.headers };
    let payload = '';
    if (reply.body !== undefined) {
      payload = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
      headers['content-type'] ??=
        typeof reply.body === 'string' ? 'text/html; charset=utf-8' : 'application/json';
    }
    res.writeHead(reply.status, headers);
    res.end(payload);
  }
}

export function parseJsonOrForm(raw: string, contentType: string): unknown {
  if (!raw) return undefined;
  if (contentType.includes('application/x-www-form-urlencoded')) return parseBracketForm(raw);
  return JSON.parse(raw);
}

/**
 * Decodes Stripe-style form encoding (`line_items[0][price_data][currency]=usd`) into nested objects and arrays —
 * the inverse of what the Stripe SDK sends.
 */
export function parseBracketForm(raw: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    const match = /^([^[\]]+)((?:\[[^\]]*\])*)$/.exec(key);
    if (!match) continue;
    const segments = [match[1]!, ...[...(match[2] ?? '').matchAll(/\[([^\]]*)\]/g)].map((m) => m[1]!)];
    let node: Record<string, unknown> = root;
    segments.forEach((segment, i) => {
      if (i === segments.length - 1) {
        node[segment] = value;
        return;
      }
      const next = node[segment];
      if (typeof next !== 'object' || next === null) node[segment] = {};
      node = node[segment] as Record<string, unknown>;
    });
  }
  return arraysFromIndexedObjects(root) as Record<string, unknown>;
}

function arraysFromIndexedObjects(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value as Record<string, unknown>).map(
    ([k, v]) => [k, arraysFromIndexedObjects(v)] as const,
  );
  if (entries.length > 0 && entries.every(([k]) => /^\d+$/.test(k))) {
    return entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, v]) => v);
  }
  return Object.fromEntries(entries);
}

export function bearerToken(headers: IncomingHttpHeaders): string | undefined {
  const auth = headers.authorization;
  return auth?.startsWith('Bearer ') ? auth.slice('Bearer '.length) : undefined;
}

export function headerOf(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** Redirect answer for the fakes' "hosted checkout" pages. */
export function redirect(location: string): FakeReply {
  return { status: 303, headers: { location }, body: `<a href="${location}">${location}</a>` };
}

export function withQuery(url: string, params: Record<string, string>): string {
  const target = new URL(url);
  for (const [k, v] of Object.entries(params)) target.searchParams.set(k, v);
  return target.toString();
}
