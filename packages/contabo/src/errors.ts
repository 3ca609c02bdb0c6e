// One error type for everything that can go wrong when talking to Contabo. Callers branch on `code`,
// `retryable` and `ambiguous`, never on message text.

export type ContaboErrorCode =
  | 'bad_request' // 400/415/422 and other 4xx we do not map explicitly
  | 'unauthorized' // 401 (API or token endpoint)
  | 'quota_exceeded' // 402 "requires additional payed service", e.g. snapshot quota
  | 'forbidden' // 403
  | 'not_found' // 404
  | 'conflict' // 409
  | 'rate_limited' // 429
  | 'server_error' // 5xx
  | 'timeout' // our AbortController fired
  | 'network' // connection refused/reset, DNS, ...
  | 'invalid_response' // 2xx whose body does not match our schema
  | 'invalid_request'; // rejected locally before sending (zod validation of our own input)

export interface ContaboErrorInit {
  code: ContaboErrorCode;
  status: number | null;
  messages: string[];
  retryable: boolean;
  /** True when the request may have taken effect at Contabo although we got no success answer. */
  ambiguous?: boolean;
  requestId?: string | null;
  /** Every x-request-id sent for this call, one per attempt (for audit reconciliation). */
  requestIds?: string[];
  method?: string;
  pathTemplate?: string;
  attempts?: number;
  cause?: unknown;
}

export class ContaboError extends Error {
  override readonly name: string = 'ContaboError';
  readonly code: ContaboErrorCode;
  readonly status: number | null;
  readonly messages: string[];
  readonly retryable: boolean;
  readonly ambiguous: boolean;
  readonly requestId: string | null;
  readonly requestIds: string[];
  readonly method: string | null;
  readonly pathTemplate: string | null;
  readonly attempts: number;

  constructor(init: ContaboErrorInit) {
    const where = init.method && init.pathTemplate ? `${init.method} ${init.pathTemplate}: ` : '';
    const status = init.status === null ? init.code : String(init.status);
    super(`Contabo ${status}: ${where}${init.messages.join('; ') || init.code}`, { cause: init.cause });
    this.code = init.code;
    this.status = init.status;
    this.messages = init.messages;
    this.retryable = init.retryable;
    this.ambiguous = init.ambiguous ?? false;
    this.requestId = init.requestId ?? null;
    this.requestIds = init.requestIds ?? (init.requestId ? [init.requestId] : []);
    this.method = init.method ?? null;
    this.pathTemplate = init.pathTemplate ?? null;
    this.attempts = init.attempts ?? 1;
  }
}

/** The token endpoint refused us (wrong client id/secret/user/password, disabled account, ...). Not retryable. */
export class ContaboAuthError extends ContaboError {
  override readonly name = 'ContaboAuthError';
  /** Keycloak's `error` field, e.g. `invalid_grant`, `invalid_client`; null when the body had none. */
  readonly authError: string | null;
  readonly authErrorDescription: string | null;

  constructor(status: number | null, authError: string | null, description: string | null) {
    const detail = [authError, description].filter(Boolean).join(': ');
    super({
      code: 'unauthorized',
      status,
      messages: [`Contabo rejected the API credentials${detail ? ` (${detail})` : ''}`],
      retryable: false,
    });
    this.message = this.messages[0] ?? 'Contabo rejected the API credentials';
    this.authError = authError;
    this.authErrorDescription = description;
  }
}

export function codeForStatus(status: number): ContaboErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 402) return 'quota_exceeded';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server_error';
  return 'bad_request';
}

/** Statuses after which a later attempt may succeed. 500 is included: Contabo itself says "retry" (gotcha #44). */
export const TRANSIENT_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

/** Normalises Contabo's error bodies: `{statusCode, message: string | string[]}`, `{errors: string[]}`, Keycloak. */
export function messagesFromBody(body: unknown, fallback: string): string[] {
  if (body && typeof body === 'object') {
    const b = body as Record<string, unknown>;
    if (typeof b.message === 'string' && b.message) return [b.message];
    if (Array.isArray(b.message)) return b.message.map(String);
    if (Array.isArray(b.errors)) return b.errors.map(String);
    if (typeof b.error_description === 'string') return [b.error_description];
    if (typeof b.error === 'string') return [b.error];
  }
  if (typeof body === 'string' && body.trim()) return [body.trim().slice(0, 300)];
  return [fallback];
}
