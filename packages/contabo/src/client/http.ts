// The one place that talks HTTP to Contabo: bearer auth (with one re-auth on 401), fresh x-request-id per attempt,
// x-trace-id from the caller's context, timeout on every attempt, client-side rate limiting, retries with exponential
// backoff + full jitter according to the operation's retry policy, error normalisation, logging and metrics.
import { randomUUID } from 'node:crypto';
import { ContaboError, TRANSIENT_STATUSES, codeForStatus, messagesFromBody } from '../errors.ts';
import type { TokenProvider } from './auth.ts';
import type { RateLimiter } from './rate-limiter.ts';

import type { Logger } from './logger.ts';

export type { Logger };

/** Per-call context. `traceId` goes into `x-trace-id` (Contabo stores it in audits): use our order/action id. */
export interface CallContext {
  traceId?: string;
  signal?: AbortSignal;
  /** No attempt runs past this instant (per the client's `now()`), and no retry starts after it. */
  deadline?: number;
}

export interface CallMetric {
  method: string;
  pathTemplate: string;
  /** HTTP status, or null when no answer arrived (timeout, network). */
  status: number | null;
  durationMs: number;
  requestId: string;
  traceId: string | null;
  attempt: number;
  /** True when this attempt is a retry of an earlier one. */
  retried: boolean;
  errorCode: string | null;
}

/**
 * - `idempotent`: repeating has no extra effect (GET, PATCH, DELETE, start/stop/shutdown): retried on 429, 5xx,
 *   timeouts and network errors.
 * - `accepted-once`: a repeat could act twice (restart, rescue, resetPassword, reinstall, cancel, snapshot create,
 *   rollback, secret create): retried only on 429 (Contabo refused it, so nothing happened). 5xx/timeout/network
 *   errors are surfaced with `ambiguous: true`; reconcile with the audits (filter by `requestIds`).
 * - `never`: instance create. Never retried, not even on 429; ambiguous failures must be reconciled by displayName
 *   or instance audits before the caller tries again.
 */
export type RetryPolicy = 'idempotent' | 'accepted-once' | 'never';

type Query = Record<string, string | number | boolean | string[] | undefined | null>;

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  pathTemplate: string;
  pathParams?: Record<string, string | number>;
  query?: Query;
  body?: unknown;
  retry: RetryPolicy;
}

export interface HttpResponse {
  status: number;
  body: unknown;
  requestId: string;
}

export interface HttpOptions {
  apiUrl: string;
  auth: TokenProvider;
  limiter: RateLimiter;
  fetch: typeof fetch;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  timeoutMs: number;
  maxRetries: number;
  backoff: { baseDelayMs: number; maxDelayMs: number };
  logger?: Logger;
  onCall?: (metric: CallMetric) => void;
  /** The caller's deadline when the call's context has none (see `ContaboClientOptions.deadline`). */
  deadline?: () => number | undefined;
}

export interface HttpClient {
  request(req: HttpRequest, ctx?: CallContext): Promise<HttpResponse>;
}

export function buildPath(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const v = params[name];
    if (v === undefined) throw new Error(`missing path parameter ${name} for ${template}`);
    return encodeURIComponent(String(v));
  });
}

function buildQuery(query: Query | undefined): string {
  if (!query) return '';
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) v.forEach((item) => qs.append(k, item));
    else qs.append(k, String(v));
  }
  const s = qs.toString();
  return s ? `?${s}` : '';
}

