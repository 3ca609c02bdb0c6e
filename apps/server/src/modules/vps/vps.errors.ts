import { ContaboAuthError, ContaboError } from '@cloud-vertice/contabo';
import { AppError } from '../../lib/errors.ts';

/**
 * Turns a Contabo failure into what the customer should read: never Contabo's raw message, always what happened and
 * what to do. The action row keeps Contabo's own message for the admin.
 */
export function contaboFailure(error: unknown, what: string): AppError {
  if (error instanceof ContaboAuthError) {
    return new AppError(
      'contabo_unavailable',
      `We cannot reach our server provider right now, so the ${what} was not sent. Please try again later.`,
    );
  }
  if (!(error instanceof ContaboError)) {
    return new AppError('internal_error', `The ${what} could not be completed.`);
  }
  if (error.code === 'quota_exceeded') {
    return new AppError(
      'snapshot_quota_exceeded',
      'Your plan has no free snapshot slots: delete an older snapshot first.',
    );
  }
  if (error.method === 'POST' && error.pathTemplate === '/v1/secrets') {
    // Credentials travel as one-off secrets created first; the action itself is only sent once they exist.
    return new AppError(
      'contabo_unavailable',
      `Our server provider could not take the credentials, so the ${what} was NOT sent. Please try again in a minute.`,
    );
  }
  if (error.code === 'rate_limited') {
    // A 429 proves Contabo refused the call before acting on it.
    return new AppError(
      'contabo_unavailable',
      `Our server provider is busy right now and the ${what} was not sent. Please try again in a minute.`,
    );
  }
  const unanswered = error.code === 'timeout' || error.code === 'network' || error.code === 'server_error';
  if (unanswered && error.method === 'GET') {
    // A read that got no answer: nothing changed either way, the caller can simply look again.
    return new AppError(
      'contabo_unavailable',
      `Our server provider did not answer the ${what} in time. Please try again in a minute.`,
    );
  }
  if (error.ambiguous || unanswered) {
    return new AppError(
      'contabo_unavailable',
      `Our server provider did not confirm the ${what}, so its outcome is not known yet: it may still happen. ` +
        'Check the status in a minute before trying again.',
    );
  }
  if (error.retryable) {
    return new AppError(
      'contabo_unavailable',
      `Our server provider could not take the ${what} right now. Please try again in a minute.`,
    );
  }
  if (error.code === 'not_found') {
    return new AppError(
      'contabo_error',
      `Our server provider does not recognise this server. Please contact support.`,
    );
  }
  return new AppError(
    'contabo_error',
    `Our server provider refused the ${what}. Please contact support if it keeps happening.`,
  );
}

export function contaboErrorDetails(error: unknown): { code: string; message: string } {
  if (error instanceof ContaboError) return { code: error.code, message: error.message.slice(0, 1000) };
  if (error instanceof Error) return { code: 'error', message: error.message.slice(0, 1000) };
  return { code: 'error', message: String(error).slice(0, 1000) };
}

/** An action row's fields once sending it failed: failed at `at`, with Contabo's own error (for the admin). */
export function failedAction(error: unknown, at: Date) {
  const details = contaboErrorDetails(error);
  return { status: 'failed', errorCode: details.code, errorMessage: details.message, completedAt: at };
}
