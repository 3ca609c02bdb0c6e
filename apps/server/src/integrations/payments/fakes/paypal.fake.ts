import type { PayPalGatewayOptions } from '../paypal.ts';
import { headerOf, redirect, withQuery, type FakeReply, type RecordedRequest } from './http-server.ts';
import { asObject, mustFind, ProviderFake, ReplayCache } from './provider-fake.ts';
import { PayPalOAuth } from './paypal-oauth.fake.ts';
import {
  isPayPalValue,
  PayPalRefunds,
  paypalDecimals,
  type FakePayPalRefundStatus,
} from './paypal-refunds.fake.ts';
import {
  notFound,
  PayPalWebhookSigner,
  randomId,
  unprocessable,
  type PayPalWebhookType,
  type SignedPayPalWebhook,
} from './paypal-webhooks.fake.ts';

/**
 * Stateful fake of PayPal's REST API: POST /v1/oauth2/token (Basic auth, expiring tokens), POST /v2/checkout/orders
 * (PayPal-Request-Id replay), GET /v2/checkout/orders/{id}, POST …/{id}/capture (PayPal-Request-Id replay,
 * ORDER_NOT_APPROVED / ORDER_ALREADY_CAPTURED / INSTRUMENT_DECLINED), and POST /v1/notifications/verify-webhook-signature,
 * which answers SUCCESS only for transmissions this fake signed (HMAC with a per-instance key over
 * `transmission_id|transmission_time|webhook_id|sha256(event)`, standing in for PayPal's certificate signature).
 * Refunds (POST /v2/payments/captures/{capture_id}/refund, GET /v2/payments/refunds/{id}): `paypal-refunds.fake.ts`.
 * The approval page is `GET /checkoutnow?token=<order>&outcome=approve|cancel`, redirecting like PayPal does.
 */
export interface FakePayPalOptions {
  clientId?: string;
  clientSecret?: string;
  webhookId?: string;
  /** Lifetime of issued access tokens (PayPal: ~9 hours). */
  tokenTtlSeconds?: number;
}

type NextCapture = 'COMPLETED' | 'PENDING' | 'DECLINED' | 'INSTRUMENT_DECLINED';
export type { FakePayPalRefundStatus } from './paypal-refunds.fake.ts';
type Order = Record<string, unknown> & {
  id: string;
  status: string;
  purchase_units: Record<string, unknown>[];
  nextCapture: NextCapture;
  returnUrl: string;
  cancelUrl: string;
};

export class FakePayPal extends ProviderFake {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly webhookId: string;
  private readonly oauth: PayPalOAuth;
  private readonly orders = new Map<string, Order>();
  private readonly createReplay = new ReplayCache<FakeReply>();
  private readonly captureReplay = new ReplayCache<FakeReply>();
  private readonly refunds = new PayPalRefunds(() => this.url);
  private readonly signer: PayPalWebhookSigner;

  constructor(options: FakePayPalOptions = {}) {
    super();
    this.clientId = options.clientId ?? 'fake-paypal-client-id';
    this.clientSecret = options.clientSecret ?? 'fake-paypal-client-secret';
    this.webhookId = options.webhookId ?? '1JE4291016473214C';
    this.oauth = new PayPalOAuth(this.clientId, this.clientSecret, options.tokenTtlSeconds ?? 32_400);
    this.signer = new PayPalWebhookSigner(this.webhookId, () => this.url);
  }

  /** How many OAuth2 tokens were issued (to assert caching). */
  get tokenRequests(): number {
    return this.oauth.requests;
  }

  gatewayOptions(overrides: Partial<PayPalGatewayOptions> = {}): PayPalGatewayOptions {
    return {
      clientId: this.clientId,
      clientSecret: this.clientSecret,
      webhookId: this.webhookId,
      mode: 'sandbox',
      apiBase: this.url,
      ...overrides,
    };
  }

  order(id: string): Record<string, unknown> {
    return this.present(this.mustGet(id));
  }

