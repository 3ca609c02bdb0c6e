import { FakeHttpServer, type FakeReply, type RecordedRequest } from './http-server.ts';

/**
 * What the three provider fakes share: a recording HTTP server routed to the fake, idempotency-key replay, one-shot
 * outcomes the test sets for the next call, and the small readers of request bodies and amounts.
 */
export abstract class ProviderFake {
  readonly server: FakeHttpServer;

  constructor() {
    this.server = new FakeHttpServer((req) => this.handle(req));
  }

  /** `http://127.0.0.1:PORT` once started. */
  get url(): string {
    return this.server.url;
  }

  /** Starts listening; resolves to the fake itself (`await new FakeX().start()`). */
  async start(): Promise<this> {
    await this.server.start();
    return this;
  }

  protected abstract handle(req: RecordedRequest): FakeReply | Promise<FakeReply>;
}

/**
 * Idempotency-key replay as the providers do it: the first answer worth keeping (`keep`) is what a repeated key gets,
 * without doing the work again; no key, no replay.
 */
export class ReplayCache<T> {
  private readonly answers = new Map<string, T>();

  get(key: string | undefined): T | undefined {
    return key === undefined ? undefined : this.answers.get(key);
  }

  remember(key: string | undefined, answer: T): void {
    if (key !== undefined) this.answers.set(key, answer);
  }

  answer(key: string | undefined, create: () => T, keep: (answer: T) => boolean): T {
    const previous = this.get(key);
    if (previous !== undefined) return previous;
    const answer = create();
    if (keep(answer)) this.remember(key, answer);
    return answer;
  }
}

/** A value the test sets for the next call only (e.g. the next refund's status); it then falls back to `usual`. */
export class OneShot<T> {
  private next: T;

  constructor(private readonly usual: T) {
    this.next = usual;
  }

  set(value: T): void {
    this.next = value;
  }

  take(): T {
    const value = this.next;
    this.next = this.usual;
    return value;
  }
}

/** A parsed JSON body as an object (anything else reads as an empty one, as the providers' validation sees it). */
export function asObject(input: unknown): Record<string, unknown> {
  return (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
}

/** Digits after the decimal point as written ("12.5" → 1, 12 → 0). */
export function decimalPlaces(value: string | number): number {
  return String(value).split('.')[1]?.length ?? 0;
}

/** The record with this id, or a test error (`what` names the fake and the kind: "FakeStripe: no checkout session"). */
export function mustFind<K, V>(map: Map<K, V>, id: K, what: string): V {
  const found = map.get(id);
  if (found === undefined) throw new Error(`${what} ${String(id)}`);
  return found;
}
