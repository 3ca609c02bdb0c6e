/**
 * One error taxonomy for the whole API: services throw `AppError(code, message, details?)`, the global handler maps
 * the code to an HTTP status through `STATUS_BY_CODE` and renders `{ error: { code, message, details? } }`.
 */
export const STATUS_BY_CODE = {
  bad_request: 400,
  validation_error: 400,
  weak_password: 400,
  invalid_token: 400,
  invalid_password: 400,
  invalid_two_factor_code: 400,
  invalid_ssh_key: 400,
  legal_acceptance_required: 400,
  legal_version_outdated: 400,
  unauthorized: 401,
  invalid_credentials: 401,
  two_factor_required: 401,
  token_expired: 401,
  payment_required: 402,
  snapshot_quota_exceeded: 402,
  forbidden: 403,
  email_not_verified: 403,
  account_disabled: 403,
  two_factor_enrolment_required: 403,
  csrf_rejected: 403,
  service_suspended: 403,
  service_inactive: 403,
  not_found: 404,
  method_not_allowed: 405,
  request_timeout: 408,
  conflict: 409,
  email_taken: 409,
  action_in_progress: 409,
  invalid_transition: 409,
  assignment_mismatch: 409,
  payload_too_large: 413,
  uri_too_long: 414,
  unsupported_media_type: 415,
  rate_limited: 429,
  headers_too_large: 431,
  internal_error: 500,
  contabo_error: 502,
  contabo_unavailable: 503,
  service_unavailable: 503,
  gateway_timeout: 504,
} as const;

export type ErrorCode = keyof typeof STATUS_BY_CODE;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  readonly headers: Record<string, string>;

  constructor(code: ErrorCode, message: string, details?: unknown, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
    this.headers = headers;
  }

  get status(): number {
    return STATUS_BY_CODE[this.code];
  }
}

export const notFound = (what = 'Resource') => new AppError('not_found', `${what} not found`);
export const badRequest = (message: string, details?: unknown) =>
  new AppError('bad_request', message, details);
export const conflict = (message: string, details?: unknown) => new AppError('conflict', message, details);
export const forbidden = (message = 'You are not allowed to do this') => new AppError('forbidden', message);
export const unauthorized = (message = 'Authentication required') => new AppError('unauthorized', message);

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown; requestId?: string };
}