  /** The buyer approved on PayPal's page: status APPROVED with a payer. */
  approve(id: string): Record<string, unknown> {
    const order = this.mustGet(id);
    if (order.status === 'PAYER_ACTION_REQUIRED' || order.status === 'CREATED') {
      order.status = 'APPROVED';
      order.payer = {
        name: { given_name: 'Ana', surname: 'Pérez' },
        email_address: 'buyer@example.com',
        payer_id: 'QYR5Z8XDVJNXQ',
        address: { country_code: 'MX' },
      };
    }
    return this.present(order);
  }

  /** The next capture of this order is DECLINED (order COMPLETED, capture DECLINED → PAYMENT.CAPTURE.DENIED). */
  decline(id: string): void {
    this.mustGet(id).nextCapture = 'DECLINED';
  }

  /** The next capture of this order stays PENDING (e.g. eCheck, review); `completeCapture` clears it later. */
  setPending(id: string): void {
    this.mustGet(id).nextCapture = 'PENDING';
  }

  /** The next capture is refused with 422 INSTRUMENT_DECLINED (funding source failed; order stays APPROVED). */
  failNextCapture(id: string): void {
    this.mustGet(id).nextCapture = 'INSTRUMENT_DECLINED';
  }

  /** A PENDING capture clears. */
  completeCapture(id: string): Record<string, unknown> {
    const capture = this.captureOf(this.mustGet(id));
    if (capture) {
      capture.status = 'COMPLETED';
      delete capture.status_details;
    }
    return this.order(id);
  }

  /** PayPal voids an order that was never captured. */
  void(id: string): Record<string, unknown> {
    this.mustGet(id).status = 'VOIDED';
    return this.order(id);
  }

  /** Captures server-side as if another request (another instance, a manual capture) had done it. */
  captureNow(id: string): Record<string, unknown> {
    const reply = this.capture(this.mustGet(id));
    if (reply.status >= 300)
      throw new Error(`FakePayPal: cannot capture ${id}: ${JSON.stringify(reply.body)}`);
    return this.order(id);
  }

  /** The capture id of this order (after capture), as `purchase_units[0].payments.captures[0].id`. */
  captureId(orderId: string): string | undefined {
    const id = this.captureOf(this.mustGet(orderId))?.id;
    return typeof id === 'string' ? id : undefined;
  }

  /** Refunds of this order's capture, oldest first (full representation). */
  listRefunds(orderId: string): Record<string, unknown>[] {
    return this.refunds.ofCapture(this.captureId(orderId));
  }

  /** The next refund gets this status (PENDING: e.g. eCheck-funded; FAILED/CANCELLED do not count). One-shot. */
  setNextRefundStatus(status: FakePayPalRefundStatus): void {
    this.refunds.nextStatus.set(status);
  }

  /** Makes every issued access token invalid (PayPal answers 401 until a new one is fetched). */
  revokeTokens(): void {
    this.oauth.revokeAll();
  }

  /**
   * A webhook exactly as PayPal would POST it, with paypal-* transmission headers this fake will verify.
   * `PAYMENT.CAPTURE.*` carry the capture with supplementary_data.related_ids.order_id; order events the order.
   */
  signedWebhook(type: PayPalWebhookType | (string & {}), orderId: string): SignedPayPalWebhook {
    const order = this.mustGet(orderId);
    const isCapture = type.startsWith('PAYMENT.CAPTURE.');
    const resource = isCapture
      ? {
          ...structuredClone(this.captureOf(order) ?? {}),
          supplementary_data: { related_ids: { order_id: order.id } },
        }
      : this.present(order);
    return this.signer.sign({
      id: `WH-${randomId(17)}-${randomId(17)}`,
      event_version: '1.0',
      create_time: new Date().toISOString(),
      resource_type: isCapture ? 'capture' : 'checkout-order',
      resource_version: '2.0',
      event_type: type,
      summary: `Fake ${type}`,
      resource,
      links: [],
    });
  }