function parseBody(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export function createHttpClient(o: HttpOptions): HttpClient {
  const base = o.apiUrl.replace(/\/+$/, '');

  function backoffMs(attempt: number, retryAfter: string | null): number {
    const ceiling = Math.min(o.backoff.maxDelayMs, o.backoff.baseDelayMs * 2 ** (attempt - 1));
    const jittered = Math.round(o.random() * ceiling); // full jitter
    const ra = retryAfter !== null ? Number(retryAfter) : NaN;
    return Number.isFinite(ra) && ra >= 0 ? Math.max(jittered, Math.min(ra * 1000, 30_000)) : jittered;
  }

  async function request(req: HttpRequest, ctx: CallContext = {}): Promise<HttpResponse> {
    const url = base + buildPath(req.pathTemplate, req.pathParams) + buildQuery(req.query);
    const maxAttempts = req.retry === 'never' ? 1 : o.maxRetries + 1;
    const traceId = ctx.traceId ?? null;
    const requestIds: string[] = [];
    let reauthenticated = false;
    let sentBefore = false; // an earlier attempt may have reached Contabo
    let attempt = 0;
    const deadline = ctx.deadline ?? o.deadline?.();
    let lastFailure: ContaboError | null = null;
    /** The caller's time is up: what is known is that a request may have reached Contabo (`sentBefore`) or not. */
    const outOfTime = () =>
      new ContaboError({
        code: 'timeout',
        status: null,
        messages: [
          lastFailure
            ? `out of time after: ${lastFailure.messages.join('; ')}`
            : 'out of time before the request could be sent',
        ],
        retryable: true,
        ambiguous: req.retry !== 'idempotent' && sentBefore,
        requestIds,
        method: req.method,
        pathTemplate: req.pathTemplate,
        attempts: attempt,
      });

    for (;;) {
      attempt += 1;
      await o.limiter.acquire();
      if (deadline !== undefined && o.now() >= deadline) throw outOfTime();
      const requestId = randomUUID();
      let token: string;
      try {
        token = await o.auth.getToken();
      } catch (err) {
        // Nothing was sent, so even a create may try again when the token endpoint hiccups.
        const timeLeft = deadline === undefined || o.now() < deadline;
        if (err instanceof ContaboError && err.retryable && attempt <= o.maxRetries && timeLeft) {
          o.logger?.warn(
            { method: req.method, path: req.pathTemplate, attempt, code: err.code },
            'contabo token retry',
          );
          await o.sleep(backoffMs(attempt, null));
          continue;
        }
        throw err;
      }
      requestIds.push(requestId);
      const headers: Record<string, string> = {
        authorization: `Bearer ${token}`,
        'x-request-id': requestId,
        accept: 'application/json',
      };
      if (traceId) headers['x-trace-id'] = traceId;
      if (req.body !== undefined) headers['content-type'] = 'application/json';

      const controller = new AbortController();
      const attemptMs =
        deadline === undefined ? o.timeoutMs : Math.max(1, Math.min(o.timeoutMs, deadline - o.now()));
      const timer = setTimeout(() => controller.abort(), attemptMs);
      const onCallerAbort = () => controller.abort();
      ctx.signal?.addEventListener('abort', onCallerAbort, { once: true });
      const started = o.now();
      let status: number | null = null;
      let body: unknown = null;
      let retryAfter: string | null = null;
      let failure: ContaboError | null = null;
      try {
        const res = await o.fetch(url, {
          method: req.method,
          headers,
          body: req.body === undefined ? undefined : JSON.stringify(req.body),
          signal: controller.signal,
        });
        status = res.status;
        retryAfter = res.headers.get('retry-after');
        body = parseBody(await res.text());
      } catch (cause) {
        const timedOut = controller.signal.aborted && !ctx.signal?.aborted;
        const code = timedOut ? 'timeout' : 'network';
        failure = new ContaboError({
          code,
          status: null,
          messages: [
            ctx.signal?.aborted
              ? 'aborted by caller'
              : timedOut
                ? `no answer within ${attemptMs} ms`
                : `network error: ${(cause as Error).message}`,
          ],
          retryable: !ctx.signal?.aborted,
          cause,
        });
      } finally {
        clearTimeout(timer);
        ctx.signal?.removeEventListener('abort', onCallerAbort);
      }
      const durationMs = o.now() - started;
      if (status !== null && status >= 400) {
        failure = new ContaboError({
          code: codeForStatus(status),
          status,
          messages: messagesFromBody(body, `HTTP ${status}`),
          retryable: TRANSIENT_STATUSES.has(status),
        });
      }
      const metric: CallMetric = {
        method: req.method,
        pathTemplate: req.pathTemplate,
        status,
        durationMs,
        requestId,
        traceId,
        attempt,
        retried: attempt > 1,
        errorCode: failure?.code ?? null,
      };
      o.onCall?.(metric);
      const logObj = { ...metric, path: req.pathTemplate };

      // A DELETE repeated after an attempt that may have worked: "already gone" is success.
      if (failure?.status === 404 && req.method === 'DELETE' && sentBefore) failure = null;

      if (!failure) {
        o.logger?.info(logObj, 'contabo call');
        return { status: status ?? 204, body, requestId };
      }

      if (failure.status === 401 && !reauthenticated) {
        // Expired/revoked token: re-authenticate once and retry once (a 401 means nothing was executed).
        reauthenticated = true;
        o.auth.invalidate(token);
        attempt -= 1;
        o.logger?.warn(logObj, 'contabo 401, re-authenticating');
        continue;
      }

      const notAccepted = failure.status === 429; // Contabo refused before acting
      const canRetry =
        failure.retryable &&
        attempt < maxAttempts &&
        (req.retry === 'idempotent' || (req.retry === 'accepted-once' && notAccepted));
      const delay = canRetry ? backoffMs(attempt, retryAfter) : 0;
      // No retry that could not finish before the caller's deadline: answer now with what is known.
      const mayRetry = canRetry && (deadline === undefined || o.now() + delay < deadline);
      if (failure.status !== 429) sentBefore = true;
      lastFailure = failure;
      if (mayRetry) {
        o.logger?.warn({ ...logObj, delayMs: delay }, 'contabo call failed, retrying');
        await o.sleep(delay);
        continue;
      }
      const maybeApplied =
        failure.code === 'timeout' || failure.code === 'network' || failure.code === 'server_error';
      const err = new ContaboError({
        code: failure.code,
        status: failure.status,
        messages: failure.messages,
        retryable: failure.retryable,
        ambiguous: req.retry !== 'idempotent' && (maybeApplied || (sentBefore && notAccepted)),
        requestId,
        requestIds,
        method: req.method,
        pathTemplate: req.pathTemplate,
        attempts: attempt,
        cause: failure.cause,
      });
      o.logger?.warn({ ...logObj, code: err.code, ambiguous: err.ambiguous }, 'contabo call failed');
      throw err;
    }
  }

  return { request };
}
