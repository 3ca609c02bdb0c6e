import { createHmac, randomUUID } from 'node:crypto';
import { currencyDigits } from '../amounts.ts';
import type { MercadoPagoGatewayOptions } from '../mercadopago.ts';
import {
  bearerToken,
  headerOf,
  redirect,
  withQuery,
  type FakeReply,
  type RecordedRequest,
} from './http-server.ts';
import {
  MercadoPagoRefunds,
  mpError,
  type FakeMpRefundStatus,
  type MpPaymentRecord,
} from './mercadopago-refunds.fake.ts';
import { asObject, decimalPlaces, mustFind, ProviderFake, ReplayCache } from './provider-fake.ts';

export type { FakeMpRefundStatus } from './mercadopago-refunds.fake.ts';

/**
 * Stateful fake of MercadoPago Checkout Pro: POST /checkout/preferences (X-Idempotency-Key replay),
 * GET /checkout/preferences/{id}, GET /v1/payments/{id}, POST /v1/payments/{id}/refunds (`mercadopago-refunds.fake.ts`)
 * and GET /v1/payments/{id}/refunds. Payments are created by the test (`pay`) or by the
 * "hosted checkout" at `init_point` (GET /checkout/v1/redirect?pref_id=…&outcome=approved|pending|rejected|abandon),
 * which redirects to back_urls with the query MercadoPago appends. Webhooks are signed with the documented
 * x-signature HMAC scheme.
 */
export interface FakeMercadoPagoOptions {
  accessToken?: string;
  webhookSecret?: string;
}

export type FakeMpPaymentType = 'credit_card' | 'debit_card' | 'account_money' | 'ticket' | 'bank_transfer';

export interface FakePayOptions {
  status?: 'approved' | 'pending' | 'in_process' | 'rejected';
  paymentTypeId?: FakeMpPaymentType;
  statusDetail?: string;
}

export interface SignedMercadoPagoWebhook {
  /** notification_url of the preference with `data.id` and `type` appended, as MercadoPago calls it. */
  url: string | null;
  headers: Record<string, string>;
  rawBody: Buffer;
  body: Record<string, unknown>;
  query: Record<string, string>;
}

type Preference = Record<string, unknown> & { id: string; items: Record<string, unknown>[] };
type Payment = MpPaymentRecord;

const METHOD_BY_TYPE: Record<FakeMpPaymentType, string> = {
  credit_card: 'visa',
  debit_card: 'debvisa',
  account_money: 'account_money',
  ticket: 'oxxo',
  bank_transfer: 'pse',
};

export class FakeMercadoPago extends ProviderFake {
  readonly accessToken: string;
  readonly webhookSecret: string;
  private readonly preferences = new Map<string, Preference>();
  private readonly payments = new Map<number, Payment>();
  private readonly idempotency = new ReplayCache<FakeReply>();
  private nextPaymentId = 1_320_000_001;
  private readonly collectorId = 202_809_963;
  private readonly refunds = new MercadoPagoRefunds(this.collectorId);

  constructor(options: FakeMercadoPagoOptions = {}) {
    super();
    this.accessToken = options.accessToken ?? 'TEST-0000000000000000-000000-fakecloudvertice-202809963';
    this.webhookSecret = options.webhookSecret ?? 'fake-mp-webhook-secret';
  }

  gatewayOptions(overrides: Partial<MercadoPagoGatewayOptions> = {}): MercadoPagoGatewayOptions {
    return {
      accessToken: this.accessToken,
      webhookSecret: this.webhookSecret,
      apiBase: this.url,
      ...overrides,
    };
  }

  preference(id: string): Record<string, unknown> {
    return structuredClone(this.mustGetPreference(id));
  }

  payment(id: number | string): Record<string, unknown> {
    return structuredClone(this.mustGetPayment(id));
  }

  /** Whether the preference can still be paid (not expired by `expires` + `expiration_date_to`). */
  isOpen(preferenceId: string): boolean {
    const preference = this.mustGetPreference(preferenceId);
    const until = preference.expiration_date_to;
    return !(preference.expires === true && typeof until === 'string' && Date.parse(until) <= Date.now());
  }