  private mustGet(id: string): Order {
    return mustFind(this.orders, id, 'FakePayPal: no order');
  }

  private captureOf(order: Order): Record<string, unknown> | undefined {
    const payments = order.purchase_units[0]?.payments as
      { captures?: Record<string, unknown>[] } | undefined;
    return payments?.captures?.[0];
  }

  private present(order: Order): Record<string, unknown> {
    const { nextCapture: _n, returnUrl: _r, cancelUrl: _c, ...visible } = structuredClone(order);
    return visible;
  }

  protected handle(req: RecordedRequest): FakeReply {
    if (req.method === 'GET' && req.path === '/checkoutnow') {
      return this.approvalPage(req.query.get('token') ?? '', req.query.get('outcome') ?? 'approve');
    }
    if (req.method === 'POST' && req.path === '/v1/oauth2/token') return this.oauth.issue(req);
    const refused = this.oauth.refusal(req);
    if (refused) return refused;
    if (req.method === 'POST' && req.path === '/v2/checkout/orders') {
      const requestId = headerOf(req.headers, 'paypal-request-id');
      const previous = this.createReplay.get(requestId);
      if (previous) return { ...previous, status: 200 };
      return this.createReplay.answer(
        requestId,
        () => this.createOrder(asObject(req.body)),
        (reply) => reply.status < 300,
      );
    }
    let match = /^\/v2\/checkout\/orders\/([^/]+)$/.exec(req.path);
    if (req.method === 'GET' && match) {
      const order = this.orders.get(decodeURIComponent(match[1]!));
      return order ? { status: 200, body: this.present(order) } : notFound(match[1]!);
    }
    match = /^\/v2\/checkout\/orders\/([^/]+)\/capture$/.exec(req.path);
    if (req.method === 'POST' && match) {
      const order = this.orders.get(decodeURIComponent(match[1]!));
      if (!order) return notFound(match[1]!);
      const requestId = headerOf(req.headers, 'paypal-request-id');
      const key = requestId ? `${order.id}:${requestId}` : undefined;
      return this.captureReplay.answer(
        key,
        () => this.capture(order),
        (reply) => reply.status < 300,
      );
    }
    match = /^\/v2\/payments\/captures\/([^/]+)\/refund$/.exec(req.path);
    if (req.method === 'POST' && match) {
      const found = this.findCapture(decodeURIComponent(match[1]!));
      return found ? this.refunds.route(found.order, found.capture, req) : notFound(match[1]!);
    }
    match = /^\/v2\/payments\/refunds\/([^/]+)$/.exec(req.path);
    if (req.method === 'GET' && match) {
      const refund = this.refunds.find(decodeURIComponent(match[1]!));
      return refund ? { status: 200, body: refund } : notFound(match[1]!);
    }
    if (req.method === 'POST' && req.path === '/v1/notifications/verify-webhook-signature') {
      return this.signer.verify(req.body);
    }
    return {
      status: 404,
      body: { name: 'NOT_FOUND', message: `No route ${req.method} ${req.path}`, debug_id: randomId(13) },
    };
  }

