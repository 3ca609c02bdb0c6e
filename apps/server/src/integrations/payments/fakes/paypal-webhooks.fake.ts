import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { FakeReply } from './http-server.ts';

/**
 * Webhook signing for the PayPal fake. Real PayPal signs `transmission_id|transmission_time|webhook_id|crc32(body)`
 * with its certificate; the fake uses an HMAC with a per-instance key over the same fields (sha256 of the event
 * instead of crc32), so its verify endpoint answers SUCCESS only for transmissions it issued, unaltered, for its
 * own webhook id — and FAILURE for forged signatures, edited bodies or another webhook id.
 */
export type PayPalWebhookType =
  | 'CHECKOUT.ORDER.APPROVED'
  | 'PAYMENT.CAPTURE.COMPLETED'
  | 'PAYMENT.CAPTURE.DENIED'
  | 'PAYMENT.CAPTURE.PENDING';

export interface SignedPayPalWebhook {
  headers: Record<string, string>;
  rawBody: Buffer;
  event: Record<string, unknown>;
}

const AUTH_ALGO = 'SHA256withRSA';
const VERIFY_FIELDS = [
  'auth_algo',
  'cert_url',
  'transmission_id',
  'transmission_sig',
  'transmission_time',
  'webhook_id',
] as const;

export class PayPalWebhookSigner {
  private readonly key = randomBytes(32);

  constructor(
    private readonly webhookId: string,
    private readonly baseUrl: () => string,
  ) {}

  sign(event: Record<string, unknown>): SignedPayPalWebhook {
    const body = JSON.stringify(event);
    const transmissionId = randomUUID();
    const transmissionTime = new Date().toISOString();
    return {
      headers: {
        'content-type': 'application/json',
        'paypal-auth-algo': AUTH_ALGO,
        'paypal-cert-url': `${this.baseUrl()}/v1/notifications/certs/CERT-360caa42-fca2a594-fake`,
        'paypal-transmission-id': transmissionId,
        'paypal-transmission-sig': this.signature(transmissionId, transmissionTime, this.webhookId, body),
        'paypal-transmission-time': transmissionTime,
      },
      rawBody: Buffer.from(body, 'utf8'),
      event,
    };
  }

  /** POST /v1/notifications/verify-webhook-signature */
  verify(input: unknown): FakeReply {
    const body = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
    const missing = VERIFY_FIELDS.filter((k) => typeof body[k] !== 'string' || !body[k]);
    if (missing.length || typeof body.webhook_event !== 'object' || body.webhook_event === null) {
      return unprocessable(
        400,
        'VALIDATION_ERROR',
        'MISSING_REQUIRED_PARAMETER',
        missing[0] ?? 'webhook_event',
      );
    }
    const expected = this.signature(
      String(body.transmission_id),
      String(body.transmission_time),
      String(body.webhook_id),
      JSON.stringify(body.webhook_event),
    );
    const ok =
      expected === body.transmission_sig &&
      body.webhook_id === this.webhookId &&
      body.auth_algo === AUTH_ALGO;
    return { status: 200, body: { verification_status: ok ? 'SUCCESS' : 'FAILURE' } };
  }

  private signature(transmissionId: string, time: string, webhookId: string, eventJson: string): string {
    const digest = createHash('sha256').update(eventJson).digest('hex');
    return createHmac('sha256', this.key)
      .update(`${transmissionId}|${time}|${webhookId}|${digest}`)
      .digest('base64');
  }
}

/** PayPal's error body: `{ name, message, debug_id, details: [{ field, location, issue, description }] }`. */
export function unprocessable(status: number, name: string, issue: string, field?: string): FakeReply {
  return {
    status,
    body: {
      name,
      message:
        'The requested action could not be performed, semantically incorrect, or failed business validation.',
      debug_id: randomId(13),
      details: [
        { ...(field ? { field, location: 'body' } : {}), issue, description: issue.replace(/_/g, ' ') },
      ],
    },
  };
}

export function notFound(id: string): FakeReply {
  return {
    status: 404,
    body: {
      name: 'RESOURCE_NOT_FOUND',
      message: 'The specified resource does not exist.',
      debug_id: randomId(13),
      details: [{ issue: 'INVALID_RESOURCE_ID', description: `Specified resource ID ${id} does not exist.` }],
    },
  };
}

export function randomId(length: number): string {
  return randomBytes(length).toString('hex').slice(0, length);
}
