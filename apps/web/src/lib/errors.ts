// Maps API error codes to translated, user-facing messages (never the raw server or provider message).
import { ApiError, CLIENT_ERROR_CODES } from '../api/client.ts';

export type ErrorMessageKey =
  | 'errors.network'
  | 'errors.notFound'
  | 'errors.unauthorized'
  | 'errors.forbidden'
  | 'errors.rateLimited'
  | 'errors.validation'
  | 'errors.server'
  | 'errors.generic';

export function errorMessageKey(error: unknown): ErrorMessageKey {
  if (!(error instanceof ApiError)) return 'errors.generic';
  if (error.code === CLIENT_ERROR_CODES.network) return 'errors.network';
  if (error.code === 'not_found' || error.status === 404) return 'errors.notFound';
  if (error.status === 401) return 'errors.unauthorized';
  if (error.status === 403) return 'errors.forbidden';
  if (error.status === 429) return 'errors.rateLimited';
  if (error.status === 400 || error.status === 422) return 'errors.validation';
  if (error.status >= 500) return 'errors.server';
  return 'errors.generic';
}