  private createOrder(body: Record<string, unknown>): FakeReply {
    if (body.intent !== 'CAPTURE' && body.intent !== 'AUTHORIZE') {
      return unprocessable(400, 'INVALID_REQUEST', 'MISSING_REQUIRED_PARAMETER', '/intent');
    }
    const units = Array.isArray(body.purchase_units)
      ? (body.purchase_units as Record<string, unknown>[])
      : [];
    const amount = (units[0]?.amount ?? {}) as Record<string, unknown>;
    const currency = String(amount.currency_code ?? '');
    const value = String(amount.value ?? '');
    if (!/^[A-Z]{3}$/.test(currency)) {
      return unprocessable(
        400,
        'INVALID_REQUEST',
        'INVALID_PARAMETER_VALUE',
        '/purchase_units/@reference_id/amount/currency_code',
      );
    }
    if (!isPayPalValue(value, paypalDecimals(currency))) {
      return unprocessable(
        422,
        'UNPROCESSABLE_ENTITY',
        'DECIMAL_PRECISION',
        '/purchase_units/@reference_id/amount/value',
      );
    }
    const source = (body.payment_source ?? {}) as {
      paypal?: { experience_context?: Record<string, unknown> };
    };
    const context = source.paypal?.experience_context ?? {};
    if (typeof context.return_url !== 'string' || typeof context.cancel_url !== 'string') {
      return unprocessable(
        422,
        'UNPROCESSABLE_ENTITY',
        'MISSING_REQUIRED_PARAMETER',
        '/payment_source/paypal/experience_context/return_url',
      );
    }
    const id = randomId(17).toUpperCase();
    const order: Order = {
      id,
      intent: body.intent,
      status: 'PAYER_ACTION_REQUIRED',
      payment_source: { paypal: {} },
      purchase_units: units.map((unit) => ({
        reference_id: 'default',
        ...structuredClone(unit),
        payee: { email_address: 'merchant@cloudvertice.test', merchant_id: 'C7CYMKZDG8D6E' },
      })),
      create_time: new Date().toISOString(),
      links: [
        { href: `${this.url}/v2/checkout/orders/${id}`, rel: 'self', method: 'GET' },
        { href: `${this.url}/checkoutnow?token=${id}`, rel: 'payer-action', method: 'GET' },
      ],
      nextCapture: 'COMPLETED',
      returnUrl: context.return_url,
      cancelUrl: context.cancel_url,
    };
    this.orders.set(id, order);
    return { status: 201, body: this.present(order) };
  }

  private capture(order: Order): FakeReply {
    if (order.status === 'COMPLETED') {
      return unprocessable(422, 'UNPROCESSABLE_ENTITY', 'ORDER_ALREADY_CAPTURED');
    }
    if (order.status !== 'APPROVED') return unprocessable(422, 'UNPROCESSABLE_ENTITY', 'ORDER_NOT_APPROVED');
    if (order.nextCapture === 'INSTRUMENT_DECLINED') {
      order.nextCapture = 'COMPLETED';
      return unprocessable(422, 'UNPROCESSABLE_ENTITY', 'INSTRUMENT_DECLINED');
    }
    const unit = order.purchase_units[0]!;
    const now = new Date().toISOString();
    const capture: Record<string, unknown> = {
      id: randomId(17).toUpperCase(),
      status: order.nextCapture,
      amount: structuredClone(unit.amount),
      final_capture: true,
      seller_protection: {
        status: 'ELIGIBLE',
        dispute_categories: ['ITEM_NOT_RECEIVED', 'UNAUTHORIZED_TRANSACTION'],
      },
      custom_id: unit.custom_id,
      create_time: now,
      update_time: now,
    };
    if (order.nextCapture === 'PENDING') capture.status_details = { reason: 'PENDING_REVIEW' };
    unit.payments = { captures: [capture] };
    order.status = 'COMPLETED';
    order.update_time = now;
    return { status: 201, body: this.present(order) };
  }

  private findCapture(captureId: string): { order: Order; capture: Record<string, unknown> } | undefined {
    for (const order of this.orders.values()) {
      const capture = this.captureOf(order);
      if (capture?.id === captureId) return { order, capture };
    }
    return undefined;
  }

  private approvalPage(orderId: string, outcome: string): FakeReply {
    const order = this.orders.get(orderId);
    if (!order) return { status: 404, body: '<h1>Order not found</h1>' };
    if (outcome === 'cancel') return redirect(withQuery(order.cancelUrl, { token: order.id }));
    const approved = this.approve(order.id) as { payer?: { payer_id?: string } };
    return redirect(withQuery(order.returnUrl, { token: order.id, PayerID: approved.payer?.payer_id ?? '' }));
  }
}

export async function startFakePayPal(options: FakePayPalOptions = {}): Promise<FakePayPal> {
  return new FakePayPal(options).start();
}
