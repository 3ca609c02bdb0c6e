// OAuth2 password grant against Contabo's Keycloak, with a cached token that is renewed shortly before it expires.
// Concurrent callers share one in-flight token request (single flight).
import { ContaboAuthError, ContaboError, codeForStatus, messagesFromBody } from '../errors.ts';
import { zTokenResponse } from '../schemas.ts';
import type { Logger } from './logger.ts';

export interface TokenProviderOptions {
  authUrl: string;
  clientId: string;
  clientSecret: string;
  username: string;
  password: string;
  fetch: typeof fetch;
  now: () => number;
  timeoutMs: number;
  logger?: Logger;
}

export interface TokenProvider {
  getToken(): Promise<string>;
  /** Drops the cached token if it is still `token` (so N parallel 401s cause one renewal, not N). */
  invalidate(token: string): void;
  /** Number of token requests sent so far (for metrics and tests). */
  readonly requestCount: number;
}

/** Renew this long before expiry: 45 s for normal lifetimes, a quarter of the lifetime for very short ones. */
export function renewalMarginMs(expiresInMs: number): number {
  return Math.min(45_000, expiresInMs / 4);
}

export function createTokenProvider(o: TokenProviderOptions): TokenProvider {
  let cached: { token: string; renewAt: number } | null = null;
  let inflight: Promise<string> | null = null;
  let requestCount = 0;

  async function requestToken(): Promise<string> {
    requestCount += 1;
    const form = new URLSearchParams({
      client_id: o.clientId,
      client_secret: o.clientSecret,
      username: o.username,
      password: o.password,
      grant_type: 'password',
    });
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), o.timeoutMs);
    const started = o.now();
    let res: Response;
    let text: string;
    try {
      res = await o.fetch(o.authUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form.toString(),
        signal: controller.signal,
      });
      text = await res.text();
    } catch (cause) {
      const timedOut = controller.signal.aborted;
      throw new ContaboError({
        code: timedOut ? 'timeout' : 'network',
        status: null,
        messages: [timedOut ? 'Contabo token endpoint timed out' : 'Contabo token endpoint unreachable'],
        retryable: true,
        cause,
      });
    } finally {
      clearTimeout(timer);
    }
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = text;
    }
    o.logger?.debug?.({ status: res.status, durationMs: o.now() - started }, 'contabo token request');
    if (res.ok) {
      const parsed = zTokenResponse.safeParse(body);
      if (!parsed.success) {
        throw new ContaboError({
          code: 'invalid_response',
          status: res.status,
          messages: ['Contabo token endpoint returned an unexpected body'],
          retryable: false,
        });
      }
      const expiresInMs = parsed.data.expires_in * 1000;
      cached = {
        token: parsed.data.access_token,
        renewAt: o.now() + expiresInMs - renewalMarginMs(expiresInMs),
      };
      return parsed.data.access_token;
    }
    if (res.status === 429 || res.status >= 500) {
      throw new ContaboError({
        code: codeForStatus(res.status),
        status: res.status,
        messages: messagesFromBody(body, `token endpoint answered ${res.status}`),
        retryable: true,
      });
    }
    const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
    const err = new ContaboAuthError(
      res.status,
      typeof b.error === 'string' ? b.error : null,
      typeof b.error_description === 'string' ? b.error_description : null,
    );
    o.logger?.error?.({ status: res.status, authError: err.authError }, err.message);
    throw err;
  }

  return {
    getToken() {
      if (cached && o.now() < cached.renewAt) return Promise.resolve(cached.token);
      if (!inflight) {
        inflight = requestToken().finally(() => {
          inflight = null;
        });
      }
      return inflight;
    },
    invalidate(token) {
      if (cached?.token === token) cached = null;
    },
    get requestCount() {
      return requestCount;
    },
  };
}
