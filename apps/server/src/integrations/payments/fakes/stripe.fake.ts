import { createHash } from 'node:crypto';
import Stripe from 'stripe';
import type { StripeGatewayOptions } from '../stripe.ts';
import { bearerToken, headerOf, redirect, type FakeReply, type RecordedRequest } from './http-server.ts';
import { asObject, mustFind, ProviderFake, ReplayCache } from './provider-fake.ts';
import {
  StripeRefunds,
  stripeError,
  stripeId,
  type FakeStripeRefundStatus,
  type StripeIntentRecord,
} from './stripe-refunds.fake.ts';

export type { FakeStripeRefundStatus } from './stripe-refunds.fake.ts';

/**
 * Stateful fake of the slice of Stripe's API the adapter uses: POST /v1/checkout/sessions (form-encoded, with
 * Idempotency-Key replay/conflict), GET /v1/checkout/sessions/{id} (with `expand[]=payment_intent`), POST /v1/refunds
 * (same Idempotency-Key replay/conflict; see `stripe-refunds.fake.ts`), plus a "hosted checkout" page at `session.url`
 * (GET /pay/{id}?outcome=pay|async|cancel) that redirects like Stripe does.
 * Webhooks are signed with the real SDK's `generateTestHeaderString`, so `constructEvent` accepts them.
 */
export interface FakeStripeOptions {
  secretKey?: string;
  webhookSecret?: string;
}

type SessionRecord = Record<string, unknown> & { id: string; payment_intent: string | null };

export interface SignedStripeWebhook {
  headers: Record<string, string>;
  rawBody: Buffer;
  event: Record<string, unknown>;
}

export class FakeStripe extends ProviderFake {
  readonly secretKey: string;
  readonly webhookSecret: string;
  private readonly sessions = new Map<string, SessionRecord>();
  private readonly intents = new Map<string, StripeIntentRecord>();
  private readonly idempotency = new ReplayCache<{ fingerprint: string; reply: FakeReply }>();
  private readonly refunds = new StripeRefunds();

  constructor(options: FakeStripeOptions = {}) {
    super();
    this.secretKey = options.secretKey ?? 'sk_test_fake_cloudvertice';
    this.webhookSecret = options.webhookSecret ?? 'whsec_fake_cloudvertice';
  }

  /** Options for `createStripeGateway` pointed at this fake (SDK retries off so failures surface at once). */
  gatewayOptions(overrides: Partial<StripeGatewayOptions> = {}): StripeGatewayOptions {
    return {
      secretKey: this.secretKey,
      webhookSecret: this.webhookSecret,
      apiBase: this.url,
      maxNetworkRetries: 0,
      ...overrides,
    };
  }

  session(id: string): Record<string, unknown> {
    return structuredClone(this.mustGet(id));
  }

  /** Sessions in creation order. */
  listSessions(): Record<string, unknown>[] {
    return [...this.sessions.values()].map((s) => structuredClone(s));
  }

  /** Card payment succeeds: session complete + paid, PaymentIntent succeeded. */
  approve(id: string): Record<string, unknown> {
    return this.settle(id, 'complete', 'paid', 'succeeded');
  }

  /** Async method (boleto, OXXO, SEPA) submitted but not cleared: complete + unpaid, PaymentIntent processing. */
  setPending(id: string): Record<string, unknown> {
    return this.settle(id, 'complete', 'unpaid', 'processing');
  }

  /** The async payment failed (checkout.session.async_payment_failed): PaymentIntent back to requires_payment_method. */
  decline(id: string): Record<string, unknown> {
    return this.settle(id, 'complete', 'unpaid', 'requires_payment_method');
  }

  /** The session expired unpaid (checkout.session.expired). */
  expire(id: string): Record<string, unknown> {
    const session = this.mustGet(id);
    session.status = 'expired';
    session.url = null;
    return structuredClone(session);
  }

  /** Refunds created against this session's PaymentIntent, oldest first. */
  listRefunds(sessionId: string): Record<string, unknown>[] {
    return this.refunds.ofIntent(this.mustGet(sessionId).payment_intent);
  }

  /** Sum of this session's refunds that were not failed/canceled (what Stripe would count against the charge). */
  refundedAmount(sessionId: string): number {
    const intentId = this.mustGet(sessionId).payment_intent;
    return intentId ? this.refunds.refundedOn(intentId) : 0;
  }

  /** The next refund created gets this status (pending for slow methods, failed/canceled never count). One-shot. */
  setNextRefundStatus(status: FakeStripeRefundStatus): void {
    this.refunds.nextStatus.set(status);
  }