  /** The buyer pays the preference: creates a payment (default approved card) and returns it. */
  pay(preferenceId: string, options: FakePayOptions = {}): Record<string, unknown> {
    const preference = this.mustGetPreference(preferenceId);
    const status = options.status ?? 'approved';
    const paymentTypeId = options.paymentTypeId ?? (status === 'pending' ? 'ticket' : 'credit_card');
    const amount = preference.items.reduce(
      (sum, item) => sum + Number(item.unit_price) * Number(item.quantity),
      0,
    );
    const now = new Date().toISOString();
    const payment: Payment = {
      id: this.nextPaymentId++,
      date_created: now,
      date_approved: null,
      date_last_updated: now,
      money_release_date: null,
      operation_type: 'regular_payment',
      payment_method_id: METHOD_BY_TYPE[paymentTypeId],
      payment_type_id: paymentTypeId,
      status,
      status_detail: options.statusDetail ?? defaultDetail(status, paymentTypeId),
      currency_id: preference.items[0]?.currency_id,
      description: preference.items[0]?.title,
      live_mode: false,
      collector_id: this.collectorId,
      payer: {
        email: (preference.payer as Record<string, unknown> | undefined)?.email ?? null,
        type: 'guest',
      },
      metadata: {},
      external_reference: preference.external_reference ?? null,
      transaction_amount: Number(amount.toFixed(currencyDigits(String(preference.items[0]?.currency_id)))),
      transaction_amount_refunded: 0,
      refunds: [],
      transaction_details: {
        total_paid_amount: amount,
        net_received_amount: amount,
        installment_amount: amount,
      },
      installments: 1,
      order: { id: String(this.nextPaymentId + 8_000_000), type: 'mercadopago' },
      notification_url: preference.notification_url ?? null,
      preference_id: preference.id,
    };
    if (status === 'approved') payment.date_approved = now;
    this.payments.set(payment.id, payment);
    return structuredClone(payment);
  }

  approve(paymentId: number | string): Record<string, unknown> {
    return this.update(paymentId, 'approved', 'accredited');
  }

  decline(paymentId: number | string, statusDetail = 'cc_rejected_other_reason'): Record<string, unknown> {
    return this.update(paymentId, 'rejected', statusDetail);
  }

  setPending(paymentId: number | string, statusDetail = 'pending_waiting_payment'): Record<string, unknown> {
    return this.update(paymentId, 'pending', statusDetail);
  }

  cancel(paymentId: number | string): Record<string, unknown> {
    return this.update(paymentId, 'cancelled', 'expired');
  }

  /** Refunded from MercadoPago's side (seller panel): the whole payment, without an API refund record. */
  refund(paymentId: number | string): Record<string, unknown> {
    const payment = this.mustGetPayment(paymentId);
    payment.transaction_amount_refunded = payment.transaction_amount;
    return this.update(paymentId, 'refunded', 'refunded');
  }

  /** Refunds made through POST /v1/payments/{id}/refunds, oldest first. */
  listRefunds(paymentId: number | string): Record<string, unknown>[] {
    return structuredClone(this.mustGetPayment(paymentId).refunds);
  }

  /** The next API refund gets this status (`in_process`: Pix contingency; `rejected` does not count). One-shot. */
  setNextRefundStatus(status: FakeMpRefundStatus): void {
    this.refunds.nextStatus.set(status);
  }

  /** The query MercadoPago appends to the back_url when the buyer returns after this payment. */
  returnQuery(paymentId: number | string): Record<string, string> {
    const payment = this.mustGetPayment(paymentId);
    return {
      collection_id: String(payment.id),
      collection_status: payment.status,
      payment_id: String(payment.id),
      status: payment.status,
      external_reference: String(payment.external_reference ?? 'null'),
      payment_type: String(payment.payment_type_id),
      merchant_order_id: String((payment.order as Record<string, unknown>).id),
      preference_id: payment.preference_id,
      site_id: 'MLM',
      processing_mode: 'aggregator',
      merchant_account_id: 'null',
    };
  }

