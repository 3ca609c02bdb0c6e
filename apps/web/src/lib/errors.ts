// Maps API error codes to translated, user-facing messages (never the raw server or provider message).
import { ApiError, CLIENT_ERROR_CODES } from '../api/client.ts';

/** Codes with a message of their own; anything else falls back to a message per HTTP status. */
export const KNOWN_ERROR_CODES = [
  'invalid_credentials',
  'two_factor_required',
  'invalid_two_factor_code',
  'two_factor_enrolment_required',
  'account_disabled',
  'email_not_verified',
  'email_taken',
  'weak_password',
  'invalid_password',
  'invalid_token',
  'invalid_ssh_key',
  'csrf_rejected',
  'action_in_progress',
  'service_suspended',
  'service_inactive',
  'contabo_error',
  'contabo_unavailable',
  'snapshot_quota_exceeded',
  'invalid_transition',
  'legal_acceptance_required',
  'legal_version_outdated',
] as const;
export type KnownErrorCode = (typeof KNOWN_ERROR_CODES)[number];

export type ErrorMessageKey =
  | `errors.codes.${KnownErrorCode}`
  | 'errors.network'
  | 'errors.notFound'
  | 'errors.unauthorized'
  | 'errors.forbidden'
  | 'errors.rateLimited'
  | 'errors.validation'
  | 'errors.conflict'
  | 'errors.server'
  | 'errors.generic';

export function isKnownErrorCode(code: string): code is KnownErrorCode {
  return (KNOWN_ERROR_CODES as readonly string[]).includes(code);
}

export function errorMessageKey(error: unknown): ErrorMessageKey {
  if (!(error instanceof ApiError)) return 'errors.generic';
  if (isKnownErrorCode(error.code)) return `errors.codes.${error.code}`;
  if (error.code === CLIENT_ERROR_CODES.network) return 'errors.network';
  if (error.code === 'not_found' || error.status === 404) return 'errors.notFound';
  if (error.status === 401) return 'errors.unauthorized';
  if (error.status === 403) return 'errors.forbidden';
  if (error.status === 429) return 'errors.rateLimited';
  if (error.status === 400 || error.status === 422) return 'errors.validation';
  if (error.status === 409) return 'errors.conflict';
  if (error.status >= 500) return 'errors.server';
  return 'errors.generic';
}