  /**
   * A webhook exactly as Stripe would POST it: `event.data.object` is the current session snapshot, the
   * Stripe-Signature header is computed with the webhook secret (override `secret`/`timestamp` to forge bad ones).
   */
  signedWebhook(
    type:
      | 'checkout.session.completed'
      | 'checkout.session.async_payment_succeeded'
      | 'checkout.session.async_payment_failed'
      | 'checkout.session.expired'
      | (string & {}),
    sessionId: string,
    options: { timestamp?: number; secret?: string } = {},
  ): SignedStripeWebhook {
    const event = {
      id: `evt_${stripeId(24)}`,
      object: 'event',
      api_version: Stripe.API_VERSION,
      created: Math.floor(Date.now() / 1000),
      data: { object: this.session(sessionId) },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
    };
    const payload = JSON.stringify(event, null, 2);
    const signature = Stripe.webhooks.generateTestHeaderString({
      payload,
      secret: options.secret ?? this.webhookSecret,
      timestamp: options.timestamp,
    });
    return {
      headers: { 'stripe-signature': signature, 'content-type': 'application/json; charset=utf-8' },
      rawBody: Buffer.from(payload, 'utf8'),
      event,
    };
  }

  private settle(
    id: string,
    status: string,
    paymentStatus: string,
    intentStatus: string,
  ): Record<string, unknown> {
    const session = this.mustGet(id);
    session.status = status;
    session.payment_status = paymentStatus;
    session.url = null;
    let intent = session.payment_intent ? this.intents.get(session.payment_intent) : undefined;
    if (!intent) {
      intent = {
        id: `pi_${stripeId(24)}`,
        object: 'payment_intent',
        amount: session.amount_total,
        amount_received: 0,
        currency: session.currency,
        created: Math.floor(Date.now() / 1000),
        livemode: false,
        metadata: { paymentId: (session.metadata as Record<string, string>).paymentId },
        status: intentStatus,
        latest_charge: null,
        last_payment_error: null,
      };
      this.intents.set(intent.id, intent);
      session.payment_intent = intent.id;
    }
    intent.status = intentStatus;
    intent.amount_received = intentStatus === 'succeeded' ? session.amount_total : 0;
    if (intentStatus === 'succeeded') intent.latest_charge ??= `ch_${stripeId(24)}`;
    intent.last_payment_error =
      intentStatus === 'requires_payment_method'
        ? {
            type: 'card_error',
            code: 'payment_intent_payment_attempt_failed',
            message: 'The payment failed.',
          }
        : null;
    return structuredClone(session);
  }

  private mustGet(id: string): SessionRecord {
    return mustFind(this.sessions, id, 'FakeStripe: no checkout session');
  }

  protected handle(req: RecordedRequest): FakeReply {
    const payMatch = /^\/pay\/([^/]+)$/.exec(req.path);
    if (req.method === 'GET' && payMatch)
      return this.hostedCheckout(payMatch[1]!, req.query.get('outcome') ?? 'pay');

    if (bearerToken(req.headers) !== this.secretKey) {
      return stripeError(401, 'invalid_request_error', 'Invalid API Key provided: sk_****', undefined);
    }
    if (req.method === 'POST' && req.path === '/v1/checkout/sessions') {
      return this.withIdempotency(req, (body) => this.createSession(body));
    }
    if (req.method === 'POST' && req.path === '/v1/refunds') {
      return this.withIdempotency(req, (body) =>
        this.refunds.create(this.intents.get(String(body.payment_intent ?? '')), body),
      );
    }
    const expireMatch = /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/.exec(req.path);
    if (req.method === 'POST' && expireMatch) {
      const session = this.sessions.get(decodeURIComponent(expireMatch[1]!));
      if (!session) {
        return stripeError(404, 'invalid_request_error', `No such checkout.session: '${expireMatch[1]}'`);
      }
      if (session.status !== 'open') {
        return stripeError(
          400,
          'invalid_request_error',
          `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${String(session.status)}".`,
        );
      }
      this.expire(session.id);
      return { status: 200, body: this.present(session, false) };
    }
    const getMatch = /^\/v1\/checkout\/sessions\/([^/]+)$/.exec(req.path);
    if (req.method === 'GET' && getMatch) {
      const session = this.sessions.get(decodeURIComponent(getMatch[1]!));
      if (!session) {
        return stripeError(
          404,
          'invalid_request_error',
          `No such checkout.session: '${getMatch[1]}'`,
          'session',
        );
      }
      const expand = [...req.query.entries()].filter(([k]) => k.startsWith('expand')).map(([, v]) => v);
      return { status: 200, body: this.present(session, expand.includes('payment_intent')) };
    }
    return stripeError(404, 'invalid_request_error', `Unrecognized request URL (${req.method}: ${req.path})`);
  }