  /**
   * A `payment` notification as MercadoPago sends it: body, `data.id`/`type` query and a valid x-signature over
   * `id:<data.id>;request-id:<x-request-id>;ts:<ts>;`. Override `secret`/`ts` to forge invalid ones.
   */
  signedWebhook(
    paymentId: number | string,
    options: { action?: string; requestId?: string; ts?: number; secret?: string } = {},
  ): SignedMercadoPagoWebhook {
    const payment = this.mustGetPayment(paymentId);
    const dataId = String(payment.id);
    const requestId = options.requestId ?? randomUUID();
    const ts = String(options.ts ?? Math.floor(Date.now() / 1000));
    const manifest = `id:${dataId.toLowerCase()};request-id:${requestId};ts:${ts};`;
    const v1 = createHmac('sha256', options.secret ?? this.webhookSecret)
      .update(manifest)
      .digest('hex');
    const body = {
      action: options.action ?? 'payment.updated',
      api_version: 'v1',
      data: { id: dataId },
      date_created: new Date().toISOString(),
      id: Math.floor(Math.random() * 9e11) + 1e11,
      live_mode: false,
      type: 'payment',
      user_id: String(this.collectorId),
    };
    const query = { 'data.id': dataId, type: 'payment' };
    const notificationUrl = typeof payment.notification_url === 'string' ? payment.notification_url : null;
    return {
      url: notificationUrl ? withQuery(notificationUrl, query) : null,
      headers: {
        'content-type': 'application/json',
        'x-signature': `ts=${ts},v1=${v1}`,
        'x-request-id': requestId,
      },
      rawBody: Buffer.from(JSON.stringify(body), 'utf8'),
      body,
      query,
    };
  }

  private update(paymentId: number | string, status: string, detail: string): Record<string, unknown> {
    const payment = this.mustGetPayment(paymentId);
    payment.status = status;
    payment.status_detail = detail;
    payment.date_last_updated = new Date().toISOString();
    if (status === 'approved') payment.date_approved = payment.date_last_updated;
    return structuredClone(payment);
  }

  private mustGetPreference(id: string): Preference {
    return mustFind(this.preferences, id, 'FakeMercadoPago: no preference');
  }

  private mustGetPayment(id: number | string): Payment {
    return mustFind(this.payments, Number(id), 'FakeMercadoPago: no payment');
  }

  protected handle(req: RecordedRequest): FakeReply {
    if (req.method === 'GET' && req.path === '/checkout/v1/redirect') {
      return this.hostedCheckout(req.query.get('pref_id') ?? '', req.query.get('outcome') ?? 'approved');
    }
    if (bearerToken(req.headers) !== this.accessToken) {
      return mpError(401, 'unauthorized', 'invalid access token');
    }
    if (req.method === 'POST' && req.path === '/checkout/preferences') {
      return this.idempotency.answer(
        headerOf(req.headers, 'x-idempotency-key'),
        () => this.createPreference(asObject(req.body)),
        (reply) => reply.status < 500,
      );
    }
    let match = /^\/checkout\/preferences\/([^/]+)$/.exec(req.path);
    if (req.method === 'PUT' && match) {
      // Updating a preference: only the validity fields are modelled (what ending a replaced checkout uses).
      const preference = this.preferences.get(decodeURIComponent(match[1]!));
      if (!preference) return mpError(404, 'not_found', 'Preference not found');
      const body = (req.body ?? {}) as Record<string, unknown>;
      for (const key of ['expires', 'expiration_date_from', 'expiration_date_to'] as const) {
        if (key in body) preference[key] = body[key];
      }
      return { status: 200, body: structuredClone(preference) };
    }
    if (req.method === 'GET' && match) {
      const preference = this.preferences.get(decodeURIComponent(match[1]!));
      return preference
        ? { status: 200, body: structuredClone(preference) }
        : mpError(404, 'not_found', 'Preference not found');
    }
    match = /^\/v1\/payments\/([^/]+)\/refunds$/.exec(req.path);
    if (match && (req.method === 'POST' || req.method === 'GET')) {
      const payment = this.payments.get(Number(match[1]));
      if (!payment) {
        return mpError(404, 'not_found', 'Payment not found', [
          { code: 2000, description: 'Payment not found' },
        ]);
      }
      if (req.method === 'GET') return { status: 200, body: structuredClone(payment.refunds) };
      return this.refunds.route(payment, req);
    }
    match = /^\/v1\/payments\/([^/]+)$/.exec(req.path);
    if (req.method === 'GET' && match) {
      const payment = this.payments.get(Number(match[1]));
      if (!payment)
        return mpError(404, 'not_found', 'Payment not found', [
          { code: 2000, description: 'Payment not found' },
        ]);
      const { preference_id: _internal, ...body } = payment;
      return { status: 200, body: structuredClone(body) };
    }
    return mpError(404, 'not_found', `Resource ${req.method} ${req.path} not found`);
  }

