import { bearerToken, type FakeReply, type RecordedRequest } from './http-server.ts';
import { randomId } from './paypal-webhooks.fake.ts';

/**
 * PayPal's OAuth2 side, as the fake plays it: POST /v1/oauth2/token with the client's Basic credentials issues an
 * expiring bearer token; every other call must carry a live one (401 `invalid_token` otherwise).
 */
export class PayPalOAuth {
  /** How many tokens were issued (to assert the adapter's caching). */
  requests = 0;
  private readonly tokens = new Map<string, number>();

  constructor(
    private readonly clientId: string,
    private readonly clientSecret: string,
    private readonly ttlSeconds: number,
  ) {}

  issue(req: RecordedRequest): FakeReply {
    const expected = `Basic ${Buffer.from(`${this.clientId}:${this.clientSecret}`).toString('base64')}`;
    if (req.headers.authorization !== expected || !req.rawBody.includes('grant_type=client_credentials')) {
      return {
        status: 401,
        body: { error: 'invalid_client', error_description: 'Client Authentication failed' },
      };
    }
    this.requests++;
    const token = `A21AA${randomId(60)}`;
    this.tokens.set(token, Date.now() + this.ttlSeconds * 1000);
    return {
      status: 200,
      body: {
        scope: 'https://uri.paypal.com/services/payments/payment openid',
        access_token: token,
        token_type: 'Bearer',
        app_id: 'APP-80W284485P519543T',
        expires_in: this.ttlSeconds,
        nonce: `${new Date().toISOString()}${randomId(20)}`,
      },
    };
  }

  /** The 401 PayPal answers when the request carries no live token; undefined when it may go on. */
  refusal(req: RecordedRequest): FakeReply | undefined {
    const token = bearerToken(req.headers);
    const expiry = token ? this.tokens.get(token) : undefined;
    if (expiry && expiry >= Date.now()) return undefined;
    return {
      status: 401,
      body: { error: 'invalid_token', error_description: 'Token signature verification failed' },
    };
  }

  /** Makes every issued token invalid. */
  revokeAll(): void {
    this.tokens.clear();
  }
}
