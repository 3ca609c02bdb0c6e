import { AppError } from '../../lib/errors.ts';
import type { VpsRow } from './vps.repo.ts';

export type PowerAction = 'start' | 'stop' | 'restart' | 'shutdown';
export type ActionType =
  | PowerAction
  | 'rescue'
  | 'reset-password'
  | 'snapshot-restore'
  | 'snapshot-create'
  | 'snapshot-delete'
  | 'rename'
  | 'reinstall'
  | 'rdns-update'
  | 'firewall-create'
  | 'firewall-update'
  | 'firewall-delete';

/** Which Contabo statuses each action may start from, and the status that means it is done. */
export const STATUS_RULES: Record<
  PowerAction | 'rescue' | 'reset-password',
  { from: string[]; expected: string }
> = {
  start: { from: ['stopped'], expected: 'running' },
  stop: { from: ['running', 'rescue'], expected: 'stopped' },
  shutdown: { from: ['running'], expected: 'stopped' },
  restart: { from: ['running', 'rescue'], expected: 'running' },
  rescue: { from: ['running', 'stopped'], expected: 'rescue' },
  'reset-password': { from: ['running', 'stopped'], expected: 'running' },
};

/** After this long without reaching the expected status, an accepted action is marked failed. */
export const ACTION_TIMEOUT_MS = 15 * 60_000;
/** A detail view asks Contabo at most this often per VPS; otherwise it shows the last sync. */
export const REFRESH_MIN_INTERVAL_MS = 10_000;

/** A suspended service (unpaid invoice) or an ended one cannot be managed: 403 with what to do. */
export function assertServiceActive(vps: Pick<VpsRow, 'serviceStatus'>): void {
  if (vps.serviceStatus === 'suspended') {
    throw new AppError(
      'service_suspended',
      'This server is suspended for an unpaid invoice: pay it to use the server again.',
    );
  }
  if (vps.serviceStatus !== 'active') {
    throw new AppError('service_inactive', 'This service has ended; its server can no longer be managed.');
  }
}

export const actionInProgress = () =>
  new AppError(
    'action_in_progress',
    'Another action is still running on this server; wait for it to finish.',
  );

export function weakRootPassword() {
  return new AppError('validation_error', 'The root password does not meet the provider rules', [
    {
      field: 'body.rootPassword',
      message:
        'at least 8 characters with upper and lower case, and 1 digit + 2 of !@#$^&*?_~ or 3 digits + 1 of them',
    },
  ]);
}