  private createPreference(body: Record<string, unknown>): FakeReply {
    const items = Array.isArray(body.items) ? (body.items as Record<string, unknown>[]) : [];
    if (items.length === 0) return mpError(400, 'bad_request', 'items needed');
    for (const item of items) {
      if (typeof item.title !== 'string' || !item.title) return mpError(400, 'bad_request', 'title needed');
      if (!Number.isInteger(item.quantity) || Number(item.quantity) < 1) {
        return mpError(400, 'bad_request', 'quantity must be a positive integer');
      }
      const currency = String(item.currency_id ?? '');
      if (!/^[A-Z]{3}$/.test(currency)) return mpError(400, 'bad_request', 'currency_id invalid');
      const price = item.unit_price;
      if (typeof price !== 'number' || !(price > 0)) return mpError(400, 'bad_request', 'unit_price invalid');
      if (decimalPlaces(price) > currencyDigits(currency)) {
        return mpError(
          400,
          'bad_request',
          `unit_price invalid: ${currency} allows ${currencyDigits(currency)} decimals`,
        );
      }
    }
    const backUrls = (body.back_urls ?? {}) as Record<string, unknown>;
    if (body.auto_return && !backUrls.success) {
      return mpError(400, 'invalid_auto_return', 'auto_return invalid. back_url.success must be defined');
    }
    const id = `${this.collectorId}-${randomUUID()}`;
    const preference: Preference = {
      id,
      additional_info: '',
      auto_return: body.auto_return ?? '',
      back_urls: { success: '', pending: '', failure: '', ...backUrls },
      binary_mode: false,
      client_id: '6295877106812064',
      collector_id: this.collectorId,
      date_created: new Date().toISOString(),
      expires: false,
      external_reference: body.external_reference ?? '',
      init_point: `${this.url}/checkout/v1/redirect?pref_id=${id}`,
      sandbox_init_point: `${this.url}/checkout/v1/redirect?pref_id=${id}&sandbox=true`,
      items: items.map((item) => ({ id: '', description: '', category_id: '', picture_url: '', ...item })),
      notification_url: body.notification_url ?? null,
      operation_type: 'regular_payment',
      payer: { email: '', name: '', surname: '', ...((body.payer as Record<string, unknown>) ?? {}) },
      site_id: 'MLM',
    };
    this.preferences.set(id, preference);
    return { status: 201, body: structuredClone(preference) };
  }

  /** What the buyer's browser does at init_point: pays with the chosen outcome and comes back to back_urls. */
  private hostedCheckout(preferenceId: string, outcome: string): FakeReply {
    const preference = this.preferences.get(preferenceId);
    if (!preference) return { status: 404, body: '<h1>Preferencia no encontrada</h1>' };
    const backUrls = preference.back_urls as Record<string, string>;
    if (outcome === 'abandon') {
      return redirect(
        withQuery(backUrls.failure || backUrls.success!, {
          collection_id: 'null',
          collection_status: 'null',
          payment_id: 'null',
          status: 'null',
          external_reference: String(preference.external_reference),
          preference_id: preference.id,
        }),
      );
    }
    const status = outcome === 'pending' || outcome === 'rejected' ? outcome : 'approved';
    const payment = this.pay(preference.id, { status });
    const target =
      status === 'approved' ? backUrls.success : status === 'pending' ? backUrls.pending : backUrls.failure;
    return redirect(withQuery(target || backUrls.success!, this.returnQuery(payment.id as number)));
  }
}

export async function startFakeMercadoPago(options: FakeMercadoPagoOptions = {}): Promise<FakeMercadoPago> {
  return new FakeMercadoPago(options).start();
}

function defaultDetail(status: string, type: FakeMpPaymentType): string {
  if (status === 'approved') return 'accredited';
  if (status === 'rejected') return 'cc_rejected_other_reason';
  if (status === 'in_process') return 'pending_contingency';
  return type === 'ticket' || type === 'bank_transfer'
    ? 'pending_waiting_payment'
    : 'pending_waiting_transfer';
}