  private withIdempotency(
    req: RecordedRequest,
    create: (body: Record<string, unknown>) => FakeReply,
  ): FakeReply {
    const key = headerOf(req.headers, 'idempotency-key');
    // Stripe scopes keys per account, not per endpoint: the path is part of what must match.
    const fingerprint = createHash('sha256').update(`${req.path}\n${req.rawBody}`).digest('hex');
    const previous = this.idempotency.get(key);
    if (previous && previous.fingerprint !== fingerprint) {
      return stripeError(
        400,
        'idempotency_error',
        `Keys for idempotent requests can only be used with the same parameters they were first used with.`,
      );
    }
    if (previous)
      return { ...previous.reply, headers: { ...previous.reply.headers, 'idempotent-replayed': 'true' } };
    return this.idempotency.answer(
      key,
      () => ({ fingerprint, reply: create(asObject(req.body)) }),
      (answer) => answer.reply.status < 500,
    ).reply;
  }

  private createSession(params: Record<string, unknown>): FakeReply {
    if (params.mode !== 'payment') return stripeError(400, 'invalid_request_error', 'Invalid mode', 'mode');
    const items = Array.isArray(params.line_items) ? (params.line_items as Record<string, unknown>[]) : [];
    if (items.length === 0) {
      return stripeError(
        400,
        'invalid_request_error',
        'line_items is required in payment mode',
        'line_items',
      );
    }
    let amountTotal = 0;
    let currency: string | null = null;
    for (const [i, item] of items.entries()) {
      const priceData = (item.price_data ?? {}) as Record<string, unknown>;
      const product = (priceData.product_data ?? {}) as Record<string, unknown>;
      const unitAmount = String(priceData.unit_amount ?? '');
      if (!/^\d+$/.test(unitAmount)) {
        return stripeError(
          400,
          'invalid_request_error',
          'Invalid integer: ' + unitAmount,
          `line_items[${i}][price_data][unit_amount]`,
        );
      }
      if (typeof priceData.currency !== 'string' || !/^[a-z]{3}$/.test(priceData.currency)) {
        return stripeError(
          400,
          'invalid_request_error',
          'Invalid currency',
          `line_items[${i}][price_data][currency]`,
        );
      }
      if (!product.name) {
        return stripeError(
          400,
          'invalid_request_error',
          'Missing required param',
          `line_items[${i}][price_data][product_data][name]`,
        );
      }
      currency = priceData.currency;
      amountTotal += Number(unitAmount) * Number(item.quantity ?? 1);
    }
    for (const param of ['success_url', 'cancel_url'] as const) {
      if (typeof params[param] !== 'string' || !URL.canParse(params[param])) {
        return stripeError(400, 'invalid_request_error', `Not a valid URL`, param);
      }
    }
    const id = `cs_test_${stripeId(58)}`;
    const now = Math.floor(Date.now() / 1000);
    const session: SessionRecord = {
      id,
      object: 'checkout.session',
      amount_subtotal: amountTotal,
      amount_total: amountTotal,
      cancel_url: params.cancel_url,
      client_reference_id: params.client_reference_id ?? null,
      created: now,
      currency,
      customer: null,
      customer_email: params.customer_email ?? null,
      expires_at: now + 24 * 3600,
      livemode: false,
      locale: params.locale ?? null,
      metadata: params.metadata ?? {},
      mode: 'payment',
      payment_intent: null,
      payment_method_types: ['card'],
      payment_status: 'unpaid',
      status: 'open',
      success_url: params.success_url,
      url: `${this.url}/pay/${id}`,
    };
    this.sessions.set(id, session);
    return { status: 200, body: this.present(session, false) };
  }

  private present(session: SessionRecord, expandIntent: boolean): Record<string, unknown> {
    const copy: Record<string, unknown> = structuredClone(session);
    if (expandIntent && session.payment_intent)
      copy.payment_intent = structuredClone(this.intents.get(session.payment_intent));
    return copy;
  }

  /** What the customer's browser sees at `session.url`: pay (card), async (submitted, not cleared) or cancel. */
  private hostedCheckout(id: string, outcome: string): FakeReply {
    const session = this.sessions.get(id);
    if (!session || session.status !== 'open')
      return { status: 404, body: '<h1>Checkout session not found</h1>' };
    if (outcome === 'cancel') return redirect(String(session.cancel_url));
    if (outcome === 'async') this.setPending(id);
    else this.approve(id);
    return redirect(String(session.success_url).replace('{CHECKOUT_SESSION_ID}', id));
  }
}

export async function startFakeStripe(options: FakeStripeOptions = {}): Promise<FakeStripe> {
  return new FakeStripe(options).start();
}
