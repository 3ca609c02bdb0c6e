import { ApiError } from '../../api/client.ts';

export type TokenProblem = 'expired' | 'used' | 'invalid';

/**
 * The API answers 400 invalid_token for any bad link. Its message tells an expired link apart ("…expired…"); an
 * invalid and a used link share one message, so they share one explanation unless details say `reason: 'used'`.
 */
export function tokenProblem(error: unknown): TokenProblem | null {
  if (!(error instanceof ApiError)) return null;
  if (error.code !== 'invalid_token' && error.code !== 'token_expired') return null;
  if (error.code === 'token_expired') return 'expired';
  const details = error.details as { reason?: unknown } | undefined;
  const hint = `${typeof details?.reason === 'string' ? details.reason : ''} ${error.message}`.toLowerCase();
  if (hint.includes('expired')) return 'expired';
  if (details?.reason === 'used') return 'used';
  return 'invalid';
}
