import { GatewayError, type GatewayProvider } from './gateway.ts';

/**
 * The single HTTP path of the REST adapters (MercadoPago, PayPal): JSON in and out, a hard timeout per call, and
 * error normalisation — network failures and timeouts become retryable `GatewayError`s; the caller decides what a
 * non-2xx answer means (PayPal's 422 ORDER_ALREADY_CAPTURED is not a failure) or throws it with `gatewayHttpError`.
 */
export interface HttpCall {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  headers?: Record<string, string>;
  /** Sent as JSON unless it is already a string (form bodies). */
  body?: unknown;
  timeoutMs: number;
}

export interface HttpResult {
  status: number;
  ok: boolean;
  body: Record<string, unknown>;
}

export async function callProvider(provider: GatewayProvider, call: HttpCall): Promise<HttpResult> {
  const headers: Record<string, string> = { accept: 'application/json', ...call.headers };
  let body: string | undefined;
  if (call.body !== undefined) {
    if (typeof call.body === 'string') {
      body = call.body;
    } else {
      body = JSON.stringify(call.body);
      headers['content-type'] = 'application/json';
    }
  }
  let response: Response;
  let text: string;
  try {
    // One signal for connect + headers + body: a provider that stalls mid-body still times out.
    const signal = AbortSignal.timeout(call.timeoutMs);
    response = await fetch(call.url, { method: call.method, headers, body, signal, redirect: 'manual' });
    text = await response.text();
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    const what = timedOut ? `timed out after ${call.timeoutMs} ms` : `network error: ${describe(error)}`;
    throw new GatewayError(
      `${provider} ${call.method} ${pathOf(call.url)} ${what}`,
      provider,
      undefined,
      true,
    );
  }
  let parsed: unknown = {};
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      if (response.ok) {
        throw new GatewayError(
          `${provider} ${call.method} ${pathOf(call.url)} answered ${response.status} with a non-JSON body`,
          provider,
          response.status,
          true,
        );
      }
      parsed = { message: text.slice(0, 200) };
    }
  }
  const record = isRecord(parsed) ? parsed : { value: parsed };
  return { status: response.status, ok: response.ok, body: record };
}

/** 429 and 5xx may succeed later; other 4xx will not. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

export function gatewayHttpError(provider: GatewayProvider, what: string, result: HttpResult): GatewayError {
  const detail = providerMessage(result.body);
  return new GatewayError(
    `${provider} ${what} failed with HTTP ${result.status}${detail ? `: ${detail}` : ''}`,
    provider,
    result.status,
    isRetryableStatus(result.status),
  );
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asString(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

function providerMessage(body: Record<string, unknown>): string {
  const parts = [body.name, body.error, body.message, body.error_description]
    .map((v) => (typeof v === 'string' ? v : null))
    .filter((v): v is string => Boolean(v));
  const details = Array.isArray(body.details) ? body.details : [];
  for (const d of details) if (isRecord(d) && typeof d.issue === 'string') parts.push(d.issue);
  return [...new Set(parts)].join(' — ').slice(0, 300);
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
  }
  return String(error);
}
